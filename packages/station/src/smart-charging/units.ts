// Converting limits between amperes and watts, and rounding them to values OCPP accepts.
import type { ChargingRateUnit } from './types.js';

/**
 * The grid voltage and phase count assumed when a query gives none (1.6 §7.12: 230 V, 3 phases).
 * @example
 * ```ts
 * compositeSchedule(installed, { ...query, electrical: { ...DEFAULT_ELECTRICAL, phases: 1 } });
 * ```
 */
export const DEFAULT_ELECTRICAL = { voltageV: 230, phases: 3 } as const;

/**
 * The supply an A ↔ W conversion assumes: voltage per phase and phases in use.
 * @example
 * ```ts
 * const singlePhase: Electrical = { voltageV: 230, phases: 1 };
 * ```
 */
export interface Electrical {
  readonly voltageV: number;
  readonly phases: number;
}

/**
 * `limit` in `from` converted to `to`. 1.6 §7.12: an A limit is per phase, a W limit is the total
 * of all phases, so W = A × voltage × phases. `phases` is the period's numberPhases when it has one,
 * else the EVSE's phase count (1.6 §7.12 assumes 3 when numberPhases is absent).
 * @example
 * ```ts
 * convertLimit(16, 'A', 'W', 230, 3); // 11040
 * convertLimit(11000, 'W', 'A', 230, 3); // 15.94…
 * ```
 */
export function convertLimit(
  limit: number,
  from: ChargingRateUnit,
  to: ChargingRateUnit,
  voltageV: number,
  phases: number,
): number {
  if (from === to) return limit;
  const wattsPerAmpere = voltageV * phases;
  return from === 'A' ? limit * wattsPerAmpere : limit / wattsPerAmpere;
}

// The smallest step a reported limit keeps: 0.1 A (1.6 limits are decimals with multipleOf 0.1,
// 2.x "accepts at most one digit fraction"), and whole watts (a tenth of a watt means nothing to a
// charger, and an integer is a multiple of 0.1 too).
const STEP_DIVISOR: Readonly<Record<ChargingRateUnit, number>> = { A: 10, W: 1 };

// Float noise tolerance: 16 × 230 × 3 / 690 can come out as 15.999999999999998, which is 16.
const EPSILON = 1e-9;

/**
 * `limit` rounded DOWN to the unit's step (0.1 A, 1 W). Down, so that a converted limit never
 * permits more than the profile it came from. Dividing by the integer divisor (not multiplying by
 * 0.1) keeps results like 15.9 exact doubles that validate as multiples of 0.1.
 * @example
 * ```ts
 * roundLimit(15.942, 'A'); // 15.9
 * roundLimit(3679.99, 'W'); // 3679
 * ```
 */
export function roundLimit(limit: number, unit: ChargingRateUnit): number {
  const divisor = STEP_DIVISOR[unit];
  const rounded = Math.floor(limit * divisor + EPSILON) / divisor;
  // -0 would serialise as 0 anyway; normalise so results compare equal with toEqual / Object.is.
  return rounded === 0 ? 0 : rounded;
}
