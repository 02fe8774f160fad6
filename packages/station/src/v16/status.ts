// Connector status per OCPP 1.6 §4.9 and ChargePointStatus §7.7, derived from the neutral state,
// and StatusNotification sent for every change once the station is accepted.

import { carDemandW } from '../model/physics.js';
import type { ConnectorState, StationState } from '../model/state.js';
import type { Ocpp16 } from './profile.js';

export type ChargePointStatus =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEVSE'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted';

/** Free for a new session: nothing plugged or going on, operative, not faulted. */
export function isFree(c: ConnectorState): boolean {
  return (
    !c.plugged &&
    !c.transaction &&
    !c.authorization &&
    !c.reservation &&
    c.operative &&
    !c.fault &&
    !c.finishing
  );
}

/** The 1.6 status of connector `c` (§7.7). */
export function connectorStatus(c: ConnectorState, state: StationState): ChargePointStatus {
  if (c.fault || state.station.fault) return 'Faulted';
  const tx = c.transaction;
  if (tx) {
    if (tx.suspendedByCsms || c.limitW === 0) return 'SuspendedEVSE';
    if (!c.plugged || !c.car || carDemandW(c.car) === 0) return 'SuspendedEV';
    return 'Charging';
  }
  if (c.finishing && c.plugged) return 'Finishing';
  if (!c.operative || !state.station.operative) return 'Unavailable';
  if (c.plugged || c.authorization) return 'Preparing';
  if (c.reservation) return 'Reserved';
  // A reservation of connector 0 holds one connector back for its idTag (§5.13): the last free one.
  if (state.station.reservation) {
    const free = state.connectors.filter(isFree);
    if (free.length === 1 && free[0] === c) return 'Reserved';
  }
  return 'Available';
}

/** Connector 0 only ever reports Available, Unavailable or Faulted (§4.9). */
export function stationStatus(state: StationState): ChargePointStatus {
  if (state.station.fault) return 'Faulted';
  return state.station.operative ? 'Available' : 'Unavailable';
}

/** Sends StatusNotification when a connector's status differs from what the CSMS last heard. */
export class StatusReporter {
  #all = false;
  constructor(private readonly p: Ocpp16) {}

  statusOf(connectorId: number): ChargePointStatus {
    const { state } = this.p.ctx;
    return connectorId === 0
      ? stationStatus(state)
      : connectorStatus(this.p.ctx.connector(connectorId), state);
  }

  /** Reports connector `id` (0: the station) if its status changed, or always with `force`. */
  report(id: number, force = false, triggered = false): void {
    const { state } = this.p.ctx;
    if (!this.p.accepted && !triggered) return;
    // With connector 0 reserved, one connector's change can make another the last free one.
    if (state.station.reservation && !force && !triggered && !this.#all) {
      this.reportAll();
      return;
    }
    const holder = id === 0 ? state.station : this.p.ctx.connector(id);
    const status = this.statusOf(id);
    if (!force && holder.reportedStatus === status) return;
    holder.reportedStatus = status;
    const fault = holder.fault ?? (id !== 0 ? state.station.fault : undefined);
    void this.p.send(
      'StatusNotification',
      {
        connectorId: id,
        status,
        errorCode: (fault?.errorCode ?? 'NoError') as never,
        ...(fault?.info ? { info: fault.info.slice(0, 50) } : {}),
        timestamp: new Date(this.p.ctx.clock.now()).toISOString(),
      },
      { triggered },
    );
    this.p.ctx.changed();
  }

  /** Every connector, 0 first (after a boot: all of them, §4.2 "status of every connector"). */
  reportAll(force = false, triggered = false): void {
    this.#all = true;
    try {
      this.report(0, force, triggered);
      for (const c of this.p.ctx.state.connectors) this.report(c.id, force, triggered);
    } finally {
      this.#all = false;
    }
  }
}
