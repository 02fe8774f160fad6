// SetChargingProfile (§5.16), ClearChargingProfile (§5.5), GetCompositeSchedule (§5.7), over the
// smart-charging adapter (../smart-charging-adapter.ts); the limit in force drives the power drawn.

import type { ChargingProfile as Profile16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import {
  clearProfiles,
  compositeSchedule,
  fromOcpp16,
  installProfile,
  toOcpp16CompositeSchedule,
} from '../smart-charging-adapter.js';
import { numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';

/** Installs a 1.6 profile on connector `connectorId`; the status SetChargingProfile answers. */
export function installChargingProfile(
  p: Ocpp16,
  connectorId: number,
  profile: Profile16,
): 'Accepted' | 'Rejected' {
  const { state } = p.ctx;
  if (connectorId < 0 || connectorId > state.connectors.length) return 'Rejected';
  if (profile.stackLevel > numberKey(state.config, 'ChargeProfileMaxStackLevel')) return 'Rejected';
  if (
    profile.chargingSchedule.chargingSchedulePeriod.length >
    numberKey(state.config, 'ChargingScheduleMaxPeriods')
  )
    return 'Rejected';
  const purpose = profile.chargingProfilePurpose;
  // ChargePointMaxProfile only on connector 0; TxProfile only on a connector with a transaction
  // (§5.16.1, §3.13.2), and for that transaction if it names one.
  if (purpose === 'ChargePointMaxProfile' && connectorId !== 0) return 'Rejected';
  if (purpose === 'TxProfile') {
    if (connectorId === 0) return 'Rejected';
    const tx = p.ctx.connector(connectorId).transaction;
    const remoteStart = !tx && profile.transactionId === undefined;
    if (
      !remoteStart &&
      (!tx || (profile.transactionId !== undefined && String(profile.transactionId) !== tx.id))
    )
      return 'Rejected';
  }
  state.chargingProfiles = installProfile(state.chargingProfiles, fromOcpp16(profile, connectorId));
  if (state.chargingProfiles.length > numberKey(state.config, 'MaxChargingProfilesInstalled'))
    return 'Rejected';
  p.ctx.applyLimits();
  p.status.reportAll();
  return 'Accepted';
}

export function smartChargingHandlers(p: Ocpp16): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('SetChargingProfile', ({ connectorId, csChargingProfiles }) => ({
      status: installChargingProfile(p, connectorId, csChargingProfiles),
    })),
    p.handle('ClearChargingProfile', ({ id, connectorId, chargingProfilePurpose, stackLevel }) => {
      const purpose =
        chargingProfilePurpose === undefined
          ? undefined
          : (
              { ChargePointMaxProfile: 'StationMax', TxDefaultProfile: 'TxDefault', TxProfile: 'Tx' } as const
            )[chargingProfilePurpose];
      const { installed, cleared } = clearProfiles(ctx.state.chargingProfiles, {
        ...(id !== undefined ? { id } : {}),
        ...(connectorId !== undefined ? { evseId: connectorId } : {}),
        ...(purpose !== undefined ? { purpose } : {}),
        ...(stackLevel !== undefined ? { stackLevel } : {}),
      });
      ctx.state.chargingProfiles = installed;
      ctx.applyLimits();
      p.status.reportAll();
      return { status: cleared ? 'Accepted' : 'Unknown' };
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
      return {
        status: 'Accepted',
        connectorId,
        scheduleStart: new Date(now).toISOString(),
        chargingSchedule: toOcpp16CompositeSchedule(composite),
      };
    }),
  ];
}
