// Where one profile's schedule stands at an instant: when it starts, whether it covers the
// instant, which period is in force, and at which instants any of that can change.
import type { ChargingProfile, ChargingSchedule, RunningTransaction, SchedulePeriod } from './types.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * What a schedule without a fixed start is anchored to: the transaction's start when there is one,
 * else `fallbackMs` (the start of the composite being computed: "a transaction starting now").
 */
export interface Anchor {
  readonly transaction?: RunningTransaction | undefined;
  readonly fallbackMs: number;
}

/**
 * The schedule a profile is evaluated with. 2.x allows up to three schedules per profile; more than
 * one is there for an ISO 15118 EV to choose from (the EV's choice is not modelled), so the first
 * one governs, as it does for a 1.6 profile's only schedule.
 */
export function governingSchedule(profile: ChargingProfile): ChargingSchedule | undefined {
  return profile.schedules[0];
}

/**
 * The instant the schedule's period 0 starts.
 * - Relative: the transaction's start (1.6 §7.9), else the anchor's fallback. A startSchedule on a
 *   Relative profile is ignored (2.0.1 K01.FR.41 forbids it; 1.6 leaves it meaningless).
 * - Absolute, Recurring and (2.1) Dynamic: startSchedule. When it is absent, 1.6 §7.13 says the
 *   schedule is "relative to start of charging", so it is anchored like a Relative one.
 */
export function scheduleStartMs(
  profile: ChargingProfile,
  schedule: ChargingSchedule,
  anchor: Anchor,
): number {
  const relativeStart = anchor.transaction?.startedAtMs ?? anchor.fallbackMs;
  if (profile.kind === 'Relative') return relativeStart;
  return schedule.startScheduleMs ?? relativeStart;
}

/** The recurrence cycle of a Recurring profile; undefined (no recurrence) for any other. */
function cycleMs(profile: ChargingProfile): number | undefined {
  if (profile.kind !== 'Recurring' || profile.recurrency === undefined) return undefined;
  return profile.recurrency === 'Daily' ? DAY_MS : WEEK_MS;
}

/**
 * How long the schedule lasts from each (re)start. 1.6 §5.16 notes: periods and duration beyond
 * the recurrence cycle "SHALL not be executed", so a recurring schedule is cut at its cycle; no
 * duration means the last period lasts until the next cycle (Recurring) or forever.
 */
function activeSpanMs(schedule: ChargingSchedule, cycle: number | undefined): number {
  const duration = schedule.durationS === undefined ? Number.POSITIVE_INFINITY : schedule.durationS * 1000;
  return cycle === undefined ? duration : Math.min(duration, cycle);
}

/** Whether the profile is valid at `atMs`: validFrom inclusive, validTo exclusive. */
export function isValidAt(profile: ChargingProfile, atMs: number): boolean {
  if (profile.validFromMs !== undefined && atMs < profile.validFromMs) return false;
  if (profile.validToMs !== undefined && atMs >= profile.validToMs) return false;
  return true;
}

/**
 * The period of `schedule` in force at `atMs`, or undefined when the schedule does not cover the
 * instant (before its start, after its duration, or in the part of a recurrence cycle past its
 * duration). Validity (validFrom/validTo) is checked separately by {@link isValidAt}.
 */
export function periodAt(
  profile: ChargingProfile,
  schedule: ChargingSchedule,
  startMs: number,
  atMs: number,
): SchedulePeriod | undefined {
  if (atMs < startMs) return undefined;
  const cycle = cycleMs(profile);
  const offsetMs = cycle === undefined ? atMs - startMs : (atMs - startMs) % cycle;
  if (offsetMs >= activeSpanMs(schedule, cycle)) return undefined;
  let current: SchedulePeriod | undefined;
  for (const period of schedule.periods) {
    if (period.startPeriodS * 1000 > offsetMs) break;
    current = period;
  }
  return current;
}

/**
 * Every instant in (fromMs, toMs) at which the profile's contribution may change: validFrom,
 * validTo, each period start and the end of the duration (once per cycle for a recurring profile).
 * Between two consecutive instants the profile contributes one constant limit (or none).
 */
export function changeInstants(
  profile: ChargingProfile,
  schedule: ChargingSchedule,
  startMs: number,
  fromMs: number,
  toMs: number,
): number[] {
  const out: number[] = [];
  const add = (t: number): void => {
    if (t > fromMs && t < toMs) out.push(t);
  };
  if (profile.validFromMs !== undefined) add(profile.validFromMs);
  if (profile.validToMs !== undefined) add(profile.validToMs);
  const cycle = cycleMs(profile);
  const span = activeSpanMs(schedule, cycle);
  const offsets = schedule.periods.map((p) => p.startPeriodS * 1000).filter((o) => o < span);
  if (Number.isFinite(span)) offsets.push(span);
  if (cycle === undefined) {
    for (const offset of offsets) add(startMs + offset);
    return out;
  }
  // Only the cycles that overlap the window: the first one that can end after fromMs up to the
  // one that starts before toMs (cycles before startMs do not exist: see periodAt).
  const first = Math.max(0, Math.floor((fromMs - startMs) / cycle));
  for (let base = startMs + first * cycle; base < toMs; base += cycle) {
    for (const offset of offsets) add(base + offset);
  }
  return out;
}
