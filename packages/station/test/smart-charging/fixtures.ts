// Builders for the smart-charging tests: a profile is written as its purpose, level and periods,
// everything else defaulted, so each table row shows only what the case is about.
import type {
  ChargingProfile,
  ChargingSchedule,
  CompositeQuery,
  SchedulePeriod,
} from '../../src/smart-charging/index.js';

/** Monday 2024-01-01 00:00:00Z: weekly recurrences in the tests start on a Monday. */
export const T0 = Date.UTC(2024, 0, 1);
export const HOUR_S = 3600;
export const HOUR_MS = HOUR_S * 1000;

/** `[startPeriodS, limit]` or `[startPeriodS, limit, numberPhases]`. */
export type PeriodRow = readonly [number, number] | readonly [number, number, number];

/** Schedule periods from rows: `steps([0, 16], [3600, 10])`. */
export function steps(...rows: PeriodRow[]): SchedulePeriod[] {
  return rows.map(([startPeriodS, limit, numberPhases]) =>
    numberPhases === undefined ? { startPeriodS, limit } : { startPeriodS, limit, numberPhases },
  );
}

let nextId = 1;

type ProfileInput = Partial<Omit<ChargingProfile, 'schedules'>> & {
  readonly periods?: readonly SchedulePeriod[];
  readonly schedule?: Partial<ChargingSchedule>;
};

/**
 * A profile: by default an Absolute TxDefault on EVSE 1, stack level 0, starting at T0, in A,
 * with the given periods (default: 16 A throughout).
 */
export function profile(input: ProfileInput = {}): ChargingProfile {
  const { periods = steps([0, 16]), schedule = {}, ...rest } = input;
  const kind = rest.kind ?? 'Absolute';
  return {
    id: nextId++,
    evseId: 1,
    stackLevel: 0,
    purpose: 'TxDefault',
    kind,
    ...rest,
    schedules: [
      {
        ...(kind === 'Relative' ? {} : { startScheduleMs: T0 }),
        unit: 'A',
        periods,
        ...schedule,
      },
    ],
  };
}

/** A query for EVSE 1 from T0 over `durationS`, hardware limit 32 A. */
export function query(input: Partial<CompositeQuery> = {}): CompositeQuery {
  return { evseId: 1, startMs: T0, durationS: 3 * HOUR_S, hardwareLimit: { limit: 32, unit: 'A' }, ...input };
}
