// Properties of compositeSchedule over random profile sets: it never exceeds the hardware limit or
// a StationMax limit in force, its periods are sorted, whole-second and merged, limitAt agrees with
// every period, and the OCPP payloads made from it validate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChargingProfile,
  type ChargingRateUnit,
  type CompositeQuery,
  compositeSchedule,
  limitAt,
  type ProfilePurpose,
  type SchedulePeriod,
  toOcpp2xCompositeSchedule,
  toOcpp16CompositeSchedule,
} from '../../src/smart-charging/index.js';
import { T0 } from './fixtures.js';
import { v16, v201, validate } from './schemas.js';

const DAY_S = 86_400;
const CYCLE_MS = { Daily: DAY_S * 1000, Weekly: 7 * DAY_S * 1000 } as const;
const TX = 'tx';

/** An instant in whole seconds around T0, so every change falls on a second (see toWholeSeconds). */
const instant = (minS: number, maxS: number) =>
  fc.integer({ min: minS, max: maxS }).map((s) => T0 + s * 1000);

const unitArb = fc.constantFrom<ChargingRateUnit>('A', 'W');

function limitArb(unit: ChargingRateUnit): fc.Arbitrary<number> {
  return unit === 'A'
    ? fc.integer({ min: 0, max: 800 }).map((tenths) => tenths / 10)
    : fc.integer({ min: 0, max: 50_000 });
}

function periodsArb(unit: ChargingRateUnit): fc.Arbitrary<SchedulePeriod[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: 2 * DAY_S }), { maxLength: 4 }).chain((starts) =>
    fc.tuple(
      ...[0, ...starts.sort((a, b) => a - b)].map((startPeriodS) =>
        fc.record(
          {
            startPeriodS: fc.constant(startPeriodS),
            limit: limitArb(unit),
            numberPhases: fc.integer({ min: 1, max: 3 }),
          },
          { requiredKeys: ['startPeriodS', 'limit'] },
        ),
      ),
    ),
  );
}

interface Shape {
  readonly purpose: ProfilePurpose;
  readonly evseId: number;
  /** Station-level caps get a fixed start: their Relative anchor would differ between limitAt and the composite. */
  readonly anchored: boolean;
}

const shapeArb = fc.constantFrom<Shape>(
  { purpose: 'StationMax', evseId: 0, anchored: true },
  { purpose: 'ExternalConstraints', evseId: 0, anchored: true },
  { purpose: 'ExternalConstraints', evseId: 1, anchored: false },
  { purpose: 'TxDefault', evseId: 0, anchored: false },
  { purpose: 'TxDefault', evseId: 1, anchored: false },
  { purpose: 'TxDefault', evseId: 2, anchored: false },
  { purpose: 'Tx', evseId: 1, anchored: false },
  { purpose: 'PriorityCharging', evseId: 1, anchored: false },
  { purpose: 'LocalGeneration', evseId: 0, anchored: true },
);

const profileArb: fc.Arbitrary<ChargingProfile> = fc
  .record({ shape: shapeArb, unit: unitArb, id: fc.integer({ min: 1, max: 1_000_000 }) })
  .chain(({ shape, unit, id }) =>
    fc
      .record(
        {
          kind: shape.anchored
            ? fc.constantFrom('Absolute' as const, 'Recurring' as const)
            : fc.constantFrom(
                'Absolute' as const,
                'Recurring' as const,
                'Relative' as const,
                'Dynamic' as const,
              ),
          stackLevel: fc.integer({ min: 0, max: 3 }),
          recurrency: fc.constantFrom('Daily' as const, 'Weekly' as const),
          validFromMs: instant(-DAY_S, 3 * DAY_S),
          validToMs: instant(-DAY_S, 4 * DAY_S),
          transactionId: fc.constantFrom(TX, 'another'),
          startScheduleMs: instant(-8 * DAY_S, 3 * DAY_S),
          durationS: fc.integer({ min: 1, max: 3 * DAY_S }),
          periods: periodsArb(unit),
        },
        { requiredKeys: ['kind', 'stackLevel', 'recurrency', 'periods'] },
      )
      .map(
        ({
          kind,
          recurrency,
          transactionId,
          startScheduleMs,
          durationS,
          periods,
          ...rest
        }): ChargingProfile => {
          const hasStart = kind !== 'Relative' && (shape.anchored || startScheduleMs !== undefined);
          return {
            id,
            evseId: shape.evseId,
            purpose: shape.purpose,
            kind,
            ...rest,
            ...(kind === 'Recurring' ? { recurrency } : {}),
            ...(shape.purpose === 'Tx' && transactionId !== undefined ? { transactionId } : {}),
            schedules: [
              {
                ...(hasStart ? { startScheduleMs: startScheduleMs ?? T0 } : {}),
                ...(durationS === undefined ? {} : { durationS }),
                unit,
                periods,
              },
            ],
          };
        },
      ),
  );

