// The limit in force at one instant, for a station driving its simulated power.
import { compositeSchedule } from './composite.js';
import type { ChargingProfile, ChargingRateUnit, CompositeQuery } from './types.js';

/**
 * What {@link limitAt} needs: a {@link CompositeQuery} at one instant instead of over a window.
 * @example
 * ```ts
 * const query: LimitQuery = {
 *   evseId: 1,
 *   atMs: Date.now(),
 *   hardwareLimit: { limit: 7400, unit: 'W' },
 *   electrical: { voltageV: 230, phases: 1 },
 * };
 * ```
 */
export interface LimitQuery extends Omit<CompositeQuery, 'startMs' | 'durationS' | 'unit'> {
  readonly atMs: number;
}

/**
 * The limit in force on `query.evseId` at `query.atMs`, in `unit` (default: the hardware limit's),
 * rounded like the composite. It is the first period of a zero-length composite starting at
 * `atMs`, so it always agrees with {@link compositeSchedule}. A Relative schedule with no
 * transaction is anchored at `atMs` (what a transaction starting now would get).
 * @example
 * ```ts
 * const amps = limitAt(installed, {
 *   evseId: 1,
 *   atMs: Date.now(),
 *   hardwareLimit: { limit: 32, unit: 'A' },
 *   transaction: { id: 'tx-1', startedAtMs },
 * });
 * const watts = limitAt(installed, { evseId: 1, atMs: Date.now(), hardwareLimit: { limit: 32, unit: 'A' } }, 'W');
 * ```
 */
export function limitAt(
  profiles: readonly ChargingProfile[],
  query: LimitQuery,
  unit?: ChargingRateUnit,
): number {
  const { atMs, ...rest } = query;
  const composite = compositeSchedule(profiles, {
    ...rest,
    startMs: atMs,
    durationS: 0,
    ...(unit === undefined ? {} : { unit }),
  });
  // compositeSchedule always yields at least the period at 0.
  return composite.periods[0]!.limit;
}
