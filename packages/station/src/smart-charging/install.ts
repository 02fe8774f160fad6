// Installing a charging profile (1.6 SetChargingProfile, 2.x K01): check it, then add it in place
// of the profiles it replaces.
import { INSTALL_RULES, type InstallContext, type InstallRejection } from './install-rules.js';
import type { OcppProtocol } from './ocpp-types.js';
import type { ChargingProfile } from './types.js';

/**
 * What {@link installProfile} answers: the new installed list, or why the profile was refused.
 * @example
 * ```ts
 * const result = installProfile(installed, profile, context);
 * if (result.status === 'Accepted') installed = result.profiles;
 * ```
 */
export type InstallResult =
  | {
      readonly status: 'Accepted';
      /** The installed profiles after the installation. */
      readonly profiles: readonly ChargingProfile[];
      /** Ids of the profiles the new one replaced. */
      readonly replaced: readonly number[];
    }
  | {
      readonly status: 'Rejected';
      /** A short code (fits a 2.x StatusInfoType.reasonCode). */
      readonly reason: InstallRejection;
      /** The clause the profile broke, e.g. "OCPP 2.0.1 K01.FR.09". */
      readonly clause: string;
      readonly detail: string;
    };

/**
 * Which installed profiles a new one replaces, per version. Every version replaces the profile with
 * the same id (1.6 §5.16.3/§5.16.4, 2.x K01.FR.05). 1.6 also replaces the profile with the same
 * stackLevel and purpose (§3.13.2) on the same connector: §3.13.1 replaces a station-wide
 * TxDefault "only for that specific connector", so the slot is per connector, not per Charge
 * Point. 2.x rejects such a second profile instead (K01.FR.06, K01.FR.39 in install-rules.ts).
 */
const REPLACES_SAME_SLOT: Readonly<Record<OcppProtocol, boolean>> = {
  'ocpp1.6': true,
  'ocpp2.0.1': false,
  'ocpp2.1': false,
};

function sameSlot(a: ChargingProfile, b: ChargingProfile): boolean {
  return a.stackLevel === b.stackLevel && a.purpose === b.purpose && a.evseId === b.evseId;
}

/**
 * A 1.6 TxProfile may come without a transactionId (§7.8: it "MAY be used"); it is meant for the
 * transaction running on its connector, so it is installed bound to that transaction and stops
 * applying when the transaction ends (§7.10: it "SHALL cease to be valid when the transaction
 * terminates"). 2.x requires the CSMS to name the transaction (K01.FR.03), so nothing is bound.
 */
const BINDS_UNNAMED_TX_PROFILE: Readonly<Record<OcppProtocol, boolean>> = {
  'ocpp1.6': true,
  'ocpp2.0.1': false,
  'ocpp2.1': false,
};

function bindToTransaction(profile: ChargingProfile, context: InstallContext): ChargingProfile {
  if (!BINDS_UNNAMED_TX_PROFILE[context.protocol]) return profile;
  if (profile.purpose !== 'Tx' || profile.transactionId !== undefined) return profile;
  const running = context.transactions?.[profile.evseId];
  return running === undefined ? profile : { ...profile, transactionId: running.id };
}

/**
 * Checks `profile` against the rules of `context.protocol` and, if it passes, returns the installed
 * profiles with it added and the profiles it replaces removed. Pure: `installed` is not changed.
 * @example
 * ```ts
 * // 2.0.1 SetChargingProfileRequest handler
 * const result = installProfile(installed, fromOcpp2x(request.chargingProfile, request.evseId), {
 *   protocol: 'ocpp2.0.1',
 *   evseIds: [1, 2],
 *   transactions: { 1: { id: 'f3a2-19', startedAtMs } },
 * });
 * if (result.status === 'Rejected') {
 *   return { status: 'Rejected', statusInfo: { reasonCode: result.reason, additionalInfo: result.detail } };
 * }
 * installed = result.profiles;
 * return { status: 'Accepted' };
 * ```
 */
export function installProfile(
  installed: readonly ChargingProfile[],
  profile: ChargingProfile,
  context: InstallContext,
): InstallResult {
  const candidate = bindToTransaction(profile, context);
  const sameId = installed.find((p) => p.id === candidate.id);
  const others = installed.filter((p) => p.id !== candidate.id);
  const slotReplaces = REPLACES_SAME_SLOT[context.protocol];
  // What the rules compare against: in 1.6 a profile in the same slot is going away, not a clash.
  const remaining = slotReplaces ? others.filter((p) => !sameSlot(p, candidate)) : others;

  for (const rule of INSTALL_RULES) {
    const clause = rule.clause[context.protocol];
    if (clause === undefined) continue;
    const detail = rule.broken({ profile: candidate, context, others: remaining, sameId });
    if (detail !== undefined) return { status: 'Rejected', reason: rule.reason, clause, detail };
  }

  const replaced = installed.filter((p) => !remaining.includes(p)).map((p) => p.id);
  return { status: 'Accepted', profiles: [...remaining, candidate], replaced };
}
