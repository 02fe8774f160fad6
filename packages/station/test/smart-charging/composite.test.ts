// compositeSchedule and limitAt, table-driven: each row gives installed profiles and a query, and
// the composite periods it must produce.
import { describe, expect, it } from 'vitest';
import {
  type ChargingProfile,
  type CompositeQuery,
  compositeSchedule,
  limitAt,
} from '../../src/smart-charging/index.js';
import { HOUR_MS, HOUR_S, profile, query, steps, T0 } from './fixtures.js';

const DAY_MS = 24 * HOUR_MS;

function withoutStartSchedule({ schedules, ...rest }: ChargingProfile): ChargingProfile {
  return { ...rest, schedules: schedules.map(({ startScheduleMs: _, ...s }) => s) };
}
const tx = (startedAtMs: number, id = 'tx-1') => ({ id, startedAtMs });

interface Case {
  readonly name: string;
  readonly profiles: readonly ChargingProfile[];
  readonly query: CompositeQuery;
  readonly want: ReturnType<typeof steps>;
}

const cases: Case[] = [
  {
    name: 'no profile: the hardware limit throughout',
    profiles: [],
    query: query(),
    want: steps([0, 32]),
  },
  {
    name: 'the hardware limit caps a higher profile limit',
    profiles: [profile({ periods: steps([0, 40]) })],
    query: query(),
    want: steps([0, 32]),
  },
  {
    name: '1.6 §3.13.2 stacking: the higher stack level prevails while its schedule runs',
    profiles: [
      profile({ stackLevel: 0, periods: steps([0, 16]) }),
      profile({
        stackLevel: 1,
        periods: steps([0, 10]),
        schedule: { startScheduleMs: T0 + HOUR_MS, durationS: HOUR_S },
      }),
    ],
    query: query(),
    want: steps([0, 16], [HOUR_S, 10], [2 * HOUR_S, 16]),
  },
  {
    name: '1.6 §5.16 notes: when the top schedule has no duration, lower levels never apply again',
    profiles: [
      profile({ stackLevel: 0, periods: steps([0, 16]) }),
      profile({ stackLevel: 3, periods: steps([0, 12]), schedule: { startScheduleMs: T0 + HOUR_MS } }),
    ],
    query: query(),
    want: steps([0, 16], [HOUR_S, 12]),
  },
  {
    name: '1.6 §3.13.3 combining purposes: the minimum of StationMax and TxDefault',
    profiles: [
      profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 20]) }),
      profile({ periods: steps([0, 16], [HOUR_S, 25]) }),
    ],
    query: query(),
    want: steps([0, 16], [HOUR_S, 20]),
  },
  {
    name: '1.6 §3.13.1: Tx overrules TxDefault whatever their stack levels',
    profiles: [
      profile({ purpose: 'TxDefault', stackLevel: 5, periods: steps([0, 16]) }),
      profile({ purpose: 'Tx', transactionId: 'tx-1', stackLevel: 0, periods: steps([0, 8]) }),
    ],
    query: query({ transaction: tx(T0) }),
    want: steps([0, 8]),
  },
  {
    name: 'a Tx profile without a running transaction does not apply',
    profiles: [
      profile({ periods: steps([0, 16]) }),
      profile({ purpose: 'Tx', transactionId: 'tx-1', periods: steps([0, 8]) }),
    ],
    query: query(),
    want: steps([0, 16]),
  },
  {
    name: "a Tx profile of another transaction does not apply to this EVSE's transaction",
    profiles: [
      profile({ periods: steps([0, 16]) }),
      profile({ purpose: 'Tx', transactionId: 'old', periods: steps([0, 8]) }),
    ],
    query: query({ transaction: tx(T0, 'tx-2') }),
    want: steps([0, 16]),
  },
  {
    name: 'a Tx profile whose duration ended falls back to TxDefault',
    profiles: [
      profile({ periods: steps([0, 16]) }),
      profile({
        purpose: 'Tx',
        transactionId: 'tx-1',
        stackLevel: 2,
        periods: steps([0, 8]),
        schedule: { durationS: HOUR_S },
      }),
    ],
    query: query({ transaction: tx(T0) }),
    want: steps([0, 8], [HOUR_S, 16]),
  },
  {
    name: "1.6 §3.13.1: an EVSE's own TxDefault replaces the station-wide one at the same level",
    profiles: [
      profile({ evseId: 0, periods: steps([0, 16]) }),
      profile({ evseId: 1, periods: steps([0, 10]) }),
    ],
    query: query(),
    want: steps([0, 10]),
  },
  {
    name: 'a station-wide TxDefault applies to an EVSE without its own',
    profiles: [
      profile({ evseId: 0, periods: steps([0, 16]) }),
      profile({ evseId: 1, periods: steps([0, 10]) }),
    ],
    query: query({ evseId: 2 }),
    want: steps([0, 16]),
  },
  {
    name: 'a station-wide TxDefault on a higher stack level prevails over the EVSE one',
    profiles: [
      profile({ evseId: 0, stackLevel: 2, periods: steps([0, 6]) }),
      profile({ evseId: 1, periods: steps([0, 10]) }),
    ],
    query: query(),
    want: steps([0, 6]),
  },
  {
    name: "the station-wide TxDefault applies again when the EVSE's schedule ends",
    profiles: [
      profile({ evseId: 0, periods: steps([0, 16]) }),
      profile({ evseId: 1, periods: steps([0, 10]), schedule: { durationS: HOUR_S } }),
    ],
    query: query(),
    want: steps([0, 10], [HOUR_S, 16]),
  },
  {
    name: 'StationMax in W caps an A schedule (11000 W / (230 V × 3) = 15.94 A, rounded down)',
    profiles: [
      profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 11000]), schedule: { unit: 'W' } }),
      profile({ periods: steps([0, 32]) }),
    ],
    query: query(),
    want: steps([0, 15.9]),
  },
  {
    name: 'A to W with the period numberPhases (16 A × 230 V × 1 phase)',
    profiles: [profile({ periods: steps([0, 16, 1]) })],
    query: query({ unit: 'W' }),
    want: steps([0, 3680, 1]),
  },
  {
    name: 'A to W with the EVSE voltage and phases when the period names none (10 A × 120 V × 2)',
    profiles: [profile({ periods: steps([0, 10]) })],
    query: query({ unit: 'W', electrical: { voltageV: 120, phases: 2 } }),
    want: steps([0, 2400]),
  },
  {
    name: 'W to A, and the hardware limit converted too (7360 W = 32 A at 230 V × 1)',
    profiles: [profile({ periods: steps([0, 3000], [HOUR_S, 9000]), schedule: { unit: 'W' } })],
    query: query({
      hardwareLimit: { limit: 7360, unit: 'W' },
      unit: 'A',
      electrical: { voltageV: 230, phases: 1 },
    }),
    want: steps([0, 13], [HOUR_S, 32]),
  },
  {
    name: 'the composite takes the fewest phases any period in force allows',
    profiles: [
      profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 30, 3]) }),
      profile({ periods: steps([0, 16, 1], [HOUR_S, 16, 3]) }),
    ],
    query: query(),
    want: steps([0, 16, 1], [HOUR_S, 16, 3]),
  },
  {
    name: 'Recurring Daily across midnight (22:00 for 8 h: 6 A, 10 A from midnight)',
    profiles: [
      profile({
        kind: 'Recurring',
        recurrency: 'Daily',
        periods: steps([0, 6], [2 * HOUR_S, 10]),
        schedule: { startScheduleMs: T0 + 22 * HOUR_MS, durationS: 8 * HOUR_S },
      }),
    ],
    query: query({ startMs: T0 + DAY_MS + 21 * HOUR_MS, durationS: 12 * HOUR_S }),
    want: steps([0, 32], [HOUR_S, 6], [3 * HOUR_S, 10], [9 * HOUR_S, 32]),
  },
  {
    name: 'Recurring Daily: periods past the 24 h cycle are not executed (1.6 §5.16 notes)',
    profiles: [profile({ kind: 'Recurring', recurrency: 'Daily', periods: steps([0, 6], [25 * HOUR_S, 1]) })],
    query: query({ startMs: T0 + 23 * HOUR_MS, durationS: 3 * HOUR_S }),
    want: steps([0, 6]),
  },
  {
    name: 'Recurring Weekly: Mondays 08:00–18:00, a week later',
    profiles: [
      profile({
        kind: 'Recurring',
        recurrency: 'Weekly',
        periods: steps([0, 8]),
        schedule: { startScheduleMs: T0 + 8 * HOUR_MS, durationS: 10 * HOUR_S },
      }),
    ],
    query: query({ startMs: T0 + 7 * DAY_MS + 7 * HOUR_MS, durationS: 12 * HOUR_S }),
    want: steps([0, 32], [HOUR_S, 8], [11 * HOUR_S, 32]),
  },
  {
    name: 'Recurring Weekly does not apply on other days',
    profiles: [
      profile({
        kind: 'Recurring',
        recurrency: 'Weekly',
        periods: steps([0, 8]),
        schedule: { startScheduleMs: T0 + 8 * HOUR_MS, durationS: 10 * HOUR_S },
      }),
    ],
    query: query({ startMs: T0 + 8 * DAY_MS + 7 * HOUR_MS, durationS: 12 * HOUR_S }),
    want: steps([0, 32]),
  },
  {
    name: '1.6 §3.13.7 example: daily 6 kW between 08:00 and 20:00 (TxDefault, W)',
    profiles: [
      profile({
        id: 100,
        kind: 'Recurring',
        recurrency: 'Daily',
        periods: steps([0, 11000, 3], [28800, 6000, 3], [72000, 11000, 3]),
        schedule: { unit: 'W', startScheduleMs: Date.UTC(2013, 0, 1), durationS: 86400 },
      }),
    ],
    query: query({
      startMs: T0 + 6 * HOUR_MS,
      durationS: 16 * HOUR_S,
      hardwareLimit: { limit: 22080, unit: 'W' },
    }),
    want: steps([0, 11000, 3], [2 * HOUR_S, 6000, 3], [14 * HOUR_S, 11000, 3]),
  },
  {
    name: 'Relative: periods count from the transaction start',
    profiles: [profile({ kind: 'Relative', periods: steps([0, 6], [1800, 16]) })],
    query: query({ transaction: tx(T0 - 20 * 60_000), durationS: HOUR_S }),
    want: steps([0, 6], [600, 16]),
  },
  {
    name: 'Relative without a transaction: counted from the query start (a transaction starting now)',
    profiles: [profile({ kind: 'Relative', periods: steps([0, 6], [1800, 16]) })],
    query: query({ durationS: HOUR_S }),
    want: steps([0, 6], [1800, 16]),
  },
  {
    name: '1.6 §7.13: an Absolute schedule without startSchedule counts from the start of charging',
    profiles: [withoutStartSchedule(profile({ periods: steps([0, 6], [1800, 16]) }))],
    query: query({ transaction: tx(T0 - 600_000), durationS: HOUR_S }),
    want: steps([0, 6], [1200, 16]),
  },
  {
    name: 'validFrom / validTo bound a profile: valid from validFrom, no longer at validTo',
    profiles: [
      profile({ stackLevel: 0, periods: steps([0, 16]) }),
      profile({
        stackLevel: 1,
        periods: steps([0, 8]),
        validFromMs: T0 + HOUR_MS,
        validToMs: T0 + 2 * HOUR_MS,
      }),
    ],
    query: query(),
    want: steps([0, 16], [HOUR_S, 8], [2 * HOUR_S, 16]),
  },
  {
    name: 'consecutive equal periods are merged',
    profiles: [profile({ periods: steps([0, 16], [600, 16], [1200, 10], [1800, 10]) })],
    query: query({ durationS: HOUR_S }),
    want: steps([0, 16], [1200, 10]),
  },
  {
    name: 'a drop inside a second applies from the start of that second',
    profiles: [
      profile({ periods: steps([0, 16]) }),
      profile({ stackLevel: 1, periods: steps([0, 10]), validFromMs: T0 + 1500 }),
    ],
    query: query({ durationS: 10 }),
    want: steps([0, 16], [1, 10]),
  },
  {
    name: 'a rise inside a second applies from the next whole second',
    profiles: [
      profile({ periods: steps([0, 16]) }),
      profile({ stackLevel: 1, periods: steps([0, 10]), validToMs: T0 + 1500 }),
    ],
    query: query({ durationS: 10 }),
    want: steps([0, 10], [2, 16]),
  },
  {
    name: 'evseId 0: the station caps (StationMax, ExternalConstraints); TxDefault is per EVSE',
    profiles: [
      profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 40]) }),
      profile({ purpose: 'ExternalConstraints', evseId: 0, periods: steps([0, 63], [HOUR_S, 25]) }),
      profile({ purpose: 'TxDefault', evseId: 0, periods: steps([0, 10]) }),
      profile({ purpose: 'ExternalConstraints', evseId: 1, periods: steps([0, 5]) }),
    ],
    query: query({ evseId: 0, hardwareLimit: { limit: 63, unit: 'A' } }),
    want: steps([0, 40], [HOUR_S, 25]),
  },
  {
    name: 'ExternalConstraints on the EVSE cap it',
    profiles: [
      profile({ periods: steps([0, 16]) }),
      profile({ purpose: 'ExternalConstraints', periods: steps([0, 12]) }),
    ],
    query: query(),
    want: steps([0, 12]),
  },
  {
    name: '2.1 PriorityCharging replaces Tx/TxDefault while priority charging is active',
    profiles: [
      profile({ periods: steps([0, 6]) }),
      profile({ purpose: 'PriorityCharging', periods: steps([0, 32]) }),
      profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 24]) }),
    ],
    query: query({ priorityCharging: true }),
    want: steps([0, 24]),
  },
  {
    name: '2.1 PriorityCharging is ignored while priority charging is not active',
    profiles: [
      profile({ periods: steps([0, 6]) }),
      profile({ purpose: 'PriorityCharging', periods: steps([0, 32]) }),
    ],
    query: query(),
    want: steps([0, 6]),
  },
  {
    name: '2.1 LocalGeneration profiles are stored, not applied',
    profiles: [profile({ purpose: 'LocalGeneration', evseId: 0, periods: steps([0, 2]) })],
    query: query(),
    want: steps([0, 32]),
  },
  {
    name: '2.1 Dynamic: applied like an Absolute schedule',
    profiles: [profile({ kind: 'Dynamic', periods: steps([0, 11]) })],
    query: query(),
    want: steps([0, 11]),
  },
  {
    name: '2.x: with several schedules the first one governs (the others are for an ISO 15118 EV)',
    profiles: [
      {
        ...profile(),
        schedules: [
          { id: 1, startScheduleMs: T0, unit: 'A', periods: steps([0, 7]) },
          { id: 2, startScheduleMs: T0, unit: 'A', periods: steps([0, 3]) },
        ],
      },
    ],
    query: query(),
    want: steps([0, 7]),
  },
  {
    name: 'a profile starting before the window is entered mid-period',
    profiles: [
      profile({ periods: steps([0, 10], [2 * HOUR_S, 20]), schedule: { startScheduleMs: T0 - HOUR_MS } }),
    ],
    query: query({ durationS: 2 * HOUR_S }),
    want: steps([0, 10], [HOUR_S, 20]),
  },
  {
    name: 'a zero-length window reports the limit at its start',
    profiles: [profile({ periods: steps([0, 10]) })],
    query: query({ durationS: 0 }),
    want: steps([0, 10]),
  },
];

