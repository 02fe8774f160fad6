// RequestStartTransaction (F01, F02), RequestStopTransaction (F03), GetTransactionStatus (E14),
// ReserveNow (H01), CancelReservation (H02), CostUpdated (I02).

import type { ConnectorState } from '../../model/state.js';
import type { ChargingProfile } from '../../smart-charging/index.js';
import { fromOcpp2x } from '../../smart-charging/index.js';
import type { Ocpp2 } from '../profile.js';
import { isFree } from '../status.js';

export function transactionHandlers(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  /** An EVSE that can take a session: free, plugged, or with a transaction waiting for its token (F02). */
  const usable = (c: ConnectorState, token: string) =>
    c.operative &&
    !c.fault &&
    ctx.state.station.operative &&
    !ctx.state.station.fault &&
    !c.authorization &&
    (!c.transaction || !p.sessions.tx.record(c.transaction).authorized) &&
    (!c.reservation || c.reservation.idTag === token);
  return [
    p.handle('RequestStartTransaction', ({ evseId, remoteStartId, idToken, chargingProfile }) => {
      // B02: no transaction while Pending.
      if (!p.accepted || p.sessions.mayStart()) return { status: 'Rejected' };
      const { state } = ctx;
      const c =
        evseId !== undefined
          ? state.connectors[evseId - 1]
          : (state.connectors.find((x) => x.transaction && usable(x, idToken.idToken)) ??
            state.connectors.find((x) => x.plugged && usable(x, idToken.idToken)) ??
            state.connectors.find(isFree));
      if (!c || !usable(c, idToken.idToken)) return { status: 'Rejected' };
      let profile: ChargingProfile | undefined;
      if (chargingProfile) {
        // F01/K05: only a TxProfile, without a transactionId (the station names the transaction).
        if (
          chargingProfile.chargingProfilePurpose !== 'TxProfile' ||
          chargingProfile.transactionId !== undefined
        )
          return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidProfile' } };
        try {
          profile = fromOcpp2x(chargingProfile, c.id);
        } catch {
          return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidProfile' } };
        }
      }
      delete p.data.webPayments[String(c.id)];
      const waiting = c.transaction?.id;
      p.afterAnswer(`remoteStart:${c.id}`, () =>
        p.sessions.points.remoteStart(c, idToken, remoteStartId, profile),
      );
      return { status: 'Accepted', ...(waiting !== undefined ? { transactionId: waiting } : {}) };
    }),
    p.handle('RequestStopTransaction', ({ transactionId }) => {
      const c = ctx.state.connectors.find((x) => x.transaction?.id === transactionId);
      if (!c) return { status: 'Rejected' };
      p.afterAnswer(`remoteStop:${c.id}`, () => p.sessions.stop(c.id, 'Remote'));
      return { status: 'Accepted' };
    }),
    p.handle('GetTransactionStatus', ({ transactionId }) => p.sessions.tx.events.statusOf(transactionId)),
    p.handle('ReserveNow', (request) => ({ status: p.reservations.reserve(request) })),
    p.handle('CancelReservation', ({ reservationId }) => ({ status: p.reservations.cancel(reservationId) })),
    p.handle('CostUpdated', ({ transactionId, totalCost }) => {
      p.tariffs.costUpdated(transactionId, totalCost);
      return {};
    }),
  ];
}
