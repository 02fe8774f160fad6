/** The generator's hoisting of shared inline objects (generator/hoist.mjs). */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM generator module without declarations
import { hoistSharedObjects } from '../generator/hoist.mjs';
// @ts-expect-error -- plain ESM generator module without declarations
import { loadActions } from '../generator/sources.mjs';
import * as v16 from '../src/ocpp1.6.js';

const tagInfo = (description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties: { status: { type: 'string', enum: ['Accepted', 'Blocked'] } },
  required: ['status'],
  additionalProperties: false,
});
const obj = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  additionalProperties: false,
});

describe('hoistSharedObjects', () => {
  it('an object written out at two places becomes one definition, named after its first key', () => {
    const actions = [
      { name: 'A', request: obj({ idTagInfo: tagInfo('as A says') }), response: obj({}) },
      {
        name: 'B',
        request: obj({}),
        response: obj({ list: { type: 'array', items: obj({ tag: tagInfo() }) } }),
      },
    ];
    const { actions: out, definitions } = hoistSharedObjects(actions, new Set());
    expect([...definitions.keys()]).toEqual(['IdTagInfo']);
    expect(definitions.get('IdTagInfo')).toEqual(tagInfo('as A says')); // annotations do not split
    expect(out[0].request.properties.idTagInfo).toEqual({ $ref: '#/definitions/IdTagInfo' });
    expect(out[1].response.properties.list.items.properties.tag).toEqual({ $ref: '#/definitions/IdTagInfo' });
    expect(actions[0]?.request.properties.idTagInfo).toEqual(tagInfo('as A says')); // input untouched
  });

  it('leaves objects that occur once, and objects that differ in a validating keyword, inline', () => {
    const other = { ...tagInfo(), required: [] };
    const actions = [
      { name: 'A', request: obj({ idTagInfo: tagInfo() }), response: obj({}) },
      { name: 'B', request: obj({ info: other }), response: obj({}) },
    ];
    const { actions: out, definitions } = hoistSharedObjects(actions, new Set());
    expect(definitions.size).toBe(0);
    expect(out).toEqual(actions);
  });

  it('refuses to guess: two different shared objects under one name, or a clash with a definition', () => {
    const twice = (node: object) => [
      { name: 'A', request: obj({ info: node }), response: obj({}) },
      { name: 'B', request: obj({ info: node }), response: obj({}) },
    ];
    const clash = [
      ...twice(tagInfo()),
      ...twice(obj({ other: { type: 'string' } })).map((a) => ({ ...a, name: `${a.name}2` })),
    ];
    expect(() => hoistSharedObjects(clash, new Set())).toThrow(
      /two different shared objects would be named Info/,
    );
    expect(() => hoistSharedObjects(twice(tagInfo()), new Set(['Info']))).toThrow(
      /Info clashes with a definition/,
    );
  });

  it('finds in OCPP 1.6 exactly the spec types written out more than once (OCPP 1.6 §7)', () => {
    const { definitions } = hoistSharedObjects(loadActions('ocpp1_6.json'), new Set());
    expect([...definitions.keys()].sort()).toEqual([
      'ChargingProfile',
      'ChargingSchedule',
      'ChargingSchedulePeriod',
      'IdTagInfo',
      'MeterValue',
      'SampledValue',
    ]);
  });
});

describe('the hoisted 1.6 definitions validate as the inline copies did', () => {
  const profile = {
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16.1 }] },
  };
  const { validate } = v16.validators;
  it('SetChargingProfile and RemoteStartTransaction share ChargingProfile, violations keep their paths', () => {
    expect(
      validate(v16.SetChargingProfile.request, { connectorId: 1, csChargingProfiles: profile }),
    ).toBeUndefined();
    expect(
      validate(v16.RemoteStartTransaction.request, { idTag: 'T', chargingProfile: profile }),
    ).toBeUndefined();
    const bad = {
      ...profile,
      chargingSchedule: {
        ...profile.chargingSchedule,
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 'x' }],
      },
    };
    expect(
      validate(v16.SetChargingProfile.request, { connectorId: 1, csChargingProfiles: bad }),
    ).toMatchObject({
      kind: 'type',
      path: '/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit',
    });
    expect(validate(v16.RemoteStartTransaction.request, { idTag: 'T', chargingProfile: bad })).toMatchObject({
      kind: 'type',
      path: '/chargingProfile/chargingSchedule/chargingSchedulePeriod/0/limit',
    });
  });
  it('StopTransaction.transactionData and MeterValues.meterValue share MeterValue', () => {
    const sample = { timestamp: '2026-11-25T12:00:00Z', sampledValue: [{ value: '1', unit: 'Wh' }] };
    expect(validate(v16.MeterValues.request, { connectorId: 1, meterValue: [sample] })).toBeUndefined();
    const stop = {
      meterStop: 1,
      timestamp: '2026-11-25T12:00:00Z',
      transactionId: 1,
      transactionData: [sample],
    };
    expect(validate(v16.StopTransaction.request, stop)).toBeUndefined();
    const badUnit = {
      ...stop,
      transactionData: [{ ...sample, sampledValue: [{ value: '1', unit: 'Kelvin' }] }],
    };
    expect(validate(v16.StopTransaction.request, badUnit)).toMatchObject({
      kind: 'enum',
      path: '/transactionData/0/sampledValue/0/unit',
    });
  });
});
