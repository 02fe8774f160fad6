// The composite schedule (1.6 §3.13.3 and §5.7, 2.0.1 K08): the limit in force at each moment of a
// time window, for one EVSE or the whole station.
import { type LimitInForce, limitInForceAt } from './evaluate.js';
import { changeInstants, governingSchedule, scheduleStartMs } from './schedule.js';
import { stacksFor } from './stacks.js';
import type { ChargingProfile, CompositeQuery, CompositeSchedule, SchedulePeriod } from './types.js';
import { convertLimit, DEFAULT_ELECTRICAL, roundLimit } from './units.js';

/** A stretch of the window with one limit, starting `offsetMs` after the window's start. */
interface Segment extends LimitInForce {
  readonly offsetMs: number;
}

/**
 * Computes the composite schedule of `query.evseId` from the installed `profiles`.
 *
 * The result starts at `query.startMs`, covers `query.durationS`, is in `query.unit` (default: the
 * hardware limit's unit), never exceeds the hardware limit, and lists periods whose limits differ
 * from the one before (the first at 0). See stacks.ts for which profiles count and how they stack,
 * schedule.ts for how each schedule is placed in time, units.ts for conversion and rounding.
 *
 * OCPP periods start at whole seconds. A change that falls inside a second (a startSchedule or
 * validFrom with milliseconds, or a window that does not start on a whole second) gives that
 * whole second the lowest limit in force during it, so the reported schedule never permits more
 * than the profiles do.
 * @example
 * ```ts
 * const composite = compositeSchedule(installed, {
 *   evseId: 1,
 *   startMs: Date.now(),
 *   durationS: 3600,
 *   hardwareLimit: { limit: 32, unit: 'A' },
 *   transaction: { id: 'tx-1', startedAtMs },
 * });
 * // e.g. { evseId: 1, unit: 'A', periods: [{ startPeriodS: 0, limit: 16 }, { startPeriodS: 1800, limit: 10 }], … }
 * ```
 */
export function compositeSchedule(
  profiles: readonly ChargingProfile[],
  query: CompositeQuery,
): CompositeSchedule {
  const unit = query.unit ?? query.hardwareLimit.unit;
  const electrical = query.electrical ?? DEFAULT_ELECTRICAL;
  const durationS = Math.max(0, query.durationS);
  // The station as a whole has no transaction: Tx profiles and Relative anchors are per EVSE.
  const transaction = query.evseId === 0 ? undefined : query.transaction;
  const stacks = stacksFor(profiles, {
    evseId: query.evseId,
    transaction,
    priorityCharging: query.priorityCharging,
  });
  const evaluation = {
    unit,
    electrical,
    hardwareLimit: convertLimit(
      query.hardwareLimit.limit,
      query.hardwareLimit.unit,
      unit,
      electrical.voltageV,
      electrical.phases,
    ),
    anchor: { transaction, fallbackMs: query.startMs },
  };

  const endMs = query.startMs + durationS * 1000;
  const instants = new Set<number>([query.startMs]);
  for (const stack of stacks) {
    for (const profile of stack) {
      const schedule = governingSchedule(profile);
      if (schedule === undefined) continue;
      const startMs = scheduleStartMs(profile, schedule, evaluation.anchor);
      for (const t of changeInstants(profile, schedule, startMs, query.startMs, endMs)) instants.add(t);
    }
  }
  const segments: Segment[] = [...instants]
    .sort((a, b) => a - b)
    .map((t) => ({ offsetMs: t - query.startMs, ...limitInForceAt(stacks, evaluation, t) }));

  return {
    evseId: query.evseId,
    startMs: query.startMs,
    durationS,
    unit,
    periods: mergeEqual(
      toWholeSeconds(segments, durationS).map((p) => ({ ...p, limit: roundLimit(p.limit, unit) })),
    ),
  };
}

/**
 * Re-cuts segments at whole seconds: each change instant yields the second it falls in as a
 * boundary on both sides, and every resulting period takes the lowest limit (and fewest phases)
 * of the segments it overlaps.
 */
function toWholeSeconds(segments: readonly Segment[], durationS: number): SchedulePeriod[] {
  const boundaries = new Set<number>([0]);
  for (const { offsetMs } of segments) {
    for (const s of [Math.floor(offsetMs / 1000), Math.ceil(offsetMs / 1000)]) {
      if (s < durationS) boundaries.add(s);
    }
  }
  const starts = [...boundaries].sort((a, b) => a - b);
  const periods: SchedulePeriod[] = [];
  let first = 0; // the first segment that can still overlap the current period
  starts.forEach((startS, i) => {
    const fromMs = startS * 1000;
    // A zero-length window still reports the limit in force at its start.
    const toMs = Math.max((starts[i + 1] ?? durationS) * 1000, fromMs + 1);
    while (segmentEndMs(segments, first) <= fromMs) first++;
    let limit = Number.POSITIVE_INFINITY;
    let numberPhases: number | undefined;
    for (let j = first; j < segments.length && segments[j]!.offsetMs < toMs; j++) {
      const segment = segments[j]!;
      limit = Math.min(limit, segment.limit);
      if (segment.numberPhases !== undefined) {
        numberPhases = Math.min(numberPhases ?? segment.numberPhases, segment.numberPhases);
      }
    }
    periods.push(
      numberPhases === undefined
        ? { startPeriodS: startS, limit }
        : { startPeriodS: startS, limit, numberPhases },
    );
  });
  return periods;
}

function segmentEndMs(segments: readonly Segment[], index: number): number {
  return segments[index + 1]?.offsetMs ?? Number.POSITIVE_INFINITY;
}

/** Drops every period whose limit and phase count equal the previous period's. */
function mergeEqual(periods: readonly SchedulePeriod[]): SchedulePeriod[] {
  const merged: SchedulePeriod[] = [];
  for (const period of periods) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.limit === period.limit && last.numberPhases === period.numberPhases)
      continue;
    merged.push(period);
  }
  return merged;
}
