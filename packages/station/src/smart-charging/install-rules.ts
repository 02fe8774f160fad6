// The checks a station makes before it installs a charging profile, as data: each rule names the
// clause it enforces per OCPP version, and applies only to the versions it names.
import type { OcppProtocol } from './ocpp-types.js';
import { hasKind, hasPurpose } from './purposes.js';
import type { ChargingProfile, ChargingRateUnit, RunningTransaction } from './types.js';

/**
 * What the station knows when a profile arrives. Limits left out are not checked.
 * @example
 * ```ts
 * const context: InstallContext = {
 *   protocol: 'ocpp1.6',
 *   transactions: { 1: { id: '1042', startedAtMs } },
 *   evseIds: [1, 2],
 *   maxStackLevel: 8,
 *   units: ['A', 'W'],
 * };
 * ```
 */
export interface InstallContext {
  readonly protocol: OcppProtocol;
  /** The transaction running on each EVSE, by evseId (EVSEs without one are left out). */
  readonly transactions?: Readonly<Record<number, RunningTransaction>>;
  /** The station's EVSE (1.6: connector) ids, 1-based. Absent: any evseId is taken to exist. */
  readonly evseIds?: readonly number[];
  /** 1.6 ChargeProfileMaxStackLevel (§9.4.1); 2.x the SmartChargingCtrlr's maximum stack level. */
  readonly maxStackLevel?: number;
  /** 1.6 MaxChargingProfilesInstalled (§9.4.5); 2.x ChargingProfileEntries. */
  readonly maxProfiles?: number;
  /** 1.6 ChargingScheduleMaxPeriods (§9.4.3); 2.x the SmartChargingCtrlr's periods per schedule. */
  readonly maxPeriods?: number;
  /** 1.6 ChargingScheduleAllowedChargingRateUnit (§9.4.2); 2.x ChargingScheduleChargingRateUnit. */
  readonly units?: readonly ChargingRateUnit[];
}

/**
 * Why a profile was rejected. Short enough (at most 20 characters) to be a 2.x
 * StatusInfoType.reasonCode as it is.
 * @example
 * ```ts
 * const reason: InstallRejection = 'NoTransaction';
 * ```
 */
export type InstallRejection =
  | 'UnsupportedPurpose'
  | 'UnsupportedKind'
  | 'UnknownEvse'
  | 'InvalidEvse'
  | 'NoTransaction'
  | 'MissingTransactionId'
  | 'TxNotFound'
  | 'UnexpectedTxId'
  | 'InvalidSchedule'
  | 'UnsupportedRateUnit'
  | 'InvalidStackLevel'
  | 'TooManyPeriods'
  | 'TooManyProfiles'
  | 'DuplicateProfile'
  | 'ExternalConstraint';

/** What a rule looks at. */
export interface RuleInput {
  readonly profile: ChargingProfile;
  readonly context: InstallContext;
  /** The installed profiles that stay: all but those the new profile replaces (see install.ts). */
  readonly others: readonly ChargingProfile[];
  /** The installed profile with the new profile's id, if any. */
  readonly sameId: ChargingProfile | undefined;
}

/**
 * One check of {@link INSTALL_RULES}: the clause it enforces per version, and the test.
 * @example
 * ```ts
 * const clauses = INSTALL_RULES.map((rule) => rule.clause['ocpp1.6']).filter(Boolean);
 * ```
 */
export interface InstallRule {
  /** The clause enforced, per version; the rule applies to the versions listed only. */
  readonly clause: Readonly<Partial<Record<OcppProtocol, string>>>;
  readonly reason: InstallRejection;
  /** A description of the problem when the profile breaks the rule, else undefined. */
  readonly broken: (input: RuleInput) => string | undefined;
}

const V16 = 'OCPP 1.6';
const V201 = 'OCPP 2.0.1';
const V21 = 'OCPP 2.1';

/** The same clause text for 2.0.1 and 2.1, which share the K01 requirement numbers. */
function both2x(clause: string): { 'ocpp2.0.1': string; 'ocpp2.1': string } {
  return { 'ocpp2.0.1': `${V201} ${clause}`, 'ocpp2.1': `${V21} ${clause}` };
}

function all(clause16: string, clause2x: string): Readonly<Record<OcppProtocol, string>> {
  return { 'ocpp1.6': `${V16} ${clause16}`, ...both2x(clause2x) };
}

const transactionOn = (input: RuleInput): RunningTransaction | undefined =>
  input.context.transactions?.[input.profile.evseId];

/** [from, to) validity intervals overlap (absent bounds are open). */
function validityOverlaps(a: ChargingProfile, b: ChargingProfile): boolean {
  const aFrom = a.validFromMs ?? Number.NEGATIVE_INFINITY;
  const aTo = a.validToMs ?? Number.POSITIVE_INFINITY;
  const bFrom = b.validFromMs ?? Number.NEGATIVE_INFINITY;
  const bTo = b.validToMs ?? Number.POSITIVE_INFINITY;
  return aFrom < bTo && bFrom < aTo;
}

