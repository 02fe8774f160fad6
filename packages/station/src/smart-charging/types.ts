// The contract between the station and its smart-charging module: protocol-neutral charging
// profiles (OCPP 1.6 §3.13 / §5.16, 2.0.1 K01–K08 and 2.1 K-block map onto them) and the composite
// schedule. Everything here is plain data (JSON-serialisable, times as epoch milliseconds), so a
// station's profiles persist with its state and a CSMS can compute the same schedule.

/**
 * Unit of a limit: amperes per phase, or watts (OCPP ChargingRateUnitType).
 * @example
 * ```ts
 * const unit: ChargingRateUnit = request.chargingRateUnit ?? 'A';
 * ```
 */
export type ChargingRateUnit = 'A' | 'W';

/**
 * What a profile is for, across versions: 1.6 ChargePointMaxProfile and 2.x
 * ChargingStationMaxProfile are `StationMax`; 2.x ChargingStationExternalConstraints is
 * `ExternalConstraints`; 2.1 adds `PriorityCharging` and `LocalGeneration`.
 * @example
 * ```ts
 * const purpose: ProfilePurpose = 'StationMax'; // 1.6 ChargePointMaxProfile, 2.x ChargingStationMaxProfile
 * ```
 */
export type ProfilePurpose =
  | 'StationMax'
  | 'TxDefault'
  | 'Tx'
  | 'ExternalConstraints'
  | 'PriorityCharging'
  | 'LocalGeneration';

/**
 * ChargingProfileKindType; `Dynamic` is OCPP 2.1's (limits pushed by UpdateDynamicSchedule).
 * @example
 * ```ts
 * const kind: ProfileKind = 'Recurring';
 * ```
 */
export type ProfileKind = 'Absolute' | 'Recurring' | 'Relative' | 'Dynamic';

/**
 * One period of a schedule: from `startPeriodS` (seconds from the schedule's start) on, `limit`.
 * @example
 * ```ts
 * const period: SchedulePeriod = { startPeriodS: 3600, limit: 10, numberPhases: 1 };
 * ```
 */
export interface SchedulePeriod {
  readonly startPeriodS: number;
  readonly limit: number;
  readonly numberPhases?: number;
  /**
   * Added: 2.x phaseToUse (which phase a single-phase period uses). The composite does not need it,
   * but a 2.x station reports installed profiles back (ReportChargingProfiles) as they were set.
   */
  readonly phaseToUse?: number;
  /** Added: see {@link OcppExtras}. */
  readonly extras?: OcppExtras;
}

/**
 * Added: the fields of an OCPP 2.x profile, schedule or period that this model does not interpret
 * (customData, salesTariff, 2.1 setpoints, discharge limits, price schedules, offline validity…),
 * kept verbatim so that a profile reported back (2.x GetChargingProfiles) is the one received.
 * They never influence a limit. OCPP 1.6 messages are closed (no extra fields), so 1.6 has none.
 * @example
 * ```ts
 * const extras: OcppExtras = { customData: { vendorId: 'example.org' } };
 * ```
 */
export type OcppExtras = Readonly<Record<string, unknown>>;

/**
 * One charging schedule (1.6 has one per profile; 2.0.1 up to three, 2.1 up to three).
 * @example
 * ```ts
 * const schedule: ChargingSchedule = {
 *   startScheduleMs: Date.UTC(2024, 0, 1),
 *   durationS: 86_400,
 *   unit: 'W',
 *   periods: [{ startPeriodS: 0, limit: 11_000 }, { startPeriodS: 28_800, limit: 6_000 }],
 * };
 * ```
 */
export interface ChargingSchedule {
  /** 2.x ChargingScheduleType.id; absent in 1.6. */
  readonly id?: number;
  /** Absolute and Recurring schedules start here (1.6 / 2.x startSchedule). */
  readonly startScheduleMs?: number;
  /** Absent: the last period lasts until the profile's validTo (or forever). */
  readonly durationS?: number;
  readonly unit: ChargingRateUnit;
  /** Sorted by startPeriodS, the first at 0 (1.6 §7.13, 2.0.1 K01.FR.31). */
  readonly periods: readonly SchedulePeriod[];
  readonly minChargingRate?: number;
  /** Added: see {@link OcppExtras}. */
  readonly extras?: OcppExtras;
}

