import type { ClientState, OCPPProtocol } from '@ocpp-ws-io/core';
import type { BootStatus, ConnectorState, StationState, StationWideState } from './model/state.js';

/**
 * A connector as a UI shows it.
 *
 * @example
 * ```ts
 * const charging = station.snapshot().connectors.filter((c: ConnectorSnapshot) => c.status === 'Charging');
 * ```
 */
export interface ConnectorSnapshot extends Omit<ConnectorState, 'reportedStatus'> {
  /** The status in the negotiated version's terms (1.6 ChargePointStatus). */
  readonly status: string;
  /** Energy of the running transaction so far, Wh. */
  readonly sessionEnergyWh: number;
}

/**
 * Everything a UI needs, as plain JSON (a copy: changing it changes nothing). Write-only
 * configuration values (1.6 AuthorizationKey) are left out.
 *
 * @example
 * ```ts
 * station.on('change', (snapshot: StationSnapshot) => render(snapshot.connectors));
 * ```
 */
export interface StationSnapshot {
  readonly identity: string;
  readonly protocol: OCPPProtocol | undefined;
  /** The client's connection state ('open' = online). */
  readonly connection: ClientState;
  readonly started: boolean;
  readonly boot: { readonly status: BootStatus; readonly intervalS: number; readonly acceptedOnce: boolean };
  readonly station: StationWideState & { readonly status: string };
  readonly connectors: readonly ConnectorSnapshot[];
  readonly config: Readonly<Record<string, string>>;
  readonly localListVersion: number;
  readonly chargingProfiles: StationState['chargingProfiles'];
  readonly certificates: StationState['certificates'];
  readonly operations: StationState['operations'];
  readonly nowMs: number;
}

/**
 * Builds a snapshot; `statusOf` comes from the profile (undefined before the first connection).
 *
 * @example
 * ```ts
 * // Used by VirtualStation.snapshot(); exported for profiles' tests.
 * const snapshot = takeSnapshot({ identity: 'CP-1', state, connection: 'open', started: true, nowMs: Date.now(), statusOf: undefined, hiddenConfigKeys: [] });
 * ```
 */
export function takeSnapshot(input: {
  readonly identity: string;
  readonly state: StationState;
  readonly connection: ClientState;
  readonly started: boolean;
  readonly nowMs: number;
  readonly statusOf: ((connectorId: number) => string) | undefined;
  readonly hiddenConfigKeys: readonly string[];
}): StationSnapshot {
  const state = structuredClone(input.state);
  const status = (id: number) => input.statusOf?.(id) ?? 'Unknown';
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(state.config))
    if (!input.hiddenConfigKeys.includes(key)) config[key] = value;
  const { reportedStatus: _station, ...station } = state.station;
  return {
    identity: input.identity,
    protocol: state.protocol,
    connection: input.connection,
    started: input.started,
    boot: {
      status: state.boot.status,
      intervalS: state.boot.intervalS,
      acceptedOnce: state.boot.acceptedOnce,
    },
    station: { ...station, status: status(0) },
    connectors: state.connectors.map(({ reportedStatus: _r, ...c }) => ({
      ...c,
      status: status(c.id),
      sessionEnergyWh: c.transaction ? c.meterWh - c.transaction.meterStartWh : 0,
    })),
    config,
    localListVersion: state.auth.localList.version,
    chargingProfiles: state.chargingProfiles,
    certificates: state.certificates,
    operations: state.operations,
    nowMs: input.nowMs,
  };
}
