// examples/cloudflare-csms: the OCPP calls and answers of a password rotation (1.6 security
// whitepaper ed. 2 A01; 2.0.1 Part 2 A01), in Node. Here rather than beside the example because
// it checks them with the engine's own validators, which the example does not depend on.
import { isValidPassword } from '@ocpp-ws-io/core';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { describe, expect, it } from 'vitest';
import {
  answerOf,
  changesPassword,
  newStationPassword,
  passwordCall,
} from '../../../examples/cloudflare-csms/src/auth/rotation.js';

describe('password rotation', () => {
  it('new passwords are random and fit each version: 1.6 40 hex digits (A00.FR.205), 2.0.1 16–40 characters', () => {
    const p16 = newStationPassword('ocpp1.6');
    expect(p16).toMatch(/^[0-9a-f]{40}$/);
    expect(isValidPassword(p16, 'ocpp1.6', { hex: true })).toBe(true);
    const p201 = newStationPassword('ocpp2.0.1');
    expect(p201).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(isValidPassword(p201, 'ocpp2.0.1')).toBe(true);
    // A01.FR.07 "generated randomly": no two alike.
    expect(new Set(Array.from({ length: 50 }, () => newStationPassword('ocpp2.0.1'))).size).toBe(50);
  });

  it('the calls are valid requests of their version (A01.FR.02 in 1.6 and 2.0.1)', () => {
    const c16 = passwordCall('ocpp1.6', newStationPassword('ocpp1.6'));
    expect(c16.action).toBe('ChangeConfiguration');
    expect(v16.validate(v16.actions.ChangeConfiguration!.request, c16.params)).toBeUndefined();
    const c201 = passwordCall('ocpp2.0.1', newStationPassword('ocpp2.0.1'));
    expect(c201.action).toBe('SetVariables');
    expect(v201.validate(v201.actions.SetVariables!.request, c201.params)).toBeUndefined();
    expect(v201.validate(v201.actions.SetVariables!.request, { setVariableData: [] })).toBeDefined();
  });

  it.each([
    ['ocpp1.6', { status: 'Accepted' }, 'Accepted', true],
    ['ocpp1.6', { status: 'RebootRequired' }, 'RebootRequired', true],
    ['ocpp1.6', { status: 'Rejected' }, 'Rejected', false],
    ['ocpp1.6', { status: 'NotSupported' }, 'NotSupported', false],
    ['ocpp2.0.1', { setVariableResult: [{ attributeStatus: 'Accepted' }] }, 'Accepted', true],
    ['ocpp2.0.1', { setVariableResult: [{ attributeStatus: 'UnknownVariable' }] }, 'UnknownVariable', false],
    ['ocpp2.0.1', {}, 'Unknown', false],
  ] as const)(
    '%s answer %j → %s, switched: %s (A01.FR.03 / A01.FR.04)',
    (protocol, response, status, switched) => {
      expect(answerOf(protocol, response)).toEqual({ status, switched });
    },
  );

  it('recognises calls that would change the password behind the CSMS', () => {
    expect(changesPassword('ChangeConfiguration', { key: 'AuthorizationKey', value: 'x' })).toBe(true);
    expect(changesPassword('ChangeConfiguration', { key: 'HeartbeatInterval', value: '5' })).toBe(false);
    expect(changesPassword('SetVariables', passwordCall('ocpp2.0.1', 'x').params)).toBe(true);
    expect(
      changesPassword('SetVariables', {
        setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }],
      }),
    ).toBe(false);
    expect(changesPassword('Reset', { type: 'Soft' })).toBe(false);
    expect(changesPassword('SetVariables', null)).toBe(false);
  });
});