/**
 * A charging profile as installed on one EVSE (or on the whole station: `evseId` 0).
 * @example
 * ```ts
 * // 1.6 §3.13.7: a daily default limiting charging to 6 kW from 08:00 to 20:00
 * const profile: ChargingProfile = {
 *   id: 100,
 *   evseId: 0,
 *   stackLevel: 0,
 *   purpose: 'TxDefault',
 *   kind: 'Recurring',
 *   recurrency: 'Daily',
 *   schedules: [
 *     {
 *       startScheduleMs: Date.UTC(2013, 0, 1),
 *       durationS: 86_400,
 *       unit: 'W',
 *       periods: [
 *         { startPeriodS: 0, limit: 11_000 },
 *         { startPeriodS: 28_800, limit: 6_000 },
 *         { startPeriodS: 72_000, limit: 11_000 },
 *       ],
 *     },
 *   ],
 * };
 * ```
 */
export interface ChargingProfile {
  readonly id: number;
  /** 0: the whole station (1.6 connectorId 0, 2.x evseId 0). */
  readonly evseId: number;
  readonly stackLevel: number;
  readonly purpose: ProfilePurpose;
  readonly kind: ProfileKind;
  readonly recurrency?: 'Daily' | 'Weekly';
  readonly validFromMs?: number;
  readonly validToMs?: number;
  /** Tx profiles: the transaction they belong to (1.6 integer ids as decimal strings). */
  readonly transactionId?: string;
  readonly schedules: readonly ChargingSchedule[];
  /**
   * Added: 2.x ChargingLimitSourceEnumType of whoever installed the profile ('CSO' for the CSMS,
   * 'EMS', 'SO', 'Other'; 2.1 allows other strings). Absent means 'CSO'. GetChargingProfiles
   * filters on it and ReportChargingProfiles groups by it.
   */
  readonly limitSource?: string;
  /** Added: see {@link OcppExtras}. */
  readonly extras?: OcppExtras;
}

/**
 * The transaction running on the EVSE a schedule is computed for.
 * @example
 * ```ts
 * const transaction: RunningTransaction = { id: '1042', startedAtMs: Date.parse(startTransaction.timestamp) };
 * ```
 */
export interface RunningTransaction {
  readonly id: string;
  readonly startedAtMs: number;
}

/**
 * What {@link compositeSchedule} needs to know besides the installed profiles.
 * @example
 * ```ts
 * const query: CompositeQuery = {
 *   evseId: 1,
 *   startMs: Date.now(),
 *   durationS: 86_400,
 *   unit: 'W',
 *   transaction: { id: '1042', startedAtMs },
 *   hardwareLimit: { limit: 32, unit: 'A' },
 *   electrical: { voltageV: 230, phases: 3 },
 * };
 * ```
 */
export interface CompositeQuery {
  /** 0 asks for the whole station's schedule (1.6 connectorId 0, 2.x evseId 0). */
  readonly evseId: number;
  readonly startMs: number;
  readonly durationS: number;
  /** The unit to answer in (default: the unit of the station's hardware limit). */
  readonly unit?: ChargingRateUnit;
  /** The transaction on that EVSE, for Tx profiles and Relative schedules. */
  readonly transaction?: RunningTransaction;
  /**
   * The EVSE's (or station's) physical limit: the composite never exceeds it, and it is the
   * answer where no profile applies.
   */
  readonly hardwareLimit: { readonly limit: number; readonly unit: ChargingRateUnit };
  /** For converting between A and W: voltage per phase and phases in use (default 230 V, 3). */
  readonly electrical?: { readonly voltageV: number; readonly phases: number };
  /**
   * Added: OCPP 2.1 priority charging is active on this EVSE (UsePriorityCharging, or the EV
   * driver asked for it): a PriorityCharging profile in force then takes the place of the
   * Tx/TxDefault profiles. Without it PriorityCharging profiles are stored but not applied.
   */
  readonly priorityCharging?: boolean;
}

/**
 * The composite schedule (1.6 §3.13.4, 2.0.1 K08): the limit in force at each moment.
 * @example
 * ```ts
 * const { periods } = compositeSchedule(installed, query);
 * const limitNow = periods[0]?.limit;
 * ```
 */
export interface CompositeSchedule {
  readonly evseId: number;
  readonly startMs: number;
  readonly durationS: number;
  readonly unit: ChargingRateUnit;
  /** Contiguous periods with distinct limits, the first at 0. */
  readonly periods: readonly SchedulePeriod[];
}
