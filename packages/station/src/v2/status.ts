// Connector status (G01–G04, ConnectorStatusEnumType) derived from the neutral state, and
// StatusNotification for every change once the station is accepted. One connector per EVSE, so
// the connector of EVSE n is (evseId n, connectorId 1).

import type { ConnectorStatusEnumType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState, StationState } from '../model/state.js';
import type { Ocpp2 } from './profile.js';

/** Free for a new session: nothing plugged or going on, operative, not faulted, not reserved. */
export function isFree(c: ConnectorState): boolean {
  return !c.plugged && !c.transaction && !c.authorization && !c.reservation && c.operative && !c.fault;
}

/**
 * The 2.x status of an EVSE's connector: Faulted, then Occupied by a transaction, Unavailable
 * (inoperative, G03/G04), Occupied by a cable, Reserved (H01), Available. A reservation of no
 * particular EVSE holds back the last free one (H01: the station keeps an EVSE for it).
 */
export function connectorStatus(c: ConnectorState, state: StationState): ConnectorStatusEnumType {
  if (c.fault || state.station.fault) return 'Faulted';
  if (c.transaction) return 'Occupied';
  if (!c.operative || !state.station.operative) return 'Unavailable';
  if (c.plugged) return 'Occupied';
  if (c.reservation) return 'Reserved';
  if (state.station.reservation) {
    const free = state.connectors.filter(isFree);
    if (free.length === 1 && free[0] === c) return 'Reserved';
  }
  return 'Available';
}

/** Sends StatusNotification when a connector's status differs from what the CSMS last heard. */
export class StatusReporter {
  #all = false;
  constructor(private readonly p: Ocpp2) {}

  statusOf(evseId: number): ConnectorStatusEnumType {
    return connectorStatus(this.p.ctx.connector(evseId), this.p.ctx.state);
  }

  /** The station as a whole (ChargingStation.AvailabilityState): Faulted, Unavailable or Available. */
  stationStatus(): 'Available' | 'Unavailable' | 'Faulted' {
    const { station } = this.p.ctx.state;
    if (station.fault) return 'Faulted';
    return station.operative ? 'Available' : 'Unavailable';
  }

  /** Reports EVSE `id`'s connector if its status changed, or always with `force`. */
  report(id: number, force = false, requested = false): void {
    const { state } = this.p.ctx;
    if (!this.p.accepted && !requested) return;
    // With a reservation of no EVSE, one EVSE's change can make another the last free one.
    if (state.station.reservation && !force && !requested && !this.#all) {
      this.reportAll();
      return;
    }
    const c = this.p.ctx.connector(id);
    const status = this.statusOf(id);
    if (!force && c.reportedStatus === status) return;
    c.reportedStatus = status;
    void this.p.send(
      'StatusNotification',
      { timestamp: this.p.iso(), connectorStatus: status, evseId: id, connectorId: 1 },
      { requested },
    );
    this.p.monitoring.evaluate();
    this.p.ctx.changed();
  }

  /** Every EVSE's connector (after a boot: all of them, B01). */
  reportAll(force = false, requested = false): void {
    this.#all = true;
    try {
      for (const c of this.p.ctx.state.connectors) this.report(c.id, force, requested);
    } finally {
      this.#all = false;
    }
  }
}
