// Type-level tests: payloads are typed per action and per protocol version.
import { describe, expectTypeOf, it } from 'vitest';
import type { OCPPClient, OCPPServer, RequestOf, ResponseOf, StationConnection } from '../src/index.js';

declare const client16: OCPPClient<'ocpp1.6'>;
declare const client201: OCPPClient<'ocpp2.0.1'>;
declare const station: StationConnection<'ocpp1.6' | 'ocpp2.0.1'>;
declare const server: OCPPServer<'ocpp1.6' | 'ocpp2.0.1'>;

describe('typed calls', () => {
  it('types the response of a call per action and version', () => {
    expectTypeOf(client16.call('Heartbeat', {})).resolves.toEqualTypeOf<ResponseOf<'ocpp1.6', 'Heartbeat'>>();
    expectTypeOf(client16.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' }))
      .resolves.toHaveProperty('status')
      .toEqualTypeOf<'Accepted' | 'Pending' | 'Rejected'>();
    expectTypeOf(client201.call('Heartbeat', {}))
      .resolves.toHaveProperty('currentTime')
      .toEqualTypeOf<string>();
  });

  it('makes a wrong payload a compile error', () => {
    // @ts-expect-error chargePointModel is missing
    client16.call('BootNotification', { chargePointVendor: 'A' });
    // @ts-expect-error chargePointVendor must be a string
    client16.call('BootNotification', { chargePointVendor: 1, chargePointModel: 'B' });
    // @ts-expect-error 1.6 payload on a 2.0.1 client
    client201.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' });
    // @ts-expect-error reason must be one of the BootReasonEnumType values
    client201.call('BootNotification', { reason: 'Bored', chargingStation: { model: 'M', vendorName: 'V' } });
    // @ts-expect-error not an action of 1.6
    client16.call('TransactionEvent', {});
    // @ts-expect-error NotifyPeriodicEventStream is a SEND in 2.1, and no action of 2.0.1
    client201.call('NotifyPeriodicEventStream', {});
  });

  it('types handler params and return values', () => {
    client16.handle('RemoteStartTransaction', ({ params }) => {
      expectTypeOf(params.idTag).toEqualTypeOf<string>();
      expectTypeOf(params.connectorId).toEqualTypeOf<number | undefined>();
      return { status: 'Accepted' };
    });
    // @ts-expect-error 'Maybe' is not a RemoteStartStopStatus
    client16.handle('RemoteStartTransaction', () => ({ status: 'Maybe' }));
    client201.handle('RequestStartTransaction', ({ params }) => {
      expectTypeOf(params.idToken.idToken).toEqualTypeOf<string>();
      return { status: 'Accepted' };
    });
  });

  it('unions payloads over the versions a multi-version connection may have negotiated', () => {
    expectTypeOf<RequestOf<'ocpp1.6' | 'ocpp2.0.1', 'Reset'>>().toEqualTypeOf<
      RequestOf<'ocpp1.6', 'Reset'> | RequestOf<'ocpp2.0.1', 'Reset'>
    >();
    station.call('Reset', { type: 'Soft' });
    station.call('Reset', { type: 'OnIdle' });
    // @ts-expect-error 'Sometime' is a reset type in no version
    station.call('Reset', { type: 'Sometime' });
  });

  it('types server-level handlers per action, with the station in the context', () => {
    server.handle('BootNotification', ({ params, station: s }) => {
      expectTypeOf(s.identity).toEqualTypeOf<string>();
      expectTypeOf(params).toEqualTypeOf<RequestOf<'ocpp1.6' | 'ocpp2.0.1', 'BootNotification'>>();
      return { currentTime: '', interval: 60, status: 'Accepted' };
    });
    // @ts-expect-error 'Maybe' is not a registration status
    server.handle('BootNotification', () => ({ currentTime: '', interval: 60, status: 'Maybe' }));
  });

  it('returns the unbind function from on()', () => {
    expectTypeOf(client16.on('close', () => {})).toEqualTypeOf<() => void>();
    client16.on('close', (info) => {
      expectTypeOf(info.code).toEqualTypeOf<number>();
    });
  });
});
