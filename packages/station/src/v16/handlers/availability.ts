// ChangeAvailability (§5.2), UnlockConnector (§5.18), Reset (§5.14).

import type { Ocpp16 } from '../profile.js';

export function availabilityHandlers(p: Ocpp16): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('ChangeAvailability', ({ connectorId, type }) => {
      const operative = type === 'Operative';
      const { state } = ctx;
      if (connectorId < 0 || connectorId > state.connectors.length) return { status: 'Rejected' };
      const targets = connectorId === 0 ? state.connectors : [ctx.connector(connectorId)];
      // "When a transaction is in progress … the Charge Point SHALL respond with Scheduled" and
      // change availability once it ended (§5.2).
      const busy = !operative && targets.some((c) => c.transaction);
      if (connectorId === 0) {
        if (busy) state.station.scheduledOperative = operative;
        else {
          state.station.operative = operative;
          delete state.station.scheduledOperative;
        }
      } else {
        const c = targets[0]!;
        if (busy) c.scheduledOperative = operative;
        else {
          c.operative = operative;
          delete c.scheduledOperative;
        }
      }
      p.afterAnswer('availability', () => p.status.reportAll());
      return { status: busy ? 'Scheduled' : 'Accepted' };
    }),
    p.handle('UnlockConnector', ({ connectorId }) => {
      if (connectorId < 1 || connectorId > ctx.state.connectors.length) return { status: 'NotSupported' };
      const c = ctx.connector(connectorId);
      // A running transaction is stopped first (§5.18), with reason UnlockCommand.
      if (c.transaction) void p.sessions.stop(connectorId, 'UnlockCommand');
      return { status: 'Unlocked' };
    }),
    p.handle('Reset', ({ type }) => {
      // Soft: transactions stopped gracefully; Hard: stopped too, then the reboot (§5.14). The
      // StopTransactions go into the durable queue first, so they reach the CSMS after the reboot.
      p.afterAnswer('reset', async () => {
        const reason = type === 'Soft' ? 'SoftReset' : 'HardReset';
        const running = ctx.state.connectors.filter((c) => c.transaction);
        const stops = running.map((c) => p.sessions.stop(c.id, reason));
        if (ctx.online()) await Promise.race([Promise.all(stops), delay(p, 5_000)]);
        await ctx.save();
        await ctx.reboot('RemoteReset');
      });
      return { status: 'Accepted' };
    }),
  ];
}

/** Waits `ms` on the station's clock. */
function delay(p: Ocpp16, ms: number): Promise<void> {
  return new Promise((resolve) => p.ctx.timers.set('reset-wait', ms, resolve));
}
