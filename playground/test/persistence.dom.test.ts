// @vitest-environment happy-dom
// A station's saved state in localStorage (sim/local-persistence.ts): writes are spaced out but
// never lost at a stop, the page going away saves "now", a changed connector count keeps what it
// can, and a connector with a transaction is never dropped.
import { createState, ManualClock, type StationState } from '@ocpp-ws-io/station';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  fitConnectors,
  LocalStoragePersistence,
  readSavedState,
  stateKey,
} from '../src/sim/local-persistence.js';

const MODEL = { vendor: 'Acme', model: 'X1' } as const;
const T0 = Date.parse('2026-12-03T12:00:00Z');

beforeEach(() => localStorage.clear());

describe('LocalStoragePersistence', () => {
  it('keeps the newest state, writes it on flush(), and on pageHide() as a save made now', async () => {
    const clock = new ManualClock(T0);
    const p = new LocalStoragePersistence('CP-1', { ...MODEL, connectors: 1 }, clock);
    const state = createState({ ...MODEL, connectors: 1 });
    state.savedAtMs = T0;
    await p.save(state);
    expect(localStorage.getItem(stateKey('CP-1'))).toBeNull(); // not yet: spaced out
    p.flush();
    expect(readSavedState('CP-1')?.savedAtMs).toBe(T0);
    // A meter sample moved the register without a save; then the page goes.
    state.connectors[0]!.meterWh = 1_234;
    await clock.advance(5_000);
    p.pageHide();
    expect(readSavedState('CP-1')).toMatchObject({ savedAtMs: T0 + 5_000 });
    expect(readSavedState('CP-1')!.connectors[0]!.meterWh).toBe(1_234);
    expect(await p.load()).toMatchObject({ savedAtMs: T0 + 5_000 });
  });

  it("ignores what is not the package's format (the playground's old station model)", () => {
    localStorage.setItem(stateKey('CP-1'), JSON.stringify({ state: { connectors: [] }, outbox: [] }));
    expect(readSavedState('CP-1')).toBeUndefined();
    localStorage.setItem(stateKey('CP-1'), '{not json');
    expect(readSavedState('CP-1')).toBeUndefined();
  });
});

describe('fitConnectors', () => {
  const saved = (n: number): StationState => {
    const s = createState({ ...MODEL, connectors: n });
    s.connectors[0]!.meterWh = 5_000;
    return s;
  };

  it('adds fresh connectors and keeps the existing ones with their registers', () => {
    const fitted = fitConnectors(saved(1), { ...MODEL, connectors: 3 }, 'CP-1');
    expect(fitted.connectors.map((c) => [c.id, c.meterWh])).toEqual([
      [1, 5_000],
      [2, 2_000],
      [3, 3_000],
    ]);
  });

  it('drops idle connectors, refuses to drop one with a transaction (its end would never be reported)', () => {
    expect(fitConnectors(saved(3), { ...MODEL, connectors: 1 }, 'CP-1').connectors).toHaveLength(1);
    const busy = saved(2);
    busy.connectors[1]!.transaction = {
      localId: 'CP-1-1',
      idTag: 'TAG-1',
      startedAtMs: T0,
      meterStartWh: 2_000,
      startStored: true,
      held: [],
      samples: [],
    };
    expect(() => fitConnectors(busy, { ...MODEL, connectors: 1 }, 'CP-1')).toThrow(
      'CP-1 has a transaction on connector 2: connect it with 2 connectors to end it first',
    );
  });
});