/**
 * The rules, in the order they are checked: the first broken rule is the one reported.
 * @example
 * ```ts
 * for (const rule of INSTALL_RULES) console.log(rule.clause['ocpp2.0.1'] ?? '(not in 2.0.1)', rule.reason);
 * ```
 */
export const INSTALL_RULES: readonly InstallRule[] = [
  {
    clause: all('§7.10 ChargingProfilePurposeType', 'ChargingProfilePurposeEnumType'),
    reason: 'UnsupportedPurpose',
    broken: ({ profile, context }) =>
      hasPurpose(context.protocol, profile.purpose)
        ? undefined
        : `${profile.purpose} is not a purpose of this version`,
  },
  {
    clause: all('§7.9 ChargingProfileKindType', 'ChargingProfileKindEnumType'),
    reason: 'UnsupportedKind',
    broken: ({ profile, context }) =>
      hasKind(context.protocol, profile.kind)
        ? undefined
        : `${profile.kind} is not a profile kind of this version`,
  },
  {
    clause: {
      'ocpp1.6': `${V16} §6.43 (connectorId names a connector of the Charge Point)`,
      ...both2x('K01.FR.28'),
    },
    reason: 'UnknownEvse',
    broken: ({ profile, context }) =>
      profile.evseId === 0 || context.evseIds === undefined || context.evseIds.includes(profile.evseId)
        ? undefined
        : `EVSE ${profile.evseId} does not exist`,
  },
  {
    clause: all('§3.13.1', 'K01 (ChargingStationMaxProfile is set on evseId 0 only)'),
    reason: 'InvalidEvse',
    broken: ({ profile }) =>
      profile.purpose === 'StationMax' && profile.evseId !== 0
        ? `a station maximum profile belongs on evse 0, not ${profile.evseId}`
        : undefined,
  },
  {
    clause: all('§3.13.1', 'K01.FR.16'),
    reason: 'InvalidEvse',
    broken: ({ profile }) =>
      profile.purpose === 'Tx' && profile.evseId === 0
        ? 'a TxProfile belongs on an EVSE, not on evse 0'
        : undefined,
  },
  {
    clause: all('§3.13.1', 'K01.FR.09'),
    reason: 'NoTransaction',
    broken: (input) =>
      input.profile.purpose === 'Tx' && transactionOn(input) === undefined
        ? `no transaction is running on EVSE ${input.profile.evseId}`
        : undefined,
  },
  {
    clause: both2x('K01.FR.03'),
    reason: 'MissingTransactionId',
    broken: ({ profile }) =>
      profile.purpose === 'Tx' && profile.transactionId === undefined
        ? 'a TxProfile names its transaction'
        : undefined,
  },
  {
    clause: all('§5.16 (transactionId matches the profile to its transaction)', 'K01.FR.33'),
    reason: 'TxNotFound',
    broken: (input) => {
      const { profile } = input;
      const running = transactionOn(input);
      if (profile.purpose !== 'Tx' || profile.transactionId === undefined || running === undefined)
        return undefined;
      return profile.transactionId === running.id
        ? undefined
        : `transaction ${profile.transactionId} is not the one running on EVSE ${profile.evseId} (${running.id})`;
    },
  },
  {
    clause: all(
      '§7.8 (transactionId only with TxProfile)',
      'ChargingProfileType.transactionId (only with TxProfile)',
    ),
    reason: 'UnexpectedTxId',
    broken: ({ profile }) =>
      profile.purpose !== 'Tx' && profile.transactionId !== undefined
        ? `a ${profile.purpose} profile names no transaction`
        : undefined,
  },
  {
    clause: all('§7.8 (chargingSchedule 1..1)', 'ChargingProfileType.chargingSchedule (1..3)'),
    reason: 'InvalidSchedule',
    broken: ({ profile, context }) => {
      const most = context.protocol === 'ocpp1.6' ? 1 : 3;
      const count = profile.schedules.length;
      return count >= 1 && count <= most ? undefined : `${count} schedules, expected 1 to ${most}`;
    },
  },
  {
    clause: all(
      '§7.13 (chargingSchedulePeriod 1..*)',
      'ChargingScheduleType.chargingSchedulePeriod (1..1024)',
    ),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.schedules.some((s) => s.periods.length === 0) ? 'a schedule without periods' : undefined,
  },
  {
    clause: all('§5.16 notes and §7.13 (the first startPeriod is 0)', 'K01.FR.31'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.schedules.some((s) => s.periods[0] !== undefined && s.periods[0].startPeriodS !== 0)
        ? 'the first period does not start at 0'
        : undefined,
  },
  {
    clause: all('§7.14 (a startPeriod ends the previous period, so they increase)', 'K01.FR.35'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.schedules.some((s) =>
        s.periods.some((p, i) => i > 0 && p.startPeriodS <= s.periods[i - 1]!.startPeriodS),
      )
        ? 'startPeriod values do not increase'
        : undefined,
  },
  {
    clause: all('§9.4.2 ChargingScheduleAllowedChargingRateUnit', 'K01.FR.26'),
    reason: 'UnsupportedRateUnit',
    broken: ({ profile, context }) => {
      const units = context.units;
      const bad = units === undefined ? undefined : profile.schedules.find((s) => !units.includes(s.unit));
      return bad === undefined ? undefined : `the station does not take limits in ${bad.unit}`;
    },
  },
  {
    clause: all(
      '§7.8 and §9.4.1 ChargeProfileMaxStackLevel',
      'ChargingProfileType.stackLevel (lowest 0) and the maximum stack level',
    ),
    reason: 'InvalidStackLevel',
    broken: ({ profile, context }) => {
      const max = context.maxStackLevel ?? Number.POSITIVE_INFINITY;
      return Number.isInteger(profile.stackLevel) && profile.stackLevel >= 0 && profile.stackLevel <= max
        ? undefined
        : `stackLevel ${profile.stackLevel} is outside 0..${max}`;
    },
  },
  {
    clause: all('§9.4.3 ChargingScheduleMaxPeriods', 'the maximum periods per schedule'),
    reason: 'TooManyPeriods',
    broken: ({ profile, context }) => {
      const max = context.maxPeriods;
      const bad = max === undefined ? undefined : profile.schedules.find((s) => s.periods.length > max);
      return bad === undefined ? undefined : `${bad.periods.length} periods, at most ${max} allowed`;
    },
  },
  {
    clause: both2x('K01.FR.38'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.purpose === 'StationMax' && profile.kind === 'Relative'
        ? 'a station maximum profile is not Relative'
        : undefined,
  },
  {
    clause: both2x('K01.FR.40'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      (profile.kind === 'Absolute' || profile.kind === 'Recurring') &&
      profile.schedules.some((s) => s.startScheduleMs === undefined)
        ? `an ${profile.kind} schedule needs startSchedule`
        : undefined,
  },
  {
    clause: both2x('K01.FR.41'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.kind === 'Relative' && profile.schedules.some((s) => s.startScheduleMs !== undefined)
        ? 'a Relative schedule has no startSchedule'
        : undefined,
  },
  {
    clause: all('§7.8 recurrencyKind', 'ChargingProfileType.recurrencyKind'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.kind === 'Recurring' && profile.recurrency === undefined
        ? 'a Recurring profile needs recurrencyKind'
        : undefined,
  },
  {
    clause: all('§7.8 validFrom/validTo', 'ChargingProfileType validFrom/validTo'),
    reason: 'InvalidSchedule',
    broken: ({ profile }) =>
      profile.validFromMs !== undefined &&
      profile.validToMs !== undefined &&
      profile.validToMs <= profile.validFromMs
        ? 'validTo is not after validFrom'
        : undefined,
  },
  {
    clause: both2x('K01.FR.05'),
    reason: 'ExternalConstraint',
    broken: ({ sameId }) =>
      sameId?.purpose === 'ExternalConstraints'
        ? `profile ${sameId.id} is an external constraint, which the CSMS cannot replace`
        : undefined,
  },
  {
    clause: both2x('K01.FR.39'),
    reason: 'DuplicateProfile',
    broken: ({ profile, others }) => {
      if (profile.purpose !== 'Tx') return undefined;
      const clash = others.find(
        (p) =>
          p.purpose === 'Tx' &&
          p.transactionId === profile.transactionId &&
          p.stackLevel === profile.stackLevel,
      );
      return clash === undefined ? undefined : `TxProfile ${clash.id} has this transaction and stackLevel`;
    },
  },
  {
    clause: both2x('K01.FR.06'),
    reason: 'DuplicateProfile',
    broken: ({ profile, others }) => {
      const clash = others.find(
        (p) =>
          p.purpose === profile.purpose &&
          p.stackLevel === profile.stackLevel &&
          p.evseId === profile.evseId &&
          validityOverlaps(p, profile),
      );
      return clash === undefined
        ? undefined
        : `profile ${clash.id} has this purpose, stackLevel and EVSE for an overlapping validity period`;
    },
  },
  {
    clause: all('§9.4.5 MaxChargingProfilesInstalled', 'ChargingProfileEntries'),
    reason: 'TooManyProfiles',
    broken: ({ context, others }) =>
      context.maxProfiles !== undefined && others.length + 1 > context.maxProfiles
        ? `the station holds at most ${context.maxProfiles} profiles`
        : undefined,
  },
];
