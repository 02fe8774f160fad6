// RemoteStartTransaction (§5.11), RemoteStopTransaction (§5.12), ReserveNow (§5.13),
// CancelReservation (§5.1).

import type { ConnectorState } from '../../model/state.js';
import { fromOcpp16 } from '../../smart-charging-adapter.js';
import type { Ocpp16 } from '../profile.js';
import { isFree } from '../status.js';

export function remoteHandlers(p: Ocpp16): Array<() => void> {
  const { ctx } = p;
  const pick = (connectorId: number | undefined): ConnectorState | undefined => {
    const { state } = ctx;
    if (!state.station.operative || state.station.fault) return undefined;
    const ok = (c: ConnectorState) => !c.transaction && !c.authorization && c.operative && !c.fault;
    if (connectorId !== undefined) {
      const c = state.connectors[connectorId - 1];
      return c && ok(c) ? c : undefined;
    }
    return state.connectors.find((c) => ok(c) && c.plugged) ?? state.connectors.find(isFree);
  };
  return [
    p.handle('RemoteStartTransaction', ({ connectorId, idTag, chargingProfile }) => {
      // Not while Pending (§4.2), nor on a connector that cannot take a session.
      if (!p.accepted || p.sessions.mayStart()) return { status: 'Rejected' };
      const c = pick(connectorId);
      if (!c) return { status: 'Rejected' };
      if (c.reservation && c.reservation.idTag !== idTag) return { status: 'Rejected' };
      // §5.11: a chargingProfile in RemoteStart must be a TxProfile; it applies to the session.
      if (chargingProfile && chargingProfile.chargingProfilePurpose !== 'TxProfile')
        return { status: 'Rejected' };
      const profile = chargingProfile ? fromOcpp16(chargingProfile, c.id) : undefined;
      p.afterAnswer(`remoteStart:${c.id}`, () => p.sessions.remoteStart(c, idTag, profile));
      return { status: 'Accepted' };
    }),
    p.handle('RemoteStopTransaction', ({ transactionId }) => {
      if (!p.accepted) return { status: 'Rejected' };
      const c = ctx.state.connectors.find((x) => x.transaction?.id === String(transactionId));
      if (!c) return { status: 'Rejected' };
      p.afterAnswer(`remoteStop:${c.id}`, () => p.sessions.stop(c.id, 'Remote'));
      return { status: 'Accepted' };
    }),
    p.handle('ReserveNow', (request) => ({ status: p.reservations.reserve(request) })),
    p.handle('CancelReservation', ({ reservationId }) => ({ status: p.reservations.cancel(reservationId) })),
  ];
}
