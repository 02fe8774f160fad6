/**
 * Given/want tests per schema construct, checked against ajv + ajv-formats where the rule is a
 * JSON Schema rule (date-time and multipleOf decisions follow the reference validator exactly).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { defineValidators, validate } from '../src/index.js';
import * as v16 from '../src/ocpp1.6.js';
import * as v201 from '../src/ocpp2.0.1.js';
import * as v21 from '../src/ocpp2.1.js';
import { codePoints, isDateTime, isMultipleOf, isUri } from '../src/runtime.js';

const ajv = new Ajv({ strict: false, multipleOfPrecision: 9 });
addFormats(ajv);
const ajvDateTime = ajv.compile({ type: 'string', format: 'date-time' });
const ajvUri = ajv.compile({ type: 'string', format: 'uri' });

describe('date-time (RFC 3339, as ajv-formats reads it)', () => {
  const table: [string, boolean][] = [
    ['2024-05-01T12:00:00Z', true],
    ['2024-05-01T12:00:00.123456789Z', true], // any number of fractional digits
    ['2024-05-01T12:00:00.Z', false], // a dot needs digits
    ['2024-05-01t12:00:00z', true], // lower-case T and Z
    ['2024-05-01 12:00:00Z', true], // RFC 3339 §5.6 note: space separator
    ['2024-05-01T12:00:00', false], // the offset is required
    ['2024-05-01T12:00Z', false], // seconds are required
    ['2024-05-01T12:00:00+01:00', true],
    ['2024-05-01T12:00:00+0100', true],
    ['2024-05-01T12:00:00+01', true],
    ['2024-05-01T12:00:00-00:00', true],
    ['2024-05-01T12:00:00+24:00', false],
    ['2024-05-01T12:00:00+01:60', false],
    ['2024-02-29T00:00:00Z', true], // leap year
    ['2023-02-29T00:00:00Z', false],
    ['2024-02-30T00:00:00Z', false], // impossible day: rejected (ajv-formats checks the calendar)
    ['2024-04-31T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false], // century, not a leap year
    ['2000-02-29T00:00:00Z', true],
    ['2024-13-01T00:00:00Z', false],
    ['2024-00-10T00:00:00Z', false],
    ['2016-12-31T23:59:60Z', true], // leap second
    ['2016-12-31T23:59:60.5Z', true],
    ['2017-01-01T00:59:60+01:00', true], // leap second, 23:59:60 UTC
    ['2016-12-31T23:59:60+01:00', false], // 22:59:60 UTC is not a leap second
    ['2016-12-31T12:00:60Z', false],
    ['2016-12-31T23:59:61Z', false],
    ['2024-05-01T24:00:00Z', false],
    ['2024-05-01T12:60:00Z', false],
    ['2024-05-01T12:00:00Z\n', false],
    ['+2024-05-01T12:00:00Z', false],
    ['yesterday', false],
    ['', false],
  ];
  it.each(table)('%j → %s', (s, want) => {
    expect(isDateTime(s)).toBe(want);
    expect(ajvDateTime(s)).toBe(want);
  });
});

describe('multipleOf with float tolerance', () => {
  const table: [number, boolean][] = [
    [0.3, true], // 0.3 / 0.1 = 2.9999999999999996
    [0.1 + 0.2, true], // 0.30000000000000004
    [230.1, true],
    [12345.6, true],
    [-0.3, true],
    [0, true],
    [0.3 + 1e-9, false], // a real fraction of the step, not float noise
    [1e-9, false],
    [0.05, false],
    [7.000000001, false],
  ];
  it.each(table)('%d multipleOf 0.1 → %s', (x, want) => {
    expect(isMultipleOf(x, 0.1)).toBe(want);
    expect(ajv.validate({ type: 'number', multipleOf: 0.1 }, x)).toBe(want);
  });
});

describe('uri (1.6 GetDiagnostics / UpdateFirmware location)', () => {
  const table: [string, boolean][] = [
    ['ftp://user:pw@diag.example.com:21/upload/', true],
    ['https://[2001:db8::1]/fw.bin', true],
    ['urn:isbn:0451450523', true],
    ['http://a/%20b?c=d#e', true],
    ['http://a/%zz', false],
    ['http://exa mple.com', false],
    ['/relative/path', false],
    ['not a uri', false],
    ['http:', false],
    ['http://ü.example', false],
  ];
  it.each(table)('%j → %s', (s, want) => {
    expect(isUri(s)).toBe(want);
    expect(ajvUri(s)).toBe(want);
  });
});

describe('lengths count code points', () => {
  it('counts a surrogate pair once and a lone surrogate once', () => {
    expect(codePoints('abc')).toBe(3);
    expect(codePoints('😀😀')).toBe(2);
    expect(codePoints('\ud83d')).toBe(1);
  });
  it('accepts 20 emoji in a maxLength 20 field (40 UTF-16 units)', () => {
    const msg = { chargePointVendor: '😀'.repeat(20), chargePointModel: 'M' };
    expect(validate(v16.BootNotificationRequestSchema, msg)).toBeUndefined();
    expect(
      validate(v16.BootNotificationRequestSchema, { ...msg, chargePointModel: 'x'.repeat(21) }),
    ).toMatchObject({
      kind: 'length',
      path: '/chargePointModel',
    });
  });
});

describe('integers', () => {
  const base = { currentTime: '2024-05-01T12:00:00Z', status: 'Accepted' };
  it('1.0 is an integer (JSON has one number type), 1.5 is not', () => {
    expect(validate(v16.BootNotificationResponseSchema, { ...base, interval: 1.0 })).toBeUndefined();
    expect(validate(v16.BootNotificationResponseSchema, { ...base, interval: 1.5 })).toMatchObject({
      kind: 'type',
      path: '/interval',
    });
  });
});

describe('CustomDataType accepts extra keys, other objects do not', () => {
  const boot = { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } };
  it('vendor keys inside customData are valid', () => {
    const msg = { ...boot, customData: { vendorId: 'com.example', anything: { nested: [1, 2] } } };
    expect(validate(v201.BootNotificationRequestSchema, msg)).toBeUndefined();
  });
  it('customData still requires vendorId', () => {
    expect(validate(v201.BootNotificationRequestSchema, { ...boot, customData: { x: 1 } })).toMatchObject({
      kind: 'required',
      path: '/customData/vendorId',
    });
  });
  it('an extra key elsewhere is rejected', () => {
    const msg = { ...boot, chargingStation: { ...boot.chargingStation, color: 'red' } };
    expect(validate(v201.BootNotificationRequestSchema, msg)).toMatchObject({
      kind: 'additional',
      path: '/chargingStation/color',
    });
  });
});

describe('1.6 "Celcius" (sic) and "Celsius" are both valid units', () => {
  for (const unit of ['Celcius', 'Celsius']) {
    it(`StopTransaction and MeterValues accept ${unit}`, () => {
      const meterValue = [{ timestamp: '2024-05-01T12:00:00Z', sampledValue: [{ value: '21', unit }] }];
      expect(validate(v16.MeterValuesRequestSchema, { connectorId: 1, meterValue })).toBeUndefined();
      const stop = {
        meterStop: 1,
        timestamp: '2024-05-01T12:00:00Z',
        transactionId: 1,
        transactionData: meterValue,
      };
      expect(validate(v16.StopTransactionRequestSchema, stop)).toBeUndefined();
    });
  }
});

describe('violation kinds (one row per kind)', () => {
  const hb = v16.HeartbeatResponseSchema;
  const boot = v201.BootNotificationRequestSchema;
  const cs = { model: 'M', vendorName: 'V' };
  const table: [string, Parameters<typeof validate>[0], unknown, string, string][] = [
    ['payload: array', hb, [], 'payload', ''],
    ['payload: null', hb, null, 'payload', ''],
    ['payload: string', hb, 'x', 'payload', ''],
    ['required', hb, {}, 'required', '/currentTime'],
    ['additional', hb, { currentTime: '2024-05-01T12:00:00Z', x: 1 }, 'additional', '/x'],
    ['type: string expected', hb, { currentTime: 5 }, 'type', '/currentTime'],
    [
      'type: object expected, array given',
      boot,
      { reason: 'PowerUp', chargingStation: [] },
      'type',
      '/chargingStation',
    ],
    ['type: number given for an enum', boot, { reason: 3, chargingStation: cs }, 'type', '/reason'],
    ['enum', boot, { reason: 'Bored', chargingStation: cs }, 'enum', '/reason'],
    [
      'length',
      boot,
      { reason: 'PowerUp', chargingStation: { ...cs, model: 'x'.repeat(21) } },
      'length',
      '/chargingStation/model',
    ],
    ['format', hb, { currentTime: '2024-02-30T00:00:00Z' }, 'format', '/currentTime'],
    [
      'range: maximum',
      v201.NotifyEVChargingNeedsRequestSchema,
      {
        evseId: 1,
        chargingNeeds: {
          requestedEnergyTransfer: 'DC',
          dcChargingParameters: { evMaxCurrent: 1, evMaxVoltage: 1, stateOfCharge: 101 },
        },
      },
      'range',
      '/chargingNeeds/dcChargingParameters/stateOfCharge',
    ],
    [
      'range: multipleOf',
      v16.SetChargingProfileRequestSchema,
      {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 1,
          stackLevel: 0,
          chargingProfilePurpose: 'TxProfile',
          chargingProfileKind: 'Absolute',
          chargingSchedule: {
            chargingRateUnit: 'A',
            chargingSchedulePeriod: [{ startPeriod: 0, limit: 0.05 }],
          },
        },
      },
      'range',
      '/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit',
    ],
    ['items: too few', v201.GetVariablesRequestSchema, { getVariableData: [] }, 'items', '/getVariableData'],
    ['required: present but undefined', hb, { currentTime: undefined }, 'required', '/currentTime'],
  ];
  it.each(table)('%s', (_label, schema, value, kind, path) => {
    const got = validate(schema, value);
    expect(got).toMatchObject({ kind, path });
    expect(got?.message.length).toBeGreaterThan(0);
  });
});

describe('validator sets', () => {
  it('defineValidators keeps only the chosen actions', () => {
    const set = defineValidators('ocpp1.6', {
      BootNotification: v16.BootNotification,
      Heartbeat: v16.Heartbeat,
    });
    expect(set.protocol).toBe('ocpp1.6');
    expect(Object.keys(set.actions)).toEqual(['BootNotification', 'Heartbeat']);
  });
  it('version modules hold every action; 2.1 NotifyPeriodicEventStream is a SEND', () => {
    expect(Object.keys(v16.validators.actions)).toHaveLength(39);
    expect(Object.keys(v201.validators.actions)).toHaveLength(64);
    expect(Object.keys(v21.validators.actions)).toHaveLength(91);
    expect(v21.NotifyPeriodicEventStream.send).toBe(true);
    expect(v21.NotifyPeriodicEventStream.response).toBeUndefined();
    expect(v21.validators.protocol).toBe('ocpp2.1');
  });
  it('generated schemas are valibot schemas before and after their lazy build', async () => {
    const v = await import('valibot');
    const boot = { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'V' } };
    expect(v.safeParse(v201.BootNotificationRequestSchema, boot).success).toBe(true);
    const bad = v.safeParse(v201.BootNotificationRequestSchema, { ...boot, reason: 'Nope' });
    expect(bad.success).toBe(false);
    expect(bad.issues?.[0]?.type).toBe('picklist');
    expect(v.safeParse(v201.BootReasonEnumTypeSchema, 'PowerUp').success).toBe(true);
    expect(v.safeParse(v201.BootReasonEnumTypeSchema, 'Nope').success).toBe(false);
    // composition of a schema nothing has built yet: the spread inside v.pipe builds it
    const piped = v.pipe(
      v21.VatNumberValidationRequestSchema,
      v.check((x) => x.vatNumber !== 'X', 'no X'),
    );
    expect(v.safeParse(piped, { vatNumber: 'NL1' }).success).toBe(true);
    expect(v.safeParse(piped, { vatNumber: 'X' }).success).toBe(false);
    expect(v.safeParse(piped, { vatNumber: 1 }).success).toBe(false);
    expect(await v21.VatNumberValidationResponseSchema['~standard'].validate({})).toHaveProperty('issues');
    // same enumerable keys as valibot's own object, and the fast check never travels with a copy
    // the exported constants are typed `Schema<T>`; at runtime they are strict object schemas
    type Obj = import('valibot').StrictObjectSchema<import('valibot').ObjectEntries, undefined>;
    const s = v21.GetTariffsRequestSchema as unknown as Obj;
    expect(Object.keys(s)).toEqual(Object.keys(v.strictObject({}))); // not built yet
    expect(s.type).toBe('strict_object'); // builds it
    expect(Object.keys(s)).toEqual(Object.keys(v.strictObject({})));
    expect(Object.keys(s.entries).sort()).toEqual(['customData', 'evseId']);
    expect(Object.keys(v21.ClearTariffsRequestSchema)).not.toContain('~check');
    const picked = v.pick(v21.ClearTariffsRequestSchema as unknown as Obj, ['evseId']);
    expect((picked as { '~check'?: unknown })['~check']).toBeUndefined();
    expect(validate(picked as unknown as Obj, { tariffIds: ['a'] })?.kind).toBe('additional');
    expect(validate(v21.ClearTariffsRequestSchema, { tariffIds: ['a'] })).toBeUndefined();
  });
  it('schemas are usable as plain valibot schemas', async () => {
    const v = await import('valibot');
    expect(v.safeParse(v201.HeartbeatResponseSchema, { currentTime: '2024-05-01T12:00:00Z' }).success).toBe(
      true,
    );
    expect(v.safeParse(v201.HeartbeatResponseSchema, [{ currentTime: '2024-05-01T12:00:00Z' }]).success).toBe(
      false,
    );
  });
});
