// OCPP 1.6 charging profiles and composite schedules to and from the neutral model.
import { optional } from './fields.js';
import type { Ocpp16 } from './ocpp-types.js';
import { type Ocpp16Purpose, purposeFrom, purposeName } from './purposes.js';
import { formatDateTime, optionalDateTime, optionalMs } from './time.js';
import type { ChargingProfile, ChargingSchedule, CompositeSchedule, SchedulePeriod } from './types.js';

/**
 * The part of a 1.6 GetCompositeSchedule.conf that carries the schedule (its fields are optional
 * there because a Rejected answer has none); the status is the caller's.
 * @example
 * ```ts
 * const conf = { status: 'Accepted' as const, ...toOcpp16CompositeSchedule(composite) };
 * ```
 */
export interface Ocpp16CompositeSchedule {
  readonly connectorId: number;
  readonly scheduleStart: string;
  readonly chargingSchedule: Ocpp16.ChargingSchedule;
}

/**
 * A 1.6 `csChargingProfiles` (SetChargingProfile.req, RemoteStartTransaction.req) as installed on
 * `connectorId` (1.6 connectors are this model's EVSEs; 0 is the whole Charge Point). The integer
 * transactionId becomes its decimal string.
 * @example
 * ```ts
 * // SetChargingProfile.req handler
 * const profile = fromOcpp16(request.csChargingProfiles, request.connectorId);
 * ```
 */
export function fromOcpp16(profile: Ocpp16.ChargingProfile, connectorId: number): ChargingProfile {
  const schedule = profile.chargingSchedule;
  return {
    id: profile.chargingProfileId,
    evseId: connectorId,
    stackLevel: profile.stackLevel,
    purpose: purposeFrom('ocpp1.6', profile.chargingProfilePurpose),
    kind: profile.chargingProfileKind,
    ...optional('recurrency', profile.recurrencyKind),
    ...optional('validFromMs', optionalMs(profile.validFrom, 'validFrom')),
    ...optional('validToMs', optionalMs(profile.validTo, 'validTo')),
    ...optional(
      'transactionId',
      profile.transactionId === undefined ? undefined : String(profile.transactionId),
    ),
    schedules: [
      {
        ...optional('startScheduleMs', optionalMs(schedule.startSchedule, 'startSchedule')),
        ...optional('durationS', schedule.duration),
        unit: schedule.chargingRateUnit,
        periods: schedule.chargingSchedulePeriod.map((p) => ({
          startPeriodS: p.startPeriod,
          limit: p.limit,
          ...optional('numberPhases', p.numberPhases),
        })),
        ...optional('minChargingRate', schedule.minChargingRate),
      },
    ],
  };
}

/**
 * The 1.6 shape of a profile. Dates are written as UTC (`…Z`, milliseconds only when not 0), so a
 * profile received in that form converts back to the same JSON.
 * @throws RangeError when 1.6 cannot express the profile: a 2.x-only purpose or kind, more than one
 *   schedule, or a transactionId that is not an integer.
 * @example
 * ```ts
 * toOcpp16ChargingProfile(fromOcpp16(csChargingProfiles, 1)); // deep-equals csChargingProfiles
 * ```
 */
export function toOcpp16ChargingProfile(profile: ChargingProfile): Ocpp16.ChargingProfile {
  if (profile.kind === 'Dynamic') throw new RangeError('OCPP 1.6 has no Dynamic charging profiles');
  const [schedule, ...more] = profile.schedules;
  if (schedule === undefined || more.length > 0) {
    throw new RangeError(
      `an OCPP 1.6 profile has exactly one schedule, profile ${profile.id} has ${profile.schedules.length}`,
    );
  }
  return {
    chargingProfileId: profile.id,
    ...optional(
      'transactionId',
      profile.transactionId === undefined ? undefined : integerId(profile.transactionId),
    ),
    stackLevel: profile.stackLevel,
    chargingProfilePurpose: purposeName('ocpp1.6', profile.purpose) as Ocpp16Purpose,
    chargingProfileKind: profile.kind,
    ...optional('recurrencyKind', profile.recurrency),
    ...optional('validFrom', optionalDateTime(profile.validFromMs)),
    ...optional('validTo', optionalDateTime(profile.validToMs)),
    chargingSchedule: toOcpp16Schedule(schedule),
  };
}

function toOcpp16Schedule(schedule: ChargingSchedule): Ocpp16.ChargingSchedule {
  return {
    ...optional('duration', schedule.durationS),
    ...optional('startSchedule', optionalDateTime(schedule.startScheduleMs)),
    chargingRateUnit: schedule.unit,
    chargingSchedulePeriod: schedule.periods.map(toOcpp16Period),
    ...optional('minChargingRate', schedule.minChargingRate),
  };
}

function toOcpp16Period(period: SchedulePeriod): Ocpp16.ChargingSchedulePeriod {
  return {
    startPeriod: period.startPeriodS,
    limit: period.limit,
    ...optional('numberPhases', period.numberPhases),
  };
}

/**
 * The schedule part of a 1.6 GetCompositeSchedule.conf (add `status: 'Accepted'`). The schedule's
 * startSchedule repeats scheduleStart, so it reads the same on its own.
 * @example
 * ```ts
 * // GetCompositeSchedule.req handler
 * const composite = compositeSchedule(installed, {
 *   evseId: request.connectorId,
 *   startMs: Date.now(),
 *   durationS: request.duration,
 *   ...(request.chargingRateUnit ? { unit: request.chargingRateUnit } : {}),
 *   hardwareLimit: { limit: 32, unit: 'A' },
 * });
 * return { status: 'Accepted', ...toOcpp16CompositeSchedule(composite) };
 * ```
 */
export function toOcpp16CompositeSchedule(composite: CompositeSchedule): Ocpp16CompositeSchedule {
  const start = formatDateTime(composite.startMs);
  return {
    connectorId: composite.evseId,
    scheduleStart: start,
    chargingSchedule: {
      duration: composite.durationS,
      startSchedule: start,
      chargingRateUnit: composite.unit,
      chargingSchedulePeriod: composite.periods.map(toOcpp16Period),
    },
  };
}

function integerId(transactionId: string): number {
  const id = Number(transactionId);
  if (!/^-?\d+$/.test(transactionId) || !Number.isSafeInteger(id)) {
    throw new RangeError(`OCPP 1.6 transaction ids are integers, not "${transactionId}"`);
  }
  return id;
}
