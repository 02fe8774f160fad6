// Type-level tests of what the 2.x profile adds to the public API.

import type { MessageInfoType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createOcpp16Profile,
  createOcpp21Profile,
  createOcpp201Profile,
  DEFAULT_PROFILES,
  type Ocpp2State,
  type ProfileFactory,
  readOcpp2State,
  STATION_COVERAGE,
  type StationState,
  type VirtualStation,
} from '../../src/index.js';

declare const station: VirtualStation<'ocpp2.0.1'>;

describe('2.x public API types', () => {
  it('exports the 2.0.1 and 2.1 factories as ProfileFactory, like 1.6', () => {
    expectTypeOf(createOcpp201Profile).toEqualTypeOf<ProfileFactory>();
    expectTypeOf(createOcpp21Profile).toEqualTypeOf<ProfileFactory>();
    expectTypeOf(createOcpp16Profile).toEqualTypeOf<ProfileFactory>();
    expectTypeOf(DEFAULT_PROFILES).toEqualTypeOf<
      Partial<Record<'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1', ProfileFactory>>
    >();
    expectTypeOf(STATION_COVERAGE['ocpp2.1']).toExtend<
      readonly { action: string; clause: string }[] | undefined
    >();
  });

  it('readOcpp2State reads a station state read-only, undefined before a 2.x run', () => {
    expectTypeOf(readOcpp2State).parameter(0).toEqualTypeOf<Readonly<StationState>>();
    const data = readOcpp2State(station.state);
    expectTypeOf(data).toEqualTypeOf<Readonly<Ocpp2State> | undefined>();
    expectTypeOf(data!.displayMessages).toEqualTypeOf<MessageInfoType[]>();
    expectTypeOf(data!.transactions.tx!.seqNo).toEqualTypeOf<number>();
    expectTypeOf(data!.transactions.tx!.totalCost).toEqualTypeOf<number | undefined>();
    // @ts-expect-error the view is read-only
    data!.bootReason = 'PowerUp';
  });

  it('StationState gains only an optional, opaque profileData', () => {
    expectTypeOf<StationState['profileData']>().toEqualTypeOf<Record<string, unknown> | undefined>();
  });
});
