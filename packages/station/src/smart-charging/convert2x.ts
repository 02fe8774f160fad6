// OCPP 2.0.1 / 2.1 charging profiles and composite schedules to and from the neutral model.
import { extrasOf, optional } from './fields.js';
import type { Ocpp2xProtocol, Ocpp21, Ocpp201 } from './ocpp-types.js';
import { type Ocpp21Purpose, type Ocpp201Purpose, purposeFrom, purposeName } from './purposes.js';
import { formatDateTime, optionalDateTime, optionalMs } from './time.js';
import type { ChargingProfile, ChargingSchedule, CompositeSchedule, SchedulePeriod } from './types.js';

// The fields the model interprets; everything else is carried as extras (see OcppExtras).
const PROFILE_FIELDS = [
  'id',
  'stackLevel',
  'chargingProfilePurpose',
  'chargingProfileKind',
  'recurrencyKind',
  'validFrom',
  'validTo',
  'transactionId',
  'chargingSchedule',
] as const;
const SCHEDULE_FIELDS = [
  'id',
  'startSchedule',
  'duration',
  'chargingRateUnit',
  'chargingSchedulePeriod',
  'minChargingRate',
] as const;
const PERIOD_FIELDS = ['startPeriod', 'limit', 'numberPhases', 'phaseToUse'] as const;

type AnyProfile = Ocpp201.ChargingProfileType | Ocpp21.ChargingProfileType;
type AnySchedule = Ocpp201.ChargingScheduleType | Ocpp21.ChargingScheduleType;
type AnyPeriod = Ocpp201.ChargingSchedulePeriodType | Ocpp21.ChargingSchedulePeriodType;

/**
 * A 2.0.1 or 2.1 `chargingProfile` (SetChargingProfileRequest, RequestStartTransactionRequest) as
 * installed on `evseId`. All schedules are kept; fields the model does not interpret (customData,
 * salesTariff, 2.1 per-phase limits, setpoints, price schedules, offline validity…) travel as
 * `extras` and do not affect limits.
 * @throws RangeError for a 2.1 period without a limit (setpoint-only V2X operation modes are not
 *   modelled): a station answers such a SetChargingProfileRequest with Rejected.
 * @example
 * ```ts
 * // SetChargingProfileRequest handler
 * const profile = fromOcpp2x(request.chargingProfile, request.evseId);
 * ```
 */
export function fromOcpp2x(profile: AnyProfile, evseId: number): ChargingProfile {
  // 2.1 names are a superset of 2.0.1's, so one table reads both.
  return {
    id: profile.id,
    evseId,
    stackLevel: profile.stackLevel,
    purpose: purposeFrom('ocpp2.1', profile.chargingProfilePurpose),
    kind: profile.chargingProfileKind,
    ...optional('recurrency', profile.recurrencyKind),
    ...optional('validFromMs', optionalMs(profile.validFrom, 'validFrom')),
    ...optional('validToMs', optionalMs(profile.validTo, 'validTo')),
    ...optional('transactionId', profile.transactionId),
    schedules: profile.chargingSchedule.map(fromSchedule),
    ...optional('extras', extrasOf(profile, PROFILE_FIELDS)),
  };
}

function fromSchedule(schedule: AnySchedule): ChargingSchedule {
  return {
    id: schedule.id,
    ...optional('startScheduleMs', optionalMs(schedule.startSchedule, 'startSchedule')),
    ...optional('durationS', schedule.duration),
    unit: schedule.chargingRateUnit,
    periods: schedule.chargingSchedulePeriod.map(fromPeriod),
    ...optional('minChargingRate', schedule.minChargingRate),
    ...optional('extras', extrasOf(schedule, SCHEDULE_FIELDS)),
  };
}

function fromPeriod(period: AnyPeriod): SchedulePeriod {
  if (period.limit === undefined) {
    throw new RangeError(
      `the period at ${period.startPeriod} s has no limit (V2X operation modes are not supported)`,
    );
  }
  return {
    startPeriodS: period.startPeriod,
    limit: period.limit,
    ...optional('numberPhases', period.numberPhases),
    ...optional('phaseToUse', period.phaseToUse),
    ...optional('extras', extrasOf(period, PERIOD_FIELDS)),
  };
}

