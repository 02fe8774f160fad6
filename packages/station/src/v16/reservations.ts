// Reservations (OCPP 1.6 §3.11, §5.13 ReserveNow, §5.1 CancelReservation): per connector or,
// with ReserveConnectorZeroSupported, for the station as a whole; each ends at its expiryDate.

import type { ReserveNowRequest, ReserveNowResponse } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { ConnectorState, ReservationState, StationWideState } from '../model/state.js';
import { boolKey } from './config.js';
import type { Ocpp16 } from './profile.js';

type Holder = ConnectorState | StationWideState;

export class Reservations {
  constructor(private readonly p: Ocpp16) {}

  #holders(): Array<[number, Holder]> {
    const { state } = this.p.ctx;
    return [[0, state.station], ...state.connectors.map((c): [number, Holder] => [c.id, c])];
  }

  reserve(req: ReserveNowRequest): ReserveNowResponse['status'] {
    const { state } = this.p.ctx;
    const reservation: ReservationState = {
      id: req.reservationId,
      idTag: req.idTag,
      ...(req.parentIdTag ? { parentIdTag: req.parentIdTag } : {}),
      expiresAtMs: Date.parse(req.expiryDate),
    };
    if (!(reservation.expiresAtMs > this.p.ctx.clock.now())) return 'Rejected';
    // The same reservationId again replaces the earlier reservation (§5.13).
    const existing = this.#find(req.reservationId);
    if (existing) this.#remove(existing[0], existing[1]);
    if (req.connectorId === 0) {
      if (!boolKey(state.config, 'ReserveConnectorZeroSupported')) return 'Rejected';
      if (state.station.fault) return 'Faulted';
      if (!state.station.operative) return 'Unavailable';
      if (
        state.station.reservation ||
        !state.connectors.some((c) => !c.transaction && !c.plugged && !c.reservation)
      )
        return 'Occupied';
      this.#place(0, state.station, reservation);
      return 'Accepted';
    }
    const c = state.connectors[req.connectorId - 1];
    if (!c) return 'Rejected';
    if (c.fault || state.station.fault) return 'Faulted';
    if (!c.operative || !state.station.operative) return 'Unavailable';
    if (c.transaction || c.plugged || c.authorization || c.finishing || c.reservation) return 'Occupied';
    this.#place(c.id, c, reservation);
    return 'Accepted';
  }

  cancel(reservationId: number): 'Accepted' | 'Rejected' {
    const found = this.#find(reservationId);
    if (!found) return 'Rejected';
    this.#remove(found[0], found[1]);
    return 'Accepted';
  }

  /** After a restart: expired reservations are gone, the others expire on time. */
  recover(): void {
    for (const [id, holder] of this.#holders()) {
      const r = holder.reservation;
      if (!r) continue;
      if (r.expiresAtMs <= this.p.ctx.clock.now()) delete holder.reservation;
      else this.#arm(id, holder, r);
    }
  }

  #find(reservationId: number): [number, Holder] | undefined {
    return this.#holders().find(([, h]) => h.reservation?.id === reservationId);
  }

  #place(id: number, holder: Holder, r: ReservationState): void {
    holder.reservation = r;
    this.#arm(id, holder, r);
    this.p.status.reportAll();
  }

  #arm(_id: number, holder: Holder, r: ReservationState): void {
    this.p.ctx.timers.at(`reservation:${r.id}`, r.expiresAtMs, () => {
      if (holder.reservation?.id !== r.id) return;
      delete holder.reservation;
      this.p.status.reportAll();
      this.p.ctx.changed();
    });
  }

  #remove(_id: number, holder: Holder): void {
    const r = holder.reservation;
    if (!r) return;
    delete holder.reservation;
    this.p.ctx.timers.clear(`reservation:${r.id}`);
    this.p.status.reportAll();
  }
}
