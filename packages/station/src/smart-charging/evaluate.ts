// The limit in force at one instant: the one code path behind both compositeSchedule and limitAt.
import { type Anchor, governingSchedule, isValidAt, periodAt, scheduleStartMs } from './schedule.js';
import type { Stack } from './stacks.js';
import type { ChargingRateUnit } from './types.js';
import { convertLimit, type Electrical } from './units.js';

export interface Evaluation {
  readonly unit: ChargingRateUnit;
  readonly electrical: Electrical;
  /** Already in `unit`. */
  readonly hardwareLimit: number;
  readonly anchor: Anchor;
}

/** A limit in the evaluation's unit, not yet rounded, and the phase count a period asked for. */
export interface LimitInForce {
  readonly limit: number;
  readonly numberPhases?: number;
}

/** What one stack contributes at `atMs`: its first profile that is valid and covers the instant. */
function stackLimitAt(stack: Stack, evaluation: Evaluation, atMs: number): LimitInForce | undefined {
  for (const profile of stack) {
    if (!isValidAt(profile, atMs)) continue;
    const schedule = governingSchedule(profile);
    if (schedule === undefined) continue;
    const period = periodAt(profile, schedule, scheduleStartMs(profile, schedule, evaluation.anchor), atMs);
    if (period === undefined) continue;
    const { voltageV, phases } = evaluation.electrical;
    const limit = convertLimit(
      period.limit,
      schedule.unit,
      evaluation.unit,
      voltageV,
      period.numberPhases ?? phases,
    );
    return period.numberPhases === undefined ? { limit } : { limit, numberPhases: period.numberPhases };
  }
  return undefined;
}

/**
 * The minimum over the stacks and the hardware limit (1.6 §3.13.3: the composite is at most the
 * lowest of the merged schedules; no profile at all leaves the hardware limit). numberPhases is the
 * fewest phases any period in force asks for: a period that allows one phase restricts the
 * composite to one phase. It is absent when no period names a phase count.
 */
export function limitInForceAt(stacks: readonly Stack[], evaluation: Evaluation, atMs: number): LimitInForce {
  let limit = evaluation.hardwareLimit;
  let numberPhases: number | undefined;
  for (const stack of stacks) {
    const found = stackLimitAt(stack, evaluation, atMs);
    if (found === undefined) continue;
    limit = Math.min(limit, found.limit);
    if (found.numberPhases !== undefined)
      numberPhases = Math.min(numberPhases ?? found.numberPhases, found.numberPhases);
  }
  return numberPhases === undefined ? { limit } : { limit, numberPhases };
}