/**
 * The 2.0.1 (default) or 2.1 shape of a profile, e.g. for ReportChargingProfilesRequest. Extras
 * are written back as received; a schedule without an id (a profile that came from 1.6) gets its
 * position, 1-based. Dates are written as UTC (`…Z`, milliseconds only when not 0).
 * @throws RangeError when 2.0.1 is asked for a 2.1-only purpose (PriorityCharging,
 *   LocalGeneration) or kind (Dynamic).
 * @example
 * ```ts
 * const asSent = toOcpp2xChargingProfile(fromOcpp2x(chargingProfile, 1)); // deep-equals chargingProfile
 * const for21 = toOcpp2xChargingProfile(profile, 'ocpp2.1');
 * ```
 */
export function toOcpp2xChargingProfile(
  profile: ChargingProfile,
  protocol?: 'ocpp2.0.1',
): Ocpp201.ChargingProfileType;
export function toOcpp2xChargingProfile(
  profile: ChargingProfile,
  protocol: 'ocpp2.1',
): Ocpp21.ChargingProfileType;
export function toOcpp2xChargingProfile(
  profile: ChargingProfile,
  protocol: Ocpp2xProtocol = 'ocpp2.0.1',
): Ocpp201.ChargingProfileType | Ocpp21.ChargingProfileType {
  if (profile.kind === 'Dynamic' && protocol === 'ocpp2.0.1') {
    throw new RangeError('OCPP 2.0.1 has no Dynamic charging profiles');
  }
  const out: Ocpp21.ChargingProfileType = {
    ...profile.extras,
    id: profile.id,
    stackLevel: profile.stackLevel,
    chargingProfilePurpose: purposeName(protocol, profile.purpose) as Ocpp201Purpose & Ocpp21Purpose,
    chargingProfileKind: profile.kind,
    ...optional('recurrencyKind', profile.recurrency),
    ...optional('validFrom', optionalDateTime(profile.validFromMs)),
    ...optional('validTo', optionalDateTime(profile.validToMs)),
    ...optional('transactionId', profile.transactionId),
    chargingSchedule: profile.schedules.map((schedule, index) => toSchedule(schedule, index)),
  };
  return out;
}

function toSchedule(schedule: ChargingSchedule, index: number): Ocpp21.ChargingScheduleType {
  return {
    ...schedule.extras,
    id: schedule.id ?? index + 1,
    ...optional('startSchedule', optionalDateTime(schedule.startScheduleMs)),
    ...optional('duration', schedule.durationS),
    chargingRateUnit: schedule.unit,
    chargingSchedulePeriod: schedule.periods.map(toPeriod),
    ...optional('minChargingRate', schedule.minChargingRate),
  };
}

function toPeriod(
  period: SchedulePeriod,
): Ocpp201.ChargingSchedulePeriodType & Ocpp21.ChargingSchedulePeriodType {
  return {
    ...period.extras,
    startPeriod: period.startPeriodS,
    limit: period.limit,
    ...optional('numberPhases', period.numberPhases),
    ...optional('phaseToUse', period.phaseToUse),
  };
}

/**
 * The 2.0.1 CompositeScheduleType of GetCompositeScheduleResponse (`{ status: 'Accepted',
 * schedule }`). The 2.1 type has the same fields (its periods only add optional ones), so the same
 * value serves 2.1.
 * @example
 * ```ts
 * return { status: 'Accepted', schedule: toOcpp2xCompositeSchedule(composite) };
 * ```
 */
export function toOcpp2xCompositeSchedule(composite: CompositeSchedule): Ocpp201.CompositeScheduleType {
  return {
    evseId: composite.evseId,
    duration: composite.durationS,
    scheduleStart: formatDateTime(composite.startMs),
    chargingRateUnit: composite.unit,
    chargingSchedulePeriod: composite.periods.map((p) => ({
      startPeriod: p.startPeriodS,
      limit: p.limit,
      ...optional('numberPhases', p.numberPhases),
    })),
  };
}
