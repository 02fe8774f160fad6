// OCPP shapes to and from the neutral model: round trips, and payloads that pass our generated
// validators for each version.
import { describe, expect, it } from 'vitest';
import {
  type ChargingProfile,
  compositeSchedule,
  fromOcpp2x,
  fromOcpp16,
  toOcpp2xChargingProfile,
  toOcpp2xCompositeSchedule,
  toOcpp16ChargingProfile,
  toOcpp16CompositeSchedule,
} from '../../src/smart-charging/index.js';
import { HOUR_S, profile, query, steps, T0 } from './fixtures.js';
import { v16, v21, v201, validate } from './schemas.js';

const spec16Example: v16.ChargingProfile = {
  chargingProfileId: 100,
  stackLevel: 0,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Recurring',
  recurrencyKind: 'Daily',
  chargingSchedule: {
    duration: 86400,
    startSchedule: '2013-01-01T00:00:00Z',
    chargingRateUnit: 'W',
    chargingSchedulePeriod: [
      { startPeriod: 0, limit: 11000, numberPhases: 3 },
      { startPeriod: 28800, limit: 6000, numberPhases: 3 },
      { startPeriod: 72000, limit: 11000, numberPhases: 3 },
    ],
  },
};

const profiles16: { name: string; connectorId: number; profile: v16.ChargingProfile }[] = [
  { name: '§3.13.7 example (Recurring Daily TxDefault in W)', connectorId: 0, profile: spec16Example },
  {
    name: 'TxProfile with transactionId, Relative, decimal limits, minChargingRate',
    connectorId: 2,
    profile: {
      chargingProfileId: 7,
      transactionId: 1234,
      stackLevel: 3,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: {
        duration: 3600,
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 6.5 },
          { startPeriod: 600, limit: 16, numberPhases: 1 },
        ],
        minChargingRate: 4.2,
      },
    },
  },
  {
    name: 'ChargePointMaxProfile, Absolute, validFrom/validTo with milliseconds',
    connectorId: 0,
    profile: {
      chargingProfileId: 1,
      stackLevel: 1,
      chargingProfilePurpose: 'ChargePointMaxProfile',
      chargingProfileKind: 'Absolute',
      validFrom: '2024-01-01T00:00:00.250Z',
      validTo: '2024-02-01T00:00:00Z',
      chargingSchedule: {
        startSchedule: '2024-01-01T00:00:00Z',
        chargingRateUnit: 'W',
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 22000 }],
      },
    },
  },
];

describe('OCPP 1.6 profiles', () => {
  it.each(profiles16)('round-trips: $name', ({ profile: p, connectorId }) => {
    expect(validate(v16.SetChargingProfile.request, { connectorId, csChargingProfiles: p })).toBeUndefined();
    expect(toOcpp16ChargingProfile(fromOcpp16(p, connectorId))).toEqual(p);
  });

  it('reads the fields into the model (connector = EVSE, integer transactionId as a string)', () => {
    const [, tx] = profiles16;
    expect(fromOcpp16(tx!.profile, 2)).toEqual({
      id: 7,
      evseId: 2,
      stackLevel: 3,
      purpose: 'Tx',
      kind: 'Relative',
      transactionId: '1234',
      schedules: [
        {
          durationS: 3600,
          unit: 'A',
          periods: [
            { startPeriodS: 0, limit: 6.5 },
            { startPeriodS: 600, limit: 16, numberPhases: 1 },
          ],
          minChargingRate: 4.2,
        },
      ],
    } satisfies ChargingProfile);
    expect(fromOcpp16(spec16Example, 0)).toMatchObject({
      purpose: 'TxDefault',
      recurrency: 'Daily',
      schedules: [{ startScheduleMs: Date.UTC(2013, 0, 1), durationS: 86400, unit: 'W' }],
    });
  });

  it.each<{ name: string; profile: ChargingProfile }>([
    { name: 'a 2.x-only purpose', profile: profile({ purpose: 'ExternalConstraints' }) },
    { name: 'a Dynamic profile', profile: profile({ kind: 'Dynamic' }) },
    {
      name: 'a transactionId that is not an integer',
      profile: profile({ purpose: 'Tx', transactionId: 'abc' }),
    },
    {
      name: 'two schedules',
      profile: { ...profile(), schedules: [...profile().schedules, ...profile().schedules] },
    },
  ])('refuses what 1.6 cannot express: $name', ({ profile: p }) => {
    expect(() => toOcpp16ChargingProfile(p)).toThrow(RangeError);
  });
});

const profile201: v201.ChargingProfileType = {
  id: 12,
  stackLevel: 2,
  chargingProfilePurpose: 'TxProfile',
  chargingProfileKind: 'Absolute',
  validFrom: '2024-01-01T00:00:00Z',
  transactionId: 'a2f1-77',
  customData: { vendorId: 'example.org', note: 'kept' },
  chargingSchedule: [
    {
      id: 1,
      startSchedule: '2024-01-01T08:00:00Z',
      duration: 7200,
      chargingRateUnit: 'A',
      minChargingRate: 6,
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 16, numberPhases: 1, phaseToUse: 2 },
        { startPeriod: 3600, limit: 10.5 },
      ],
      salesTariff: { id: 1, salesTariffEntry: [{ relativeTimeInterval: { start: 0 } }] },
    },
    {
      id: 2,
      startSchedule: '2024-01-01T08:00:00Z',
      chargingRateUnit: 'W',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400 }],
    },
  ],
};