describe('compositeSchedule', () => {
  it.each(cases)('$name', ({ profiles, query: q, want }) => {
    const composite = compositeSchedule(profiles, q);
    expect(composite).toEqual({
      evseId: q.evseId,
      startMs: q.startMs,
      durationS: q.durationS,
      unit: q.unit ?? q.hardwareLimit.unit,
      periods: want,
    });
  });
});

describe('limitAt', () => {
  const stacked = [
    profile({ stackLevel: 0, periods: steps([0, 16]) }),
    profile({
      stackLevel: 1,
      periods: steps([0, 8]),
      validFromMs: T0 + HOUR_MS,
      validToMs: T0 + 2 * HOUR_MS,
    }),
    profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 11000]), schedule: { unit: 'W' } }),
  ];
  const at = (atMs: number) => ({ evseId: 1, atMs, hardwareLimit: { limit: 32, unit: 'A' } as const });

  it.each([
    { name: 'before validFrom', atMs: T0 + HOUR_MS - 1, want: 15.9 },
    { name: 'at validFrom (inclusive)', atMs: T0 + HOUR_MS, want: 8 },
    { name: 'just before validTo', atMs: T0 + 2 * HOUR_MS - 1, want: 8 },
    { name: 'at validTo (exclusive)', atMs: T0 + 2 * HOUR_MS, want: 15.9 },
  ])('$name', ({ atMs, want }) => {
    expect(limitAt(stacked, at(atMs))).toBe(want);
  });

  it('answers in the unit asked for (15.9 A × 230 V × 3 would round to 10971 W; W comes from 11000 W)', () => {
    expect(limitAt(stacked, at(T0), 'W')).toBe(11000);
  });

  it('is the hardware limit with no profile', () => {
    expect(limitAt([], at(T0))).toBe(32);
  });

  it('anchors a Relative schedule at the transaction start', () => {
    const relative = [profile({ kind: 'Relative', periods: steps([0, 6], [1800, 16]) })];
    const q = { ...at(T0 + 1800_000), transaction: tx(T0) };
    expect(limitAt(relative, q)).toBe(16);
    expect(limitAt(relative, { ...q, atMs: T0 + 1799_000 })).toBe(6);
  });
});
