// plugInRandomly on a ManualClock with a seeded random source: which stations get a car and
// when, transactions started and rejected, drivers leaving after stayMs, skipped stations, and
// cancel().

import { describe, expect, it } from 'vitest';
import { ManualClock, plugInRandomly } from '../../src/index.js';
import { FleetCsms, memoryFleet, T0 } from './helpers/memory-csms.js';

/** A repeatable sequence in [0, 1). */
const sequence = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

async function startedFleet(size: number) {
  const clock = new ManualClock(T0);
  const csms = new FleetCsms(clock);
  const fleet = memoryFleet(csms, { size, staggerMs: 0 });
  const started = fleet.start();
  await clock.settle();
  await started;
  return { clock, csms, fleet };
}

describe('plugInRandomly', () => {
  it('plugs count cars into distinct stations at random moments within the window', async () => {
    const { clock, csms, fleet } = await startedFleet(5);
    // Per car: a pick (k + floor(r × (size − k))) and an arrival time (r × withinMs).
    const random = sequence([0.5, 0.1, 0.0, 0.9, 0.99, 0.5]);
    const scenario = plugInRandomly(fleet, { count: 3, withinMs: 600_000, random });
    // Picks: k=0: 0 + floor(0.5×5) = 2 → CP-3 at 60 s; k=1: 1 + floor(0×4) = 1 → CP-2 at 540 s;
    // k=2: 2 + floor(0.99×3) = 4 → CP-5 at 300 s.
    await clock.advance(600_000);
    expect(await scenario.done).toEqual({ started: 3, rejected: 0, skipped: 0, left: 0 });
    expect(csms.of('StartTransaction').map((s) => [s.identity, s.atMs - T0, s.params.idTag])).toEqual([
      ['CP-3', 60_000, 'FLEET000003'],
      ['CP-5', 300_000, 'FLEET000005'],
      ['CP-2', 540_000, 'FLEET000002'],
    ]);
    expect(fleet.summary()).toMatchObject({ transactions: 3, charging: 3 });
    await fleet.stop();
  });

  it('drivers leave after stayMs: the transaction ends (Local) and the cable comes out', async () => {
    const { clock, csms, fleet } = await startedFleet(2);
    const scenario = plugInRandomly(fleet, {
      count: 2,
      withinMs: 1_000,
      stayMs: 600_000,
      idTag: (identity) => `T-${identity}`,
      car: { socPercent: 10 },
      random: sequence([0]),
    });
    await clock.advance(1_000);
    expect(fleet.summary().transactions).toBe(2);
    await clock.advance(600_000);
    expect(await scenario.done).toEqual({ started: 2, rejected: 0, skipped: 0, left: 2 });
    expect(csms.of('StopTransaction').map((s) => s.params.reason)).toEqual(['Local', 'Local']);
    expect(csms.of('StartTransaction').map((s) => s.params.idTag)).toEqual(['T-CP-1', 'T-CP-2']);
    expect(fleet.stations.every((s) => !s.state.connectors[0]!.plugged)).toBe(true);
    await fleet.stop();
  });

  it('a refused token counts as rejected; a busy or stopped station is skipped', async () => {
    const { clock, fleet } = await startedFleet(3);
    fleet.stations[1]!.plugIn(1);
    const scenario = plugInRandomly(fleet, {
      count: 3,
      withinMs: 0,
      idTag: (id) => (id === 'CP-1' ? 'BAD-1' : 'OK'),
      random: sequence([0]),
    });
    await clock.settle();
    expect(await scenario.done).toEqual({ started: 1, rejected: 1, skipped: 1, left: 0 });
    await fleet.stop();
  });

  it('cancel() stops the cars still to come; done resolves with what happened so far', async () => {
    const { clock, fleet } = await startedFleet(3);
    const scenario = plugInRandomly(fleet, {
      count: 3,
      withinMs: 1_000,
      random: sequence([0, 0.1, 0, 0.5, 0, 0.9]),
    });
    await clock.advance(500);
    scenario.cancel();
    expect(await scenario.done).toEqual({ started: 2, rejected: 0, skipped: 0, left: 0 });
    await clock.advance(1_000);
    expect(fleet.stations[2]!.state.connectors[0]!.plugged).toBe(false);
    await fleet.stop();
  });

  it('refuses more cars than stations', async () => {
    const { fleet } = await startedFleet(2);
    expect(() => plugInRandomly(fleet, { count: 3, withinMs: 1 })).toThrow(RangeError);
    await fleet.stop();
  });
});
