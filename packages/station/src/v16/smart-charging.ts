// SetChargingProfile (§5.16), ClearChargingProfile (§5.5), GetCompositeSchedule (§5.7), through the
// smart-charging module; the limit in force drives the power drawn (see physics-loop.ts).

import type { ChargingProfile as Profile16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { TransactionState } from '../model/state.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import {
  clearCriteriaFromOcpp16,
  clearProfiles,
  compositeSchedule,
  dropTransactionProfiles,
  fromOcpp16,
  installProfile,
  pruneExpired,
  toOcpp16CompositeSchedule,
} from '../smart-charging-adapter.js';
import { listKey, numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';

/** Installs a 1.6 profile on connector `connectorId` (0: the station); the SetChargingProfile status. */
export function installChargingProfile(
  p: Ocpp16,
  connectorId: number,
  profile: Profile16,
): 'Accepted' | 'Rejected' {
  return installNeutral(p, fromOcpp16(profile, connectorId));
}

/** Installs a profile under the 1.6 rules (§3.13, §5.16, §9.4 limits from the configuration). */
export function installNeutral(p: Ocpp16, profile: ChargingProfile): 'Accepted' | 'Rejected' {
  const { state, clock } = p.ctx;
  const transactions: Record<number, { id: string; startedAtMs: number }> = {};
  for (const c of state.connectors)
    if (c.transaction?.id !== undefined)
      transactions[c.id] = { id: c.transaction.id, startedAtMs: c.transaction.startedAtMs };
  const units = listKey(state.config, 'ChargingScheduleAllowedChargingRateUnit').map((u) =>
    u === 'Current' ? 'A' : 'W',
  );
  const result = installProfile(pruneExpired(state.chargingProfiles, clock.now()), profile, {
    protocol: 'ocpp1.6',
    transactions,
    evseIds: state.connectors.map((c) => c.id),
    maxStackLevel: numberKey(state.config, 'ChargeProfileMaxStackLevel'),
    maxProfiles: numberKey(state.config, 'MaxChargingProfilesInstalled'),
    maxPeriods: numberKey(state.config, 'ChargingScheduleMaxPeriods'),
    units,
  });
  if (result.status === 'Rejected') return 'Rejected';
  state.chargingProfiles = [...result.profiles];
  p.ctx.applyLimits();
  p.status.reportAll();
  return 'Accepted';
}

/**
 * A RemoteStartTransaction's TxProfile (§5.11) is for the transaction it starts: kept with the
 * transaction and installed once the CSMS gave it its id (the module binds it to that id).
 */
export function installPendingTxProfile(p: Ocpp16, tx: TransactionState): void {
  const profile = tx.pendingProfile;
  if (!profile || tx.id === undefined) return;
  delete tx.pendingProfile;
  installNeutral(p, profile);
}

/** A TxProfile "SHALL cease to be valid when the transaction terminates" (§7.10). */
export function transactionProfilesEnded(p: Ocpp16, transactionId: string | undefined): void {
  if (transactionId === undefined) return;
  p.ctx.state.chargingProfiles = [...dropTransactionProfiles(p.ctx.state.chargingProfiles, transactionId)];
}

export function smartChargingHandlers(p: Ocpp16): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('SetChargingProfile', ({ connectorId, csChargingProfiles }) => ({
      status: installChargingProfile(p, connectorId, csChargingProfiles),
    })),
    p.handle('ClearChargingProfile', (request) => {
      const { profiles, status } = clearProfiles(
        ctx.state.chargingProfiles,
        clearCriteriaFromOcpp16(request),
      );
      ctx.state.chargingProfiles = [...profiles];
      ctx.applyLimits();
      p.status.reportAll();
      return { status };
    }),
    p.handle('GetCompositeSchedule', ({ connectorId, duration, chargingRateUnit }) => {
      const { state } = ctx;
      if (connectorId < 0 || connectorId > state.connectors.length) return { status: 'Rejected' };
      const now = ctx.clock.now();
      const c = connectorId === 0 ? undefined : ctx.connector(connectorId);
      const hardwareW = c ? c.maxPowerW : state.connectors.reduce((s, x) => s + x.maxPowerW, 0);
      const tx = c?.transaction;
      const composite = compositeSchedule(state.chargingProfiles, {
        evseId: connectorId,
        startMs: now,
        durationS: duration,
        unit: chargingRateUnit ?? 'W',
        hardwareLimit: { limit: hardwareW, unit: 'W' },
        ...(tx?.id !== undefined ? { transaction: { id: tx.id, startedAtMs: tx.startedAtMs } } : {}),
      });
      return { status: 'Accepted', ...toOcpp16CompositeSchedule(composite) };
    }),
  ];
}
