// Reservations (H01 ReserveNow for an EVSE or for any, H02 CancelReservation, H03 use, H04
// expiry): held by the EVSE or, with no evseId, by the station for the last free EVSE; the CSMS
// hears of an expiry or a removal by ReservationStatusUpdate.

import type { ReserveNowRequest, ReserveNowStatusEnumType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState, ReservationState, StationWideState } from '../model/state.js';
import type { Ocpp2 } from './profile.js';

type Holder = ConnectorState | StationWideState;

/** The one connector type the virtual EVSEs have (Connector.ConnectorType). */
const CONNECTOR_TYPE = 'cType2';

export class Reservations {
  constructor(private readonly p: Ocpp2) {}

  #holders(): Holder[] {
    const { state } = this.p.ctx;
    return [state.station, ...state.connectors];
  }

  /** H01: Accepted, or why not (the EVSE's state; Rejected for an unknown EVSE, type or a past expiry). */
  reserve(req: ReserveNowRequest): ReserveNowStatusEnumType {
    const { state } = this.p.ctx;
    if (!this.p.flag('ReservationCtrlr', 'Enabled')) return 'Rejected';
    const reservation: ReservationState = {
      id: req.id,
      idTag: req.idToken.idToken,
      ...(req.groupIdToken ? { parentIdTag: req.groupIdToken.idToken } : {}),
      expiresAtMs: Date.parse(req.expiryDateTime),
    };
    if (!(reservation.expiresAtMs > this.p.ctx.clock.now())) return 'Rejected';
    if (req.connectorType !== undefined && req.connectorType !== CONNECTOR_TYPE) return 'Rejected';
    // The same id again replaces the earlier reservation (H01).
    const existing = this.#find(req.id);
    if (existing) this.#remove(existing);
    if (req.evseId === undefined || req.evseId === 0) {
      if (state.station.fault) return 'Faulted';
      if (!state.station.operative) return 'Unavailable';
      const free = state.connectors.filter(
        (c) => !c.transaction && !c.plugged && !c.reservation && c.operative && !c.fault,
      );
      if (state.station.reservation || free.length === 0) return 'Occupied';
      this.#place(state.station, reservation);
      return 'Accepted';
    }
    const c = state.connectors[req.evseId - 1];
    if (!c) return 'Rejected';
    if (c.fault || state.station.fault) return 'Faulted';
    if (!c.operative || !state.station.operative) return 'Unavailable';
    if (c.transaction || c.plugged || c.authorization || c.reservation) return 'Occupied';
    this.#place(c, reservation);
    return 'Accepted';
  }

  /** H02: the CSMS cancels (no ReservationStatusUpdate: it knows). */
  cancel(reservationId: number): 'Accepted' | 'Rejected' {
    const found = this.#find(reservationId);
    if (!found) return 'Rejected';
    this.#remove(found);
    return 'Accepted';
  }

  /** The station gives a reservation up (its EVSE went inoperative): ReservationStatusUpdate Removed. */
  withdraw(holder: Holder): void {
    const r = holder.reservation;
    if (!r) return;
    this.#remove(holder);
    void this.p.send('ReservationStatusUpdate', { reservationId: r.id, reservationUpdateStatus: 'Removed' });
  }

  /** After a restart: expired reservations are gone (reported once accepted), the others expire on time. */
  recover(): void {
    for (const holder of this.#holders()) {
      const r = holder.reservation;
      if (!r) continue;
      if (r.expiresAtMs <= this.p.ctx.clock.now()) delete holder.reservation;
      else this.#arm(holder, r);
    }
  }

  #find(reservationId: number): Holder | undefined {
    return this.#holders().find((h) => h.reservation?.id === reservationId);
  }

  #place(holder: Holder, r: ReservationState): void {
    holder.reservation = r;
    this.#arm(holder, r);
    this.p.status.reportAll();
  }

  /** H04: at expiry the reservation ends, the EVSE is free again and the CSMS hears Expired. */
  #arm(holder: Holder, r: ReservationState): void {
    this.p.ctx.timers.at(`reservation:${r.id}`, r.expiresAtMs, () => {
      if (holder.reservation?.id !== r.id) return;
      delete holder.reservation;
      void this.p.send('ReservationStatusUpdate', {
        reservationId: r.id,
        reservationUpdateStatus: 'Expired',
      });
      this.p.status.reportAll();
      this.p.ctx.changed();
    });
  }

  #remove(holder: Holder): void {
    const r = holder.reservation;
    if (!r) return;
    delete holder.reservation;
    this.p.ctx.timers.clear(`reservation:${r.id}`);
    this.p.status.reportAll();
  }
}
