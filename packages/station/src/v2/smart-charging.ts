// Smart charging (K01–K10; 2.1 K?? dynamic schedules and priority charging) through the station's
// smart-charging module: profiles are installed under the rules of the negotiated version with the
// limits of SmartChargingCtrlr, and the limit in force drives the power drawn (physics-loop.ts).

import type { ChargingProfileType, StatusInfoType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { TransactionState } from '../model/state.js';
import {
  type ChargingProfile,
  compositeSchedule,
  dropTransactionProfiles,
  fromOcpp2x,
  installProfile,
  pruneExpired,
} from '../smart-charging/index.js';
import type { Ocpp2 } from './profile.js';

/** What installing answered (SetChargingProfileResponse). */
export interface InstallAnswer {
  readonly status: 'Accepted' | 'Rejected';
  readonly statusInfo?: StatusInfoType;
}

const reject = (reasonCode: string, additionalInfo?: string): InstallAnswer => ({
  status: 'Rejected',
  statusInfo: { reasonCode, ...(additionalInfo ? { additionalInfo: additionalInfo.slice(0, 512) } : {}) },
});

/** K01: a 2.x profile for EVSE `evseId` (0: the station), converted and installed. */
export function installChargingProfile(
  p: Ocpp2,
  evseId: number,
  profile: ChargingProfileType,
): InstallAnswer {
  if (!p.flag('SmartChargingCtrlr', 'Enabled')) return reject('Disabled');
  let neutral: ChargingProfile;
  try {
    neutral = fromOcpp2x(profile, evseId);
  } catch (error) {
    return reject('UnsupportedProfile', error instanceof Error ? error.message : String(error));
  }
  return installNeutral(p, neutral);
}

/** Installs a neutral profile under the negotiated version's rules (K01.FR.*) and applies it. */
export function installNeutral(p: Ocpp2, profile: ChargingProfile): InstallAnswer {
  const { state, clock } = p.ctx;
  const transactions: Record<number, { id: string; startedAtMs: number }> = {};
  for (const c of state.connectors)
    if (c.transaction?.id !== undefined)
      transactions[c.id] = { id: c.transaction.id, startedAtMs: c.transaction.startedAtMs };
  const result = installProfile(pruneExpired(state.chargingProfiles, clock.now()), profile, {
    protocol: p.protocol,
    transactions,
    evseIds: state.connectors.map((c) => c.id),
    maxStackLevel: p.number('SmartChargingCtrlr', 'ProfileStackLevel'),
    maxProfiles: MAX_PROFILES,
    maxPeriods: p.number('SmartChargingCtrlr', 'PeriodsPerSchedule'),
    units: p.list('SmartChargingCtrlr', 'RateUnit') as Array<'A' | 'W'>,
  });
  if (result.status === 'Rejected') return reject(result.reason, `${result.clause}: ${result.detail}`);
  state.chargingProfiles = [...result.profiles];
  limitsChanged(p);
  return { status: 'Accepted' };
}

/** The most profiles installed at once (SmartChargingCtrlr.Entries[ChargingProfiles] maxLimit). */
const MAX_PROFILES = 20;

/** After a change to the installed profiles: power follows, running transactions hear of a new rate. */
export function limitsChanged(p: Ocpp2): void {
  p.applyLimits();
  for (const c of p.ctx.state.connectors) p.sessions.tx.rateChanged(c);
}

/**
 * F01: a RequestStartTransaction's chargingProfile is for the transaction it starts (K05): it is
 * installed bound to that transaction's id the moment the transaction exists.
 */
export function installTxProfile(p: Ocpp2, tx: TransactionState, profile: ChargingProfile): void {
  installNeutral(p, { ...profile, transactionId: tx.id! });
}

/** A TxProfile ends with its transaction. */
export function transactionProfilesEnded(p: Ocpp2, transactionId: string | undefined): void {
  if (transactionId === undefined) return;
  p.ctx.state.chargingProfiles = [...dropTransactionProfiles(p.ctx.state.chargingProfiles, transactionId)];
}

/** K08: the composite schedule of EVSE `evseId` (0: the station) from now, capped by the hardware. */
export function composite(p: Ocpp2, evseId: number, durationS: number, unit: 'A' | 'W') {
  const { state, clock } = p.ctx;
  const c = evseId === 0 ? undefined : p.ctx.connector(evseId);
  const hardwareW = c ? c.maxPowerW : state.connectors.reduce((s, x) => s + x.maxPowerW, 0);
  const tx = c?.transaction;
  return compositeSchedule(state.chargingProfiles, {
    evseId,
    startMs: clock.now(),
    durationS,
    unit,
    hardwareLimit: { limit: hardwareW, unit: 'W' },
    ...(tx?.id !== undefined ? { transaction: { id: tx.id, startedAtMs: tx.startedAtMs } } : {}),
    ...(tx && p.sessions.tx.record(tx).priority ? { priorityCharging: true } : {}),
  });
}
