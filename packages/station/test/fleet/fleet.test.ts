// Fleet on the in-memory transport with a ManualClock: identities, per-station overrides,
// staggered boots (order and timing on the shared clock), the cap on concurrent boots, the shared
// clock after boot, start/stop for all, and the summary a UI reads.

import { ConnectError } from '@ocpp-ws-io/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGGER_MS, fleetIdentity, ManualClock } from '../../src/index.js';
import { FleetCsms, memoryClient, memoryFleet, T0 } from './helpers/memory-csms.js';

const setup = () => {
  const clock = new ManualClock(T0);
  return { clock, csms: new FleetCsms(clock) };
};

describe('identities', () => {
  it('come from the template, {n} or zero-padded {n:W}, from firstNumber', () => {
    expect(fleetIdentity('CP-{n}', 7)).toBe('CP-7');
    expect(fleetIdentity('SIM-{n:4}', 42)).toBe('SIM-0042');
    expect(fleetIdentity('{n:2}/{n}', 123)).toBe('123/123');
    const { csms } = setup();
    const fleet = memoryFleet(csms, { size: 3, identity: 'LAB-{n:3}', firstNumber: 9 });
    expect(fleet.identities).toEqual(['LAB-009', 'LAB-010', 'LAB-011']);
    expect(fleet.stations.map((s) => s.client.identity)).toEqual(fleet.identities);
    expect(fleet.station('LAB-010')).toBe(fleet.stations[1]);
    expect(fleet.station('LAB-012')).toBeUndefined();
  });

  it('a template without {n}, a bad size, or a client for another identity is refused', () => {
    const { csms } = setup();
    expect(() => fleetIdentity('CP', 1)).toThrow(/has no \{n\}/);
    expect(() => memoryFleet(csms, { size: 2, identity: 'CP-1' })).toThrow(TypeError);
    expect(() => memoryFleet(csms, { size: 0 })).toThrow(RangeError);
    expect(() => memoryFleet(csms, { size: 1.5 })).toThrow(RangeError);
    expect(() => memoryFleet(csms, { size: 2, client: () => memoryClient(csms, 'CP-1') })).toThrow(
      /client\("CP-2"\) made a client for CP-1/,
    );
  });

  it('the factory gets (identity, index); overrides change one station’s model', async () => {
    const { clock, csms } = setup();
    const calls: Array<[string, number]> = [];
    const made: Array<[string, number]> = [];
    const fleet = memoryFleet(csms, {
      size: 3,
      staggerMs: 0,
      client: (identity, index) => {
        made.push([identity, index]);
        return memoryClient(csms, identity);
      },
      overrides: (identity, index) => {
        calls.push([identity, index]);
        return index === 1 ? { model: 'Sim-DC', connectors: 2 } : undefined;
      },
    });
    expect(made).toEqual([
      ['CP-1', 0],
      ['CP-2', 1],
      ['CP-3', 2],
    ]);
    expect(calls).toEqual([
      ['CP-1', 0],
      ['CP-2', 1],
      ['CP-3', 2],
    ]);
    const started = fleet.start();
    await clock.settle();
    expect(await started).toEqual({ started: 3, failed: 0 });
    const models = Object.fromEntries(
      csms.of('BootNotification').map((b) => [b.identity, b.params.chargePointModel]),
    );
    expect(models).toEqual({ 'CP-1': 'Sim-1', 'CP-2': 'Sim-DC', 'CP-3': 'Sim-1' });
    expect(fleet.stations[1]!.state.connectors).toHaveLength(2);
    await fleet.stop();
  });
});

