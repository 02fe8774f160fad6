import type { InferOutput } from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type { ActionMap, Violation } from '../src/index.js';
import type * as v16 from '../src/ocpp1.6.js';
import type * as v201 from '../src/ocpp2.0.1.js';
import type * as v21 from '../src/ocpp2.1.js';

describe('payload types follow the schemas', () => {
  it('1.6 BootNotificationRequest requires vendor and model, the rest is optional', () => {
    expectTypeOf<v16.BootNotificationRequest['chargePointVendor']>().toEqualTypeOf<string>();
    expectTypeOf<v16.BootNotificationRequest['chargePointModel']>().toEqualTypeOf<string>();
    expectTypeOf<{ chargePointVendor: 'V'; chargePointModel: 'M' }>().toExtend<v16.BootNotificationRequest>();
    expectTypeOf<{ chargePointVendor: 'V' }>().not.toExtend<v16.BootNotificationRequest>();
    expectTypeOf<v16.BootNotificationRequest['firmwareVersion']>().toEqualTypeOf<string | undefined>();
  });

  it('1.6 BootNotificationResponse', () => {
    expectTypeOf<v16.BootNotificationResponse>().toEqualTypeOf<{
      status: 'Accepted' | 'Pending' | 'Rejected';
      currentTime: string;
      interval: number;
    }>();
  });

  it('1.6 objects written out in several actions are one named type (OCPP 1.6 §7 names)', () => {
    expectTypeOf<v16.RemoteStartTransactionRequest['chargingProfile']>().toEqualTypeOf<
      v16.ChargingProfile | undefined
    >();
    expectTypeOf<v16.SetChargingProfileRequest['csChargingProfiles']>().toEqualTypeOf<v16.ChargingProfile>();
    expectTypeOf<v16.ChargingProfile['chargingSchedule']>().toEqualTypeOf<v16.ChargingSchedule>();
    expectTypeOf<v16.GetCompositeScheduleResponse['chargingSchedule']>().toEqualTypeOf<
      v16.ChargingSchedule | undefined
    >();
    expectTypeOf<v16.StopTransactionRequest['transactionData']>().toEqualTypeOf<
      v16.MeterValue[] | undefined
    >();
    expectTypeOf<v16.MeterValue['sampledValue']>().toEqualTypeOf<v16.SampledValue[]>();
    expectTypeOf<v16.StartTransactionResponse['idTagInfo']>().toEqualTypeOf<v16.IdTagInfo>();
    expectTypeOf<v16.IdTagInfo['status']>().toEqualTypeOf<
      'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx'
    >();
    expectTypeOf<InferOutput<typeof v16.IdTagInfoSchema>>().toEqualTypeOf<v16.IdTagInfo>();
  });

  it('2.0.1 BootNotificationResponse.status is the enum union, with named definition types', () => {
    expectTypeOf<v201.BootNotificationResponse['status']>().toEqualTypeOf<
      'Accepted' | 'Pending' | 'Rejected'
    >();
    expectTypeOf<v201.RegistrationStatusEnumType>().toEqualTypeOf<'Accepted' | 'Pending' | 'Rejected'>();
    expectTypeOf<v201.BootNotificationRequest['chargingStation']>().toEqualTypeOf<v201.ChargingStationType>();
    expectTypeOf<v201.BootNotificationRequest['customData']>().toEqualTypeOf<
      v201.CustomDataType | undefined
    >();
  });

  it('CustomDataType is open to vendor keys', () => {
    expectTypeOf<{ vendorId: string; extra: number }>().toExtend<v201.CustomDataType>();
  });

  it('schema output types are the payload types', () => {
    expectTypeOf<
      InferOutput<typeof v201.BootNotificationRequestSchema>
    >().toEqualTypeOf<v201.BootNotificationRequest>();
    expectTypeOf<InferOutput<typeof v16.MeterValues.request>>().toEqualTypeOf<v16.MeterValuesRequest>();
  });

  it('ActionMap maps versions and actions to request/response types', () => {
    expectTypeOf<ActionMap['ocpp1.6']['Heartbeat']['response']>().toEqualTypeOf<v16.HeartbeatResponse>();
    expectTypeOf<
      ActionMap['ocpp2.0.1']['TransactionEvent']['request']
    >().toEqualTypeOf<v201.TransactionEventRequest>();
    expectTypeOf<ActionMap['ocpp2.1']['NotifyPeriodicEventStream']>().toEqualTypeOf<{
      request: v21.NotifyPeriodicEventStreamRequest;
      response: undefined;
      send: true;
    }>();
  });

  it('Violation', () => {
    expectTypeOf<Violation['kind']>().toEqualTypeOf<
      'payload' | 'required' | 'additional' | 'type' | 'enum' | 'length' | 'range' | 'format' | 'items'
    >();
  });
});