const profile21: v21.ChargingProfileType = {
  id: -4,
  stackLevel: 0,
  chargingProfilePurpose: 'PriorityCharging',
  chargingProfileKind: 'Dynamic',
  maxOfflineDuration: 600,
  dynUpdateInterval: 60,
  chargingSchedule: [
    {
      id: 9,
      chargingRateUnit: 'W',
      useLocalTime: true,
      chargingSchedulePeriod: [
        {
          startPeriod: 0,
          limit: 11000,
          limit_L2: 3000,
          limit_L3: 3000,
          setpoint: 9000,
          operationMode: 'ChargingOnly',
        },
      ],
    },
  ],
};

describe('OCPP 2.0.1 / 2.1 profiles', () => {
  it('2.0.1 round-trips, with customData, salesTariff and phaseToUse carried as extras', () => {
    expect(
      validate(v201.SetChargingProfile.request, { evseId: 1, chargingProfile: profile201 }),
    ).toBeUndefined();
    const model = fromOcpp2x(profile201, 1);
    expect(model.extras).toEqual({ customData: profile201.customData });
    expect(model.schedules[0]?.periods[0]).toEqual({
      startPeriodS: 0,
      limit: 16,
      numberPhases: 1,
      phaseToUse: 2,
    });
    expect(toOcpp2xChargingProfile(model)).toEqual(profile201);
  });

  it('2.1 round-trips (Dynamic, PriorityCharging, per-phase limits, setpoints, offline validity)', () => {
    expect(
      validate(v21.SetChargingProfile.request, { evseId: 2, chargingProfile: profile21 }),
    ).toBeUndefined();
    const model = fromOcpp2x(profile21, 2);
    expect(model).toMatchObject({ purpose: 'PriorityCharging', kind: 'Dynamic', evseId: 2 });
    expect(toOcpp2xChargingProfile(model, 'ocpp2.1')).toEqual(profile21);
  });

  it('writes a profile that came from 1.6 as a valid 2.0.1 profile (schedule id = its position)', () => {
    const written = toOcpp2xChargingProfile(fromOcpp16(spec16Example, 0));
    expect(written.chargingSchedule[0]?.id).toBe(1);
    expect(
      validate(v201.SetChargingProfile.request, { evseId: 0, chargingProfile: written }),
    ).toBeUndefined();
  });

  it('refuses to write 2.1-only purposes and kinds as 2.0.1', () => {
    expect(() => toOcpp2xChargingProfile(profile({ purpose: 'LocalGeneration' }))).toThrow(RangeError);
    expect(() => toOcpp2xChargingProfile(profile({ kind: 'Dynamic' }))).toThrow(RangeError);
    expect(() => toOcpp2xChargingProfile(profile({ kind: 'Dynamic' }), 'ocpp2.1')).not.toThrow();
  });

  it('refuses a 2.1 period without a limit (setpoint-only V2X modes are not modelled)', () => {
    const v2x: v21.ChargingProfileType = {
      ...profile21,
      chargingSchedule: [
        { id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, setpoint: -5000 }] },
      ],
    };
    expect(() => fromOcpp2x(v2x, 1)).toThrow(RangeError);
  });
});

describe('composite schedule payloads', () => {
  const composites = [
    {
      name: 'A with a converted decimal limit',
      composite: compositeSchedule(
        [
          profile({ purpose: 'StationMax', evseId: 0, periods: steps([0, 11000]), schedule: { unit: 'W' } }),
          profile({ periods: steps([0, 32], [HOUR_S, 6.5, 1]) }),
        ],
        query(),
      ),
    },
    {
      name: 'W',
      composite: compositeSchedule(
        [profile({ periods: steps([0, 10.7]) })],
        query({ unit: 'W', durationS: 600 }),
      ),
    },
    { name: 'evseId 0, no profile', composite: compositeSchedule([], query({ evseId: 0, startMs: T0 + 1 })) },
  ];

  it.each(composites)('1.6 GetCompositeSchedule.conf validates: $name', ({ composite }) => {
    const payload = { status: 'Accepted', ...toOcpp16CompositeSchedule(composite) };
    expect(validate(v16.GetCompositeSchedule.response, payload)).toBeUndefined();
    expect(payload.connectorId).toBe(composite.evseId);
    expect(payload.chargingSchedule.duration).toBe(composite.durationS);
  });

  it.each(composites)('2.0.1 and 2.1 GetCompositeScheduleResponse validate: $name', ({ composite }) => {
    const schedule = toOcpp2xCompositeSchedule(composite);
    const as21: v21.CompositeScheduleType = schedule; // the same value serves 2.1 (compile-time check)
    expect(validate(v201.GetCompositeSchedule.response, { status: 'Accepted', schedule })).toBeUndefined();
    expect(
      validate(v21.GetCompositeSchedule.response, { status: 'Accepted', schedule: as21 }),
    ).toBeUndefined();
  });

  it('writes the composite fields', () => {
    const composite = compositeSchedule(
      [profile({ periods: steps([0, 10], [60, 12, 1]) })],
      query({ durationS: 120 }),
    );
    expect(toOcpp16CompositeSchedule(composite)).toEqual({
      connectorId: 1,
      scheduleStart: '2024-01-01T00:00:00Z',
      chargingSchedule: {
        duration: 120,
        startSchedule: '2024-01-01T00:00:00Z',
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 10 },
          { startPeriod: 60, limit: 12, numberPhases: 1 },
        ],
      },
    });
    expect(toOcpp2xCompositeSchedule(composite)).toEqual({
      evseId: 1,
      duration: 120,
      scheduleStart: '2024-01-01T00:00:00Z',
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [
        { startPeriod: 0, limit: 10 },
        { startPeriod: 60, limit: 12, numberPhases: 1 },
      ],
    });
  });
});
