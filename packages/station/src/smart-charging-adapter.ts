// The one file that binds the station to its smart-charging module (src/smart-charging/, written
// on its own branch against ./smart-charging/types.ts). Until that module lands, the functions
// below are a deliberately small stand-in with the module's names: highest stack level per
// purpose, StationMax capping Tx/TxDefault, Absolute / Relative / Recurring starts. Wiring the real
// module means replacing the bodies here with re-exports; nothing else in the station changes.

import type { StationState } from './model/state.js';
import type {
  ChargingProfile,
  ChargingRateUnit,
  CompositeQuery,
  CompositeSchedule,
  SchedulePeriod,
} from './smart-charging/types.js';

const VOLTAGE_V = 230;
const PHASES = 3;
const DAY_MS = 86_400_000;

/** Converts a limit between A (per phase) and W. */
function convert(limit: number, from: ChargingRateUnit, to: ChargingRateUnit, phases = PHASES): number {
  if (from === to) return limit;
  return from === 'A' ? limit * VOLTAGE_V * phases : limit / (VOLTAGE_V * phases);
}

/** Where a profile's schedule starts for a moment `atMs` (undefined: not started). */
function scheduleStart(
  profile: ChargingProfile,
  atMs: number,
  query: Pick<CompositeQuery, 'transaction'>,
): number | undefined {
  const schedule = profile.schedules[0];
  if (!schedule) return undefined;
  if (profile.kind === 'Relative') return query.transaction?.startedAtMs ?? atMs;
  const start = schedule.startScheduleMs ?? profile.validFromMs ?? 0;
  if (profile.kind !== 'Recurring') return start;
  const period = profile.recurrency === 'Weekly' ? 7 * DAY_MS : DAY_MS;
  return atMs < start ? start : start + Math.floor((atMs - start) / period) * period;
}

/** The period of `profile` in force at `atMs`, if any. */
function periodAt(
  profile: ChargingProfile,
  atMs: number,
  query: Pick<CompositeQuery, 'transaction'>,
): SchedulePeriod | undefined {
  if (profile.validFromMs !== undefined && atMs < profile.validFromMs) return undefined;
  if (profile.validToMs !== undefined && atMs >= profile.validToMs) return undefined;
  if (
    profile.purpose === 'Tx' &&
    profile.transactionId !== undefined &&
    profile.transactionId !== query.transaction?.id
  )
    return undefined;
  if (profile.purpose === 'Tx' && !query.transaction) return undefined;
  const schedule = profile.schedules[0];
  const start = scheduleStart(profile, atMs, query);
  if (!schedule || start === undefined) return undefined;
  const offsetS = (atMs - start) / 1000;
  if (offsetS < 0 || (schedule.durationS !== undefined && offsetS >= schedule.durationS)) return undefined;
  let found: SchedulePeriod | undefined;
  for (const p of schedule.periods) if (p.startPeriodS <= offsetS) found = p;
  return found;
}

/** The limit the highest-stacked applicable profile of `purpose` sets at `atMs`, in `unit`. */
function purposeLimit(
  profiles: readonly ChargingProfile[],
  purpose: ChargingProfile['purpose'],
  evseIds: readonly number[],
  atMs: number,
  query: Pick<CompositeQuery, 'transaction'>,
  unit: ChargingRateUnit,
): number | undefined {
  for (const evseId of evseIds) {
    const candidates = profiles
      .filter((p) => p.purpose === purpose && p.evseId === evseId)
      .sort((a, b) => b.stackLevel - a.stackLevel);
    for (const p of candidates) {
      const period = periodAt(p, atMs, query);
      if (period) return convert(period.limit, p.schedules[0]!.unit, unit, period.numberPhases ?? PHASES);
    }
  }
  return undefined;
}

/** The limit in force on an EVSE at `atMs` in the query's unit (the hardware limit if none). */
export function limitAt(profiles: readonly ChargingProfile[], query: CompositeQuery, atMs: number): number {
  const unit = query.unit ?? query.hardwareLimit.unit;
  let limit = convert(query.hardwareLimit.limit, query.hardwareLimit.unit, unit);
  const stationMax = purposeLimit(profiles, 'StationMax', [0], atMs, query, unit);
  if (stationMax !== undefined) limit = Math.min(limit, stationMax);
  if (query.evseId !== 0) {
    const tx =
      purposeLimit(profiles, 'Tx', [query.evseId], atMs, query, unit) ??
      purposeLimit(profiles, 'TxDefault', [query.evseId, 0], atMs, query, unit);
    if (tx !== undefined) limit = Math.min(limit, tx);
  }
  return limit;
}

/** The composite schedule (1.6 §3.13.4): the limit in force over the query's window. */
export function compositeSchedule(
  profiles: readonly ChargingProfile[],
  query: CompositeQuery,
): CompositeSchedule {
  const unit = query.unit ?? query.hardwareLimit.unit;
  const endMs = query.startMs + query.durationS * 1000;
  const moments = new Set<number>([query.startMs]);
  for (const p of profiles) {
    for (const edge of [p.validFromMs, p.validToMs]) if (edge !== undefined) moments.add(edge);
    const start = scheduleStart(p, query.startMs, query);
    const schedule = p.schedules[0];
    if (start === undefined || !schedule) continue;
    for (const period of schedule.periods) moments.add(start + period.startPeriodS * 1000);
    if (schedule.durationS !== undefined) moments.add(start + schedule.durationS * 1000);
  }
  const periods: SchedulePeriod[] = [];
  for (const at of [...moments].filter((m) => m >= query.startMs && m < endMs).sort((a, b) => a - b)) {
    const limit = Math.round(limitAt(profiles, query, at) * 10) / 10;
    if (periods.at(-1)?.limit !== limit)
      periods.push({ startPeriodS: Math.round((at - query.startMs) / 1000), limit });
  }
  return { evseId: query.evseId, startMs: query.startMs, durationS: query.durationS, unit, periods };
}

