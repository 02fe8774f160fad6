// Reporting installed profiles (2.x K09 GetChargingProfiles / ReportChargingProfiles).
import { toOcpp2xChargingProfile } from './convert2x.js';
import type { Ocpp2xProtocol, Ocpp21, Ocpp201 } from './ocpp-types.js';
import { purposeFrom } from './purposes.js';
import type { ChargingProfile, ProfilePurpose } from './types.js';

/**
 * Which profiles to report. Every field given must match; none given selects all.
 * @example
 * ```ts
 * selectProfiles(installed, { evseId: 0, purpose: 'StationMax' });
 * ```
 */
export interface SelectCriteria {
  /** 0: only the station-wide profiles; an EVSE: only that EVSE's. */
  readonly evseId?: number;
  readonly purpose?: ProfilePurpose;
  readonly stackLevel?: number;
  /** Any of these ids. */
  readonly ids?: readonly number[];
  /** Any of these sources (a profile without limitSource is the CSMS's: 'CSO'). */
  readonly limitSources?: readonly string[];
}

/**
 * The criteria of a 2.0.1 / 2.1 GetChargingProfilesRequest.
 * @example
 * ```ts
 * const found = selectProfiles(installed, selectCriteriaFromOcpp2x(request));
 * ```
 */
export function selectCriteriaFromOcpp2x(
  request: Ocpp201.GetChargingProfilesRequest | Ocpp21.GetChargingProfilesRequest,
): SelectCriteria {
  const c = request.chargingProfile;
  const criteria: { -readonly [K in keyof SelectCriteria]?: SelectCriteria[K] } = {};
  if (request.evseId !== undefined) criteria.evseId = request.evseId;
  if (c.chargingProfilePurpose !== undefined)
    criteria.purpose = purposeFrom('ocpp2.1', c.chargingProfilePurpose);
  if (c.stackLevel !== undefined) criteria.stackLevel = c.stackLevel;
  if (c.chargingProfileId !== undefined) criteria.ids = c.chargingProfileId;
  if (c.chargingLimitSource !== undefined) criteria.limitSources = c.chargingLimitSource;
  return criteria;
}

/**
 * The limit source of a profile: absent means the CSMS set it.
 * @example
 * ```ts
 * limitSourceOf(profile); // 'CSO' unless an external actor installed it
 * ```
 */
export function limitSourceOf(profile: ChargingProfile): string {
  return profile.limitSource ?? 'CSO';
}

/**
 * The installed profiles matching `criteria`, in installation order. Pure.
 * @example
 * ```ts
 * selectProfiles(installed, { ids: [3, 4], limitSources: ['CSO'] });
 * ```
 */
export function selectProfiles(
  installed: readonly ChargingProfile[],
  criteria: SelectCriteria,
): ChargingProfile[] {
  return installed.filter(
    (p) =>
      (criteria.evseId === undefined || p.evseId === criteria.evseId) &&
      (criteria.purpose === undefined || p.purpose === criteria.purpose) &&
      (criteria.stackLevel === undefined || p.stackLevel === criteria.stackLevel) &&
      (criteria.ids === undefined || criteria.ids.includes(p.id)) &&
      (criteria.limitSources === undefined || criteria.limitSources.includes(limitSourceOf(p))),
  );
}

const SOURCES_201: readonly string[] = [
  'EMS',
  'Other',
  'SO',
  'CSO',
] satisfies Ocpp201.ChargingLimitSourceEnumType[];

/**
 * The ReportChargingProfilesRequest payloads for `profiles` (usually a {@link selectProfiles}
 * result): one per EVSE and limit source, since a report carries one of each; `tbc: true` on all
 * but the last. Empty when there is nothing to report (answer GetChargingProfiles with NoProfiles).
 * 2.0.1 knows four limit sources; any other source is reported there as 'Other'.
 * @example
 * ```ts
 * // GetChargingProfilesRequest handler
 * const reports = toOcpp2xReports(selectProfiles(installed, selectCriteriaFromOcpp2x(request)), request.requestId);
 * respond({ status: reports.length > 0 ? 'Accepted' : 'NoProfiles' });
 * for (const report of reports) await station.call('ReportChargingProfiles', report);
 * ```
 */
export function toOcpp2xReports(
  profiles: readonly ChargingProfile[],
  requestId: number,
  protocol?: 'ocpp2.0.1',
): Ocpp201.ReportChargingProfilesRequest[];
export function toOcpp2xReports(
  profiles: readonly ChargingProfile[],
  requestId: number,
  protocol: 'ocpp2.1',
): Ocpp21.ReportChargingProfilesRequest[];
export function toOcpp2xReports(
  profiles: readonly ChargingProfile[],
  requestId: number,
  protocol: Ocpp2xProtocol = 'ocpp2.0.1',
): Ocpp201.ReportChargingProfilesRequest[] | Ocpp21.ReportChargingProfilesRequest[] {
  const groups = new Map<string, { evseId: number; source: string; profiles: ChargingProfile[] }>();
  for (const profile of profiles) {
    let source = limitSourceOf(profile);
    if (protocol === 'ocpp2.0.1' && !SOURCES_201.includes(source)) source = 'Other';
    const key = `${profile.evseId}\u0000${source}`;
    const group = groups.get(key) ?? { evseId: profile.evseId, source, profiles: [] };
    group.profiles.push(profile);
    groups.set(key, group);
  }
  const reports = [...groups.values()].map((group, index, all) => ({
    requestId,
    chargingLimitSource: group.source as Ocpp201.ChargingLimitSourceEnumType,
    chargingProfile: group.profiles.map((p) =>
      protocol === 'ocpp2.1' ? toOcpp2xChargingProfile(p, 'ocpp2.1') : toOcpp2xChargingProfile(p),
    ),
    ...(index < all.length - 1 ? { tbc: true } : {}),
    evseId: group.evseId,
  }));
  return reports as Ocpp201.ReportChargingProfilesRequest[] | Ocpp21.ReportChargingProfilesRequest[];
}
