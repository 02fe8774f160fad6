// Station snapshots for the panels' unit tests, built the way the page builds its own views.
import { type ConnectorSnapshot, createState, type StationSnapshot } from '@ocpp-ws-io/station';
import { offSnapshot } from '../src/sim/view.js';

export const T0 = Date.parse('2026-12-03T12:00:00Z');

/** A running, accepted 1.6 station with `connectors` connectors, changed by `overrides`. */
export function snapshot(
  overrides: Partial<StationSnapshot> = {},
  connectors: ReadonlyArray<Partial<ConnectorSnapshot>> = [{}, {}],
): StationSnapshot {
  const base = offSnapshot(
    'CP-1',
    createState({ vendor: 'Acme', model: 'X1', connectors: connectors.length }),
    T0,
  );
  return {
    ...base,
    protocol: 'ocpp1.6',
    connection: 'open',
    started: true,
    boot: { status: 'Accepted', intervalS: 60, acceptedOnce: true },
    connectors: base.connectors.map((c, i) => ({ ...c, status: 'Available', ...connectors[i] })),
    ...overrides,
  };
}
