// Type-level tests of the public API.

import type { Clock, OCPPClient } from '@ocpp-ws-io/core';
import type { OCPPClient as NodeClient } from '@ocpp-ws-io/node';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BootStatus,
  type CompositeSchedule,
  compositeSchedule,
  ManualClock,
  type ProfileFactory,
  type ProtocolProfile,
  ScaledClock,
  type StationSnapshot,
  type StationState,
  type TokenOutcome,
  VirtualStation,
} from '../src/index.js';

declare const client16: OCPPClient<'ocpp1.6'>;
declare const clientAny: OCPPClient;
declare const clientTwo: OCPPClient<'ocpp1.6' | 'ocpp2.0.1'>;
declare const nodeClient: NodeClient<'ocpp1.6'>;

describe('VirtualStation types', () => {
  it('takes the client of any adapter and any protocol set', () => {
    expectTypeOf(new VirtualStation({ client: client16, vendor: 'A', model: 'B' })).toEqualTypeOf<
      VirtualStation<'ocpp1.6'>
    >();
    new VirtualStation({ client: clientAny, vendor: 'A', model: 'B' });
    new VirtualStation({ client: clientTwo, vendor: 'A', model: 'B', connectors: 2 });
    new VirtualStation({ client: nodeClient, vendor: 'A', model: 'B' });
    // @ts-expect-error the model (vendor, model) is required
    new VirtualStation({ client: client16 });
  });

  it('types events, snapshots and physical actions', () => {
    const station = new VirtualStation({ client: client16, vendor: 'A', model: 'B' });
    station.on('change', (snapshot) => expectTypeOf(snapshot).toEqualTypeOf<StationSnapshot>());
    station.on('transactionStopped', ({ reason }) => expectTypeOf(reason).toExtend<string>());
    // @ts-expect-error no such event
    station.on('bogus', () => {});
    expectTypeOf(station.presentToken('TAG')).resolves.toEqualTypeOf<TokenOutcome>();
    expectTypeOf(station.snapshot().boot.status).toEqualTypeOf<BootStatus>();
    expectTypeOf(station.state).toEqualTypeOf<Readonly<StationState>>();
    expectTypeOf(station.start()).resolves.toBeVoid();
    expectTypeOf(station.plugIn).parameter(1).toExtend<{ socPercent?: number } | undefined>();
    // @ts-expect-error a fault needs an errorCode
    station.fault(1, {});
  });

  it('has clocks of core Clock shape, so the client can share them', () => {
    expectTypeOf(new ManualClock()).toExtend<Clock>();
    expectTypeOf(new ScaledClock({ speed: 10 })).toExtend<Clock>();
    expectTypeOf(new ManualClock().advance(1)).resolves.toBeVoid();
  });

  it('lets a profile for another version be plugged in', () => {
    expectTypeOf<ProfileFactory>().returns.toEqualTypeOf<ProtocolProfile>();
    expectTypeOf<ProtocolProfile['trigger']>().returns.toEqualTypeOf<
      'Accepted' | 'Rejected' | 'NotImplemented'
    >();
    new VirtualStation({
      client: clientTwo,
      vendor: 'A',
      model: 'B',
      profiles: { 'ocpp2.0.1': {} as ProfileFactory },
    });
  });
});

describe('smart-charging exports', () => {
  it("compositeSchedule takes a snapshot's profiles and answers a schedule", () => {
    const snapshot = {} as StationSnapshot;
    expectTypeOf(
      compositeSchedule(snapshot.chargingProfiles, {
        evseId: 1,
        startMs: 0,
        durationS: 3600,
        unit: 'W',
        hardwareLimit: { limit: 22_000, unit: 'W' },
      }),
    ).toEqualTypeOf<CompositeSchedule>();
  });
});