describe('staggered boots', () => {
  it('boot in order, staggerMs apart on the shared clock', async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, { size: 4, staggerMs: 1_000 });
    const order: string[] = [];
    fleet.on('stationStarted', ({ identity }) => order.push(identity));
    const started = fleet.start();
    await clock.settle();
    expect(csms.of('BootNotification').map((b) => b.identity)).toEqual(['CP-1']);
    expect(fleet.summary()).toMatchObject({ waiting: 3, started: 1, booted: 1, online: 1 });
    await clock.advance(999);
    expect(csms.of('BootNotification')).toHaveLength(1);
    await clock.advance(1);
    expect(csms.of('BootNotification')).toHaveLength(2);
    await clock.advance(2_000);
    expect(await started).toEqual({ started: 4, failed: 0 });
    expect(csms.of('BootNotification').map((b) => [b.identity, b.atMs - T0])).toEqual([
      ['CP-1', 0],
      ['CP-2', 1_000],
      ['CP-3', 2_000],
      ['CP-4', 3_000],
    ]);
    expect(order).toEqual(['CP-1', 'CP-2', 'CP-3', 'CP-4']);
    await fleet.stop();
  });

  it(`default: ${DEFAULT_STAGGER_MS} ms apart`, async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, { size: 3 });
    const started = fleet.start();
    await clock.advance(2 * DEFAULT_STAGGER_MS);
    await started;
    expect(csms.of('BootNotification').map((b) => b.atMs - T0)).toEqual([
      0,
      DEFAULT_STAGGER_MS,
      2 * DEFAULT_STAGGER_MS,
    ]);
    await fleet.stop();
  });

  it('at most maxConcurrentStarts boot at once: the next waits for an answer', async () => {
    const { clock, csms } = setup();
    csms.bootDelayMs = 5_000;
    const fleet = memoryFleet(csms, { size: 5, staggerMs: 100, maxConcurrentStarts: 2 });
    const started = fleet.start();
    await clock.advance(100);
    expect(fleet.summary()).toMatchObject({ starting: 2, waiting: 3, started: 0 });
    await clock.advance(20_000);
    expect(await started).toEqual({ started: 5, failed: 0 });
    // CP-1 at 0 and CP-2 at 100; CP-3 once CP-1 was answered (5000), CP-4 a stagger step later
    // only if a slot is free: CP-2's answer came at 5100.
    expect(csms.of('BootNotification').map((b) => [b.identity, b.atMs - T0])).toEqual([
      ['CP-1', 0],
      ['CP-2', 100],
      ['CP-3', 5_000],
      ['CP-4', 5_100],
      ['CP-5', 10_000],
    ]);
    await fleet.stop();
  });

  it('a refused station fails alone, with the CSMS’s status; the others boot', async () => {
    const { clock, csms } = setup();
    csms.refused.add('CP-2');
    const fleet = memoryFleet(csms, { size: 3, staggerMs: 10 });
    const failures: Array<[string, unknown]> = [];
    fleet.on('stationFailed', ({ identity, error }) => failures.push([identity, error]));
    const started = fleet.start();
    await clock.advance(100);
    expect(await started).toEqual({ started: 2, failed: 1 });
    expect(failures).toHaveLength(1);
    expect(failures[0]![0]).toBe('CP-2');
    expect(failures[0]![1]).toBeInstanceOf(ConnectError);
    expect((failures[0]![1] as ConnectError).status).toBe(401);
    expect(fleet.phaseOf(1)).toBe('failed');
    expect(fleet.summary()).toMatchObject({ started: 2, failed: 1, booted: 2, online: 2 });
    await fleet.stop();
  });
});

describe('one clock', () => {
  it('every station runs on the fleet’s clock: heartbeats follow each one’s boot time', async () => {
    const { clock, csms } = setup();
    csms.heartbeatIntervalS = 60;
    const fleet = memoryFleet(csms, { size: 3, staggerMs: 10_000 });
    expect(fleet.stations.every((s) => s.clock === clock)).toBe(true);
    const started = fleet.start();
    await clock.advance(20_000);
    await started;
    await clock.advance(50_000);
    expect(csms.of('Heartbeat').map((h) => [h.identity, h.atMs - T0])).toEqual([
      ['CP-1', 60_000],
      ['CP-2', 70_000],
    ]);
    await clock.advance(10_000);
    expect(csms.of('Heartbeat').map((h) => h.identity)).toEqual(['CP-1', 'CP-2', 'CP-3']);
    await fleet.stop();
  });
});

