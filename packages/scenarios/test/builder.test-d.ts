// Type-level tests of the scenario builder: actions, payloads and matcher paths are the
// protocol's; variables fit anywhere a value does.
import { describe, expectTypeOf, it } from 'vitest';
import {
  type PayloadPath,
  type Scenario,
  type ScenarioBuilder,
  scenario,
  type Variable,
  v,
} from '../src/index.js';

const b16 = scenario({ id: 'x', name: 'X', protocol: 'ocpp1.6' });
const b201 = scenario({ id: 'y', name: 'Y', protocol: 'ocpp2.0.1' });

describe('scenario builder types', () => {
  it('is typed by its protocol and builds a plain Scenario', () => {
    expectTypeOf(b16).toEqualTypeOf<ScenarioBuilder<'ocpp1.6'>>();
    expectTypeOf(b16.start().build()).toEqualTypeOf<Scenario>();
    // @ts-expect-error not a protocol
    scenario({ id: 'z', name: 'Z', protocol: 'ocpp1.5' });
  });

  it('knows each version’s actions', () => {
    b16.trigger('RemoteStartTransaction', { idTag: 'A' });
    b201.trigger('RequestStartTransaction', {
      idToken: { idToken: 'A', type: 'ISO14443' },
      remoteStartId: 1,
    });
    // @ts-expect-error a 2.0.1 action in a 1.6 scenario
    b16.trigger('RequestStartTransaction', {});
    // @ts-expect-error a 1.6 action in a 2.0.1 scenario
    b201.expectResult('StartTransaction');
  });

  it('checks payloads against the schema types, and lets variables stand for any value', () => {
    b16.trigger('RemoteStopTransaction', { transactionId: v('transactionId') });
    b16.trigger('RemoteStopTransaction', { transactionId: 17 });
    // @ts-expect-error transactionId is required
    b16.trigger('RemoteStopTransaction', {});
    // @ts-expect-error a number, not text
    b16.trigger('RemoteStopTransaction', { transactionId: 'seventeen' });
    b16.respond('UnlockConnector', { status: 'NotSupported' });
    // @ts-expect-error not an UnlockConnector status
    b16.respond('UnlockConnector', { status: 'Maybe' });
    b16.send('StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Available',
      timestamp: v('now'),
    });
    expectTypeOf(v('x')).toEqualTypeOf<Variable>();
  });

  it('types matcher and capture paths by the payload', () => {
    b16.expectResult('Authorize', {
      match: { 'idTagInfo.status': 'Accepted' },
      capture: { expiry: 'idTagInfo.expiryDate' },
    });
    b16.expectCall('SendLocalList', { match: { 'localAuthorizationList.*.idTagInfo': { present: true } } });
    b16.expectResult('BootNotification', { match: { interval: { gt: 0 }, $: { present: true } } });
    // @ts-expect-error no such field in Authorize.conf
    b16.expectResult('Authorize', { match: { 'idTagInfo.colour': 'red' } });
    // @ts-expect-error captures name a field path
    b16.expectResult('Authorize', { capture: { x: 'nothing.here' } });
    b16.expectError('Heartbeat', { match: { code: 'NotImplemented' } });
    expectTypeOf<'idTagInfo' | 'idTagInfo.status'>().toExtend<
      PayloadPath<{ idTagInfo: { status: string } }>
    >();
  });

  it('only takes matcher objects of the known tests', () => {
    // @ts-expect-error no "near" test
    b16.expectResult('BootNotification', { match: { interval: { near: 60 } } });
  });
});