/** Installs (or replaces: same id, or same purpose, stack level and EVSE) a profile. */
export function installProfile(
  installed: readonly ChargingProfile[],
  profile: ChargingProfile,
): ChargingProfile[] {
  return [
    ...installed.filter(
      (p) =>
        p.id !== profile.id &&
        !(
          p.purpose === profile.purpose &&
          p.stackLevel === profile.stackLevel &&
          p.evseId === profile.evseId
        ),
    ),
    profile,
  ];
}

/** What ClearChargingProfile matches on; every given field must match. */
export interface ClearCriteria {
  readonly id?: number;
  readonly evseId?: number;
  readonly purpose?: ChargingProfile['purpose'];
  readonly stackLevel?: number;
}

/** Removes the matching profiles; `cleared` says whether any matched. */
export function clearProfiles(
  installed: readonly ChargingProfile[],
  criteria: ClearCriteria,
): { readonly installed: ChargingProfile[]; readonly cleared: boolean } {
  const matches = (p: ChargingProfile) =>
    criteria.id !== undefined
      ? p.id === criteria.id
      : (criteria.evseId === undefined || p.evseId === criteria.evseId) &&
        (criteria.purpose === undefined || p.purpose === criteria.purpose) &&
        (criteria.stackLevel === undefined || p.stackLevel === criteria.stackLevel);
  const kept = installed.filter((p) => !matches(p));
  return { installed: kept, cleared: kept.length !== installed.length };
}

/** The power limit on a connector now, W (undefined where no profile applies). */
export function connectorLimitW(state: StationState, connectorId: number, nowMs: number): number | undefined {
  const c = state.connectors[connectorId - 1];
  if (!c || state.chargingProfiles.length === 0) return undefined;
  const tx = c.transaction;
  const limit = limitAt(
    state.chargingProfiles,
    {
      evseId: connectorId,
      startMs: nowMs,
      durationS: 0,
      unit: 'W',
      hardwareLimit: { limit: c.maxPowerW, unit: 'W' },
      ...(tx?.id !== undefined ? { transaction: { id: tx.id, startedAtMs: tx.startedAtMs } } : {}),
    },
    nowMs,
  );
  return limit >= c.maxPowerW ? undefined : limit;
}

// ── OCPP 1.6 conversions (the module's fromOcpp16 / toOcpp16CompositeSchedule) ────────────────

type Ocpp16Profile = import('@ocpp-ws-io/schemas/ocpp1.6').ChargingProfile;
type Ocpp16Schedule = import('@ocpp-ws-io/schemas/ocpp1.6').ChargingSchedule;

const PURPOSE_16: Record<Ocpp16Profile['chargingProfilePurpose'], ChargingProfile['purpose']> = {
  ChargePointMaxProfile: 'StationMax',
  TxDefaultProfile: 'TxDefault',
  TxProfile: 'Tx',
};

/** A 1.6 csChargingProfiles (§7.8) as installed on connector `connectorId`. */
export function fromOcpp16(p: Ocpp16Profile, connectorId: number): ChargingProfile {
  const s = p.chargingSchedule;
  return {
    id: p.chargingProfileId,
    evseId: connectorId,
    stackLevel: p.stackLevel,
    purpose: PURPOSE_16[p.chargingProfilePurpose],
    kind: p.chargingProfileKind,
    ...(p.recurrencyKind ? { recurrency: p.recurrencyKind } : {}),
    ...(p.validFrom ? { validFromMs: Date.parse(p.validFrom) } : {}),
    ...(p.validTo ? { validToMs: Date.parse(p.validTo) } : {}),
    ...(p.transactionId !== undefined ? { transactionId: String(p.transactionId) } : {}),
    schedules: [
      {
        unit: s.chargingRateUnit,
        ...(s.startSchedule ? { startScheduleMs: Date.parse(s.startSchedule) } : {}),
        ...(s.duration !== undefined ? { durationS: s.duration } : {}),
        ...(s.minChargingRate !== undefined ? { minChargingRate: s.minChargingRate } : {}),
        periods: s.chargingSchedulePeriod.map((x) => ({
          startPeriodS: x.startPeriod,
          limit: x.limit,
          ...(x.numberPhases !== undefined ? { numberPhases: x.numberPhases } : {}),
        })),
      },
    ],
  };
}

/** A composite schedule as 1.6 GetCompositeSchedule.conf's chargingSchedule (§6.22). */
export function toOcpp16CompositeSchedule(composite: CompositeSchedule): Ocpp16Schedule {
  return {
    duration: composite.durationS,
    startSchedule: new Date(composite.startMs).toISOString(),
    chargingRateUnit: composite.unit,
    chargingSchedulePeriod: composite.periods.map((x) => ({
      startPeriod: x.startPeriodS,
      limit: x.limit,
      ...(x.numberPhases !== undefined ? { numberPhases: x.numberPhases } : {}),
    })),
  };
}
