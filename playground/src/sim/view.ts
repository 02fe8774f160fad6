// What the page shows of a station: its snapshot while it runs, and while it is off the state its
// last run left (meter registers, a transaction the reload cut off), which a stopped
// VirtualStation's snapshot cannot show (it starts from the saved state only in start()).
import type { StationSnapshot, StationState } from '@ocpp-ws-io/station';
import { protocolLabel } from '../settings.js';

/** The status a connector shows while its station is off. */
export const OFF = 'Off';

/** A snapshot-shaped view of a station that is not running. */
export function offSnapshot(identity: string, state: StationState, nowMs: number): StationSnapshot {
  const copy = structuredClone(state);
  const { reportedStatus: _s, ...station } = copy.station;
  return {
    identity,
    protocol: copy.protocol,
    connection: 'idle',
    started: false,
    boot: { status: copy.boot.status, intervalS: copy.boot.intervalS, acceptedOnce: copy.boot.acceptedOnce },
    station: { ...station, status: OFF },
    connectors: copy.connectors.map(({ reportedStatus: _r, ...c }) => ({
      ...c,
      status: OFF,
      sessionEnergyWh: c.transaction ? c.meterWh - c.transaction.meterStartWh : 0,
    })),
    // Configuration keys are the running profile's to show (and to hide: write-only secrets).
    config: {},
    localListVersion: copy.auth.localList.version,
    chargingProfiles: copy.chargingProfiles,
    certificates: [],
    operations: copy.operations,
    nowMs,
  };
}

/** The header's pill: a short status and its tone (styling: ok, warn, bad, busy, off). */
export interface Pill {
  readonly text: string;
  readonly tone: 'ok' | 'warn' | 'bad' | 'busy' | 'off';
}

export function pillOf(view: StationSnapshot, networkUp: boolean): Pill {
  if (!view.started) return { text: 'Offline', tone: 'off' };
  if (!networkUp) return { text: 'Offline · network cable out', tone: 'warn' };
  switch (view.connection) {
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy' };
    case 'reconnecting':
      return { text: 'Reconnecting…', tone: 'busy' };
    case 'open': {
      const version = view.protocol ? protocolLabel(view.protocol) : 'OCPP';
      const boot = view.boot.status;
      if (boot === 'Unknown') return { text: `Online · ${version} · booting…`, tone: 'busy' };
      const tone = boot === 'Accepted' ? 'ok' : boot === 'Pending' ? 'warn' : 'bad';
      return { text: `Online · ${version} · Boot ${boot}`, tone };
    }
    default:
      // The client gave up reconnecting (or is closing): the station runs on, offline.
      return { text: 'Offline · gave up reconnecting', tone: 'bad' };
  }
}
