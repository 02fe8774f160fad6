// Removing installed profiles: on request (1.6 ClearChargingProfile, 2.x K10), when they expire,
// and when their transaction ends.
import type { Ocpp16, Ocpp21, Ocpp201 } from './ocpp-types.js';
import { purposeFrom } from './purposes.js';
import type { ChargingProfile, ProfilePurpose } from './types.js';

/**
 * Which profiles to clear. Every field given must match; none given clears all.
 * @example
 * ```ts
 * clearProfiles(installed, { evseId: 1, purpose: 'TxDefault' });
 * ```
 */
export interface ClearCriteria {
  /** A profile id: when given, only that profile is cleared and the other fields are ignored. */
  readonly id?: number;
  readonly evseId?: number;
  readonly purpose?: ProfilePurpose;
  readonly stackLevel?: number;
}

/**
 * What {@link clearProfiles} answers: the profiles left, and how many went.
 * @example
 * ```ts
 * const { profiles, status } = clearProfiles(installed, { id: 7 });
 * ```
 */
export interface ClearResult {
  readonly profiles: readonly ChargingProfile[];
  readonly cleared: number;
  /** The ClearChargingProfile status of every version: Unknown when nothing matched. */
  readonly status: 'Accepted' | 'Unknown';
}

/**
 * The criteria of a 1.6 ClearChargingProfile.req. §6.13 clears "either a specific charging
 * profile (denoted by id) or a selection" matching connectorId, purpose and stackLevel.
 * @example
 * ```ts
 * const { profiles, status } = clearProfiles(installed, clearCriteriaFromOcpp16(request));
 * installed = profiles;
 * return { status };
 * ```
 */
export function clearCriteriaFromOcpp16(request: Ocpp16.ClearChargingProfileRequest): ClearCriteria {
  return withoutUndefined({
    id: request.id,
    evseId: request.connectorId,
    purpose:
      request.chargingProfilePurpose === undefined
        ? undefined
        : purposeFrom('ocpp1.6', request.chargingProfilePurpose),
    stackLevel: request.stackLevel,
  });
}

/**
 * The criteria of a 2.0.1 / 2.1 ClearChargingProfileRequest (chargingProfileId wins over criteria).
 * @example
 * ```ts
 * const { profiles, status } = clearProfiles(installed, clearCriteriaFromOcpp2x(request));
 * ```
 */
export function clearCriteriaFromOcpp2x(
  request: Ocpp201.ClearChargingProfileRequest | Ocpp21.ClearChargingProfileRequest,
): ClearCriteria {
  const criteria = request.chargingProfileCriteria;
  return withoutUndefined({
    id: request.chargingProfileId,
    evseId: criteria?.evseId,
    purpose:
      criteria?.chargingProfilePurpose === undefined
        ? undefined
        : purposeFrom('ocpp2.1', criteria.chargingProfilePurpose),
    stackLevel: criteria?.stackLevel,
  });
}

function withoutUndefined(
  criteria: { [K in keyof ClearCriteria]: ClearCriteria[K] | undefined },
): ClearCriteria {
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined)) as ClearCriteria;
}

/**
 * Whether a clear request may remove the profile: a profile an external actor installed (a 2.x
 * limitSource other than CSO, e.g. an EMS's ChargingStationExternalConstraints) is not the CSMS's
 * to clear; the external actor withdraws it.
 */
function setByCsms(profile: ChargingProfile): boolean {
  return profile.limitSource === undefined || profile.limitSource === 'CSO';
}

function matches(profile: ChargingProfile, criteria: ClearCriteria): boolean {
  if (criteria.id !== undefined) return profile.id === criteria.id;
  return (
    (criteria.evseId === undefined || profile.evseId === criteria.evseId) &&
    (criteria.purpose === undefined || profile.purpose === criteria.purpose) &&
    (criteria.stackLevel === undefined || profile.stackLevel === criteria.stackLevel)
  );
}

/**
 * Removes the profiles matching `criteria` (see {@link ClearCriteria}). Pure.
 * @example
 * ```ts
 * clearProfiles(installed, {}); // every profile the CSMS set
 * clearProfiles(installed, { evseId: 0, purpose: 'StationMax' }).status; // 'Accepted' or 'Unknown'
 * ```
 */
export function clearProfiles(installed: readonly ChargingProfile[], criteria: ClearCriteria): ClearResult {
  const profiles = installed.filter((p) => !(setByCsms(p) && matches(p, criteria)));
  const cleared = installed.length - profiles.length;
  return { profiles, cleared, status: cleared > 0 ? 'Accepted' : 'Unknown' };
}

/**
 * Removes the profiles whose validTo has passed (validTo is exclusive: at validTo it has expired).
 * @example
 * ```ts
 * installed = pruneExpired(installed, Date.now());
 * ```
 */
export function pruneExpired(
  installed: readonly ChargingProfile[],
  nowMs: number,
): readonly ChargingProfile[] {
  return installed.filter((p) => p.validToMs === undefined || p.validToMs > nowMs);
}

/**
 * Removes the Tx profiles of a transaction that ended: 1.6 §3.13.1 ("After the transaction is
 * stopped, the profile SHOULD be deleted") and §7.10; 2.x likewise ends a TxProfile with its
 * transaction.
 * @example
 * ```ts
 * // after StopTransaction / TransactionEvent Ended
 * installed = dropTransactionProfiles(installed, transactionId);
 * ```
 */
export function dropTransactionProfiles(
  installed: readonly ChargingProfile[],
  transactionId: string,
): readonly ChargingProfile[] {
  return installed.filter((p) => !(p.purpose === 'Tx' && p.transactionId === transactionId));
}