const queryArb: fc.Arbitrary<CompositeQuery> = fc
  .record(
    {
      evseId: fc.constantFrom(0, 1),
      startMs: instant(0, 2 * DAY_S),
      durationS: fc.integer({ min: 0, max: 3 * DAY_S }),
      unit: unitArb,
      hardwareUnit: unitArb,
      hardwareA: fc.integer({ min: 1, max: 80 }),
      electrical: fc.record({
        voltageV: fc.constantFrom(110, 230, 400),
        phases: fc.integer({ min: 1, max: 3 }),
      }),
      txAgoS: fc.integer({ min: 0, max: DAY_S }),
      priorityCharging: fc.boolean(),
    },
    {
      requiredKeys: [
        'evseId',
        'startMs',
        'durationS',
        'hardwareUnit',
        'hardwareA',
        'txAgoS',
        'priorityCharging',
      ],
    },
  )
  .map(({ hardwareUnit, hardwareA, txAgoS, unit, electrical, ...q }) => ({
    ...q,
    ...(unit === undefined ? {} : { unit }),
    ...(electrical === undefined ? {} : { electrical }),
    hardwareLimit: { limit: hardwareUnit === 'A' ? hardwareA : hardwareA * 230, unit: hardwareUnit },
    // limitAt anchors a Relative schedule without a transaction at its own instant, so an EVSE
    // query always has one (which is also when a station drives power).
    ...(q.evseId === 0 ? {} : { transaction: { id: TX, startedAtMs: q.startMs - txAgoS * 1000 } }),
  }));

/** Rounds down like the module documents: 0.1 A, 1 W. */
function floorTo(limit: number, unit: ChargingRateUnit): number {
  const divisor = unit === 'A' ? 10 : 1;
  return Math.floor(limit * divisor + 1e-9) / divisor;
}

function toUnit(
  limit: number,
  from: ChargingRateUnit,
  to: ChargingRateUnit,
  voltageV: number,
  phases: number,
) {
  if (from === to) return limit;
  return from === 'A' ? limit * voltageV * phases : limit / (voltageV * phases);
}

/**
 * The StationMax limit in force at `t`, computed here from the profile fields alone: the highest
 * stack level among the valid StationMax profiles whose schedule covers `t`.
 */
function stationMaxAt(
  profiles: readonly ChargingProfile[],
  t: number,
  q: CompositeQuery,
): number | undefined {
  const unit = q.unit ?? q.hardwareLimit.unit;
  const { voltageV, phases } = q.electrical ?? { voltageV: 230, phases: 3 };
  let best: { level: number; limit: number } | undefined;
  for (const p of profiles) {
    if (p.purpose !== 'StationMax' || p.evseId !== 0) continue;
    if ((p.validFromMs ?? -Infinity) > t || t >= (p.validToMs ?? Infinity)) continue;
    const s = p.schedules[0]!;
    let offset = t - s.startScheduleMs!;
    if (offset < 0) continue;
    let span = s.durationS === undefined ? Infinity : s.durationS * 1000;
    if (p.kind === 'Recurring') {
      const cycle = CYCLE_MS[p.recurrency!];
      offset %= cycle;
      span = Math.min(span, cycle);
    }
    if (offset >= span) continue;
    const period = s.periods.filter((x) => x.startPeriodS * 1000 <= offset).at(-1)!;
    const limit = floorTo(toUnit(period.limit, s.unit, unit, voltageV, period.numberPhases ?? phases), unit);
    if (best === undefined || p.stackLevel > best.level) best = { level: p.stackLevel, limit };
  }
  return best?.limit;
}

describe('compositeSchedule properties', () => {
  it('holds for random profile sets', () => {
    fc.assert(
      fc.property(fc.array(profileArb, { maxLength: 8 }), queryArb, (profiles, q) => {
        const composite = compositeSchedule(profiles, q);
        const unit = q.unit ?? q.hardwareLimit.unit;
        const { voltageV, phases } = q.electrical ?? { voltageV: 230, phases: 3 };
        const hardware = floorTo(
          toUnit(q.hardwareLimit.limit, q.hardwareLimit.unit, unit, voltageV, phases),
          unit,
        );
        const { periods } = composite;

        expect(composite).toMatchObject({
          evseId: q.evseId,
          startMs: q.startMs,
          durationS: q.durationS,
          unit,
        });
        expect(periods[0]?.startPeriodS).toBe(0);
        periods.forEach((period, i) => {
          const next = periods[i + 1];
          const endS = next?.startPeriodS ?? Math.max(q.durationS, 1);
          expect(Number.isInteger(period.startPeriodS)).toBe(true);
          expect(period.startPeriodS).toBeLessThan(endS);
          if (next !== undefined) {
            expect([next.limit, next.numberPhases]).not.toEqual([period.limit, period.numberPhases]);
          }
          expect(period.limit).toBeLessThanOrEqual(hardware);
          for (const s of new Set([period.startPeriodS, endS - 1])) {
            const at = q.startMs + s * 1000;
            const max = stationMaxAt(profiles, at, q);
            if (max !== undefined) expect(period.limit).toBeLessThanOrEqual(max);
            const { startMs: _, durationS: __, unit: ___, ...rest } = q;
            expect(limitAt(profiles, { ...rest, atMs: at }, unit)).toBe(period.limit);
          }
        });

        const ocpp16 = { status: 'Accepted', ...toOcpp16CompositeSchedule(composite) };
        expect(validate(v16.GetCompositeSchedule.response, ocpp16)).toBeUndefined();
        const schedule = toOcpp2xCompositeSchedule(composite);
        expect(
          validate(v201.GetCompositeSchedule.response, { status: 'Accepted', schedule }),
        ).toBeUndefined();
      }),
      { numRuns: 400, seed: 20_240_101 },
    );
  });
});
