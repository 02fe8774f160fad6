// ChangeAvailability (G03 EVSE / connector, G04 station) and UnlockConnector (F05).

import type { Ocpp2 } from '../profile.js';

export function availabilityHandlers(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('ChangeAvailability', ({ evse, operationalStatus }) => {
      const operative = operationalStatus === 'Operative';
      const { state } = ctx;
      if (
        evse &&
        (evse.id > state.connectors.length || (evse.connectorId !== undefined && evse.connectorId !== 1))
      )
        return { status: 'Rejected' };
      const whole = !evse || evse.id === 0;
      const targets = whole ? state.connectors : [ctx.connector(evse.id)];
      // G03/G04: with a transaction running, Scheduled; the change waits for its end.
      const busy = !operative && targets.some((c) => c.transaction);
      const holder = whole ? state.station : targets[0]!;
      if (busy) holder.scheduledOperative = operative;
      else {
        holder.operative = operative;
        delete holder.scheduledOperative;
        // A reservation the EVSE can no longer honour is given up (H01: ReservationStatusUpdate Removed).
        if (!operative)
          for (const h of whole ? [state.station, ...targets] : targets) p.reservations.withdraw(h);
      }
      p.afterAnswer('availability', () => p.status.reportAll());
      return { status: busy ? 'Scheduled' : 'Accepted' };
    }),
    p.handle('UnlockConnector', ({ evseId, connectorId }) => {
      if (evseId < 1 || evseId > ctx.state.connectors.length || connectorId !== 1)
        return { status: 'UnknownConnector' };
      const c = ctx.connector(evseId);
      // F05: an authorized transaction keeps its cable locked; an unauthorized one ends.
      if (c.transaction && p.sessions.tx.record(c.transaction).authorized)
        return { status: 'OngoingAuthorizedTransaction' };
      if (c.transaction) void p.sessions.stop(evseId, 'UnlockCommand');
      return { status: 'Unlocked' };
    }),
  ];
}