describe('start and stop all', () => {
  it('stop() cancels the boots still to come, stops the started stations, and can start again', async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, { size: 4, staggerMs: 1_000 });
    const events: string[] = [];
    fleet.on('started', (r) => events.push(`started ${r.started}/${r.failed}`));
    fleet.on('stopped', () => events.push('stopped'));
    const started = fleet.start();
    await clock.advance(1_000);
    expect(() => fleet.start()).toThrow(/already started/);
    await fleet.stop();
    expect(await started).toEqual({ started: 2, failed: 0 });
    expect(events).toEqual(['started 2/0', 'stopped']);
    expect([0, 1, 2, 3].map((i) => fleet.phaseOf(i))).toEqual(['stopped', 'stopped', 'idle', 'idle']);
    expect(fleet.stations.map((s) => s.client.state)).toEqual(['closed', 'closed', 'idle', 'idle']);
    await clock.advance(10_000);
    expect(csms.of('BootNotification')).toHaveLength(2);
    expect(fleet.summary()).toMatchObject({ online: 0, booted: 0, started: 0, waiting: 0 });

    const again = fleet.start();
    await clock.advance(3_000);
    expect(await again).toEqual({ started: 4, failed: 0 });
    expect(fleet.summary()).toMatchObject({ online: 4, booted: 4, started: 4 });
    await fleet.stop();
  });

  it('stop() ends running transactions (StopTransaction reason Other by default)', async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, { size: 2, staggerMs: 0 });
    const started = fleet.start();
    await clock.settle();
    await started;
    fleet.stations[0]!.plugIn(1);
    await fleet.stations[0]!.presentToken('TAG1', 1);
    await clock.settle();
    await fleet.stop();
    expect(csms.of('StopTransaction').map((s) => [s.identity, s.params.reason])).toEqual([['CP-1', 'Other']]);
  });

  it('two stop() calls at once stop each station once', async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, { size: 2, staggerMs: 0 });
    const started = fleet.start();
    await clock.settle();
    await started;
    fleet.stations[0]!.plugIn(1);
    await fleet.stations[0]!.presentToken('TAG1', 1);
    await clock.settle();
    let stopped = 0;
    fleet.on('stopped', () => stopped++);
    const first = fleet.stop();
    const second = fleet.stop();
    await Promise.all([first, second]);
    expect(stopped).toBe(1);
    expect(csms.of('StopTransaction')).toHaveLength(1);
  });
});

describe('summary', () => {
  it('counts phases, connections, boots, transactions, power and errors', async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, {
      size: 3,
      staggerMs: 100,
      station: { vendor: 'Acme', model: 'Sim-1', securityEvents: false, maxPowerW: 11_000 },
    });
    expect(fleet.summary()).toEqual({
      size: 3,
      waiting: 0,
      starting: 0,
      started: 0,
      failed: 0,
      online: 0,
      booted: 0,
      pending: 0,
      rejected: 0,
      transactions: 0,
      charging: 0,
      powerW: 0,
      errors: 0,
      nowMs: T0,
    });
    const started = fleet.start();
    await clock.advance(200);
    await started;
    fleet.stations[0]!.plugIn(1, { maxPowerW: 7_400 });
    await fleet.stations[0]!.presentToken('TAG1', 1);
    fleet.stations[2]!.plugIn(1);
    await fleet.stations[2]!.presentToken('TAG3', 1);
    fleet.stations[1]!.plugIn(1);
    expect(await fleet.stations[1]!.presentToken('BAD', 1)).toMatchObject({ result: 'rejected' });
    await clock.advance(1_000);
    expect(fleet.summary()).toMatchObject({
      started: 3,
      online: 3,
      booted: 3,
      transactions: 2,
      charging: 2,
      powerW: 7_400 + 11_000,
      errors: 0,
      nowMs: T0 + 1_200,
    });
    const changes: string[] = [];
    fleet.on('stationChange', ({ identity }) => changes.push(identity));
    fleet.stations[1]!.unplug(1);
    expect(changes).toContain('CP-2');
    await fleet.stop();
    expect(fleet.summary()).toMatchObject({ online: 0, transactions: 0, charging: 0, powerW: 0 });
  });

  it('a station’s error event is counted and forwarded with its identity', async () => {
    const { clock, csms } = setup();
    const fleet = memoryFleet(csms, { size: 2, staggerMs: 0 });
    const started = fleet.start();
    await clock.settle();
    await started;
    const seen: string[] = [];
    fleet.on('stationError', ({ identity, error }) => seen.push(`${identity}: ${error.message}`));
    // The CSMS answers StatusNotification with a CALLERROR from now on: the station reports it.
    csms.failing.add('StatusNotification');
    fleet.stations[1]!.plugIn(1);
    await clock.settle();
    expect(seen).toHaveLength(1);
    // The CALLERROR's text is the server's (it never tells a station an exception's message).
    expect(seen[0]).toMatch(/^CP-2: /);
    expect(fleet.summary().errors).toBe(1);
    await fleet.stop();
  });
});
