// An in-memory CSMS for the 2.x profile's tests: a strict OCPPServer of one version (every frame
// validated both ways by the 2.0.1 or 2.1 schemas) that records what the station sent, answers
// with adjustable outcomes, and lets a test call the station. Station, client and server share one
// ManualClock.

import {
  connectInMemory,
  type DurableLane,
  MemoryMessageStore,
  OCPPClient,
  OCPPServer,
  type StationConnection,
} from '@ocpp-ws-io/core';
import type { ActionMap } from '@ocpp-ws-io/schemas';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';
import {
  ManualClock,
  NetworkSwitch,
  type StationPersistence,
  stationDurable,
  VirtualStation,
  type VirtualStationOptions,
} from '../../../src/index.js';

export type Version = 'ocpp2.0.1' | 'ocpp2.1';
export const validators = { 'ocpp2.0.1': v201, 'ocpp2.1': v21 } as const;

/** 2025-03-01T10:00:00Z: tests start at a fixed moment. */
export const T0 = Date.parse('2025-03-01T10:00:00.000Z');

export interface Received {
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly atMs: number;
}

/** What the CSMS answers; tests change it between steps. */
export interface CsmsBehaviour {
  boot: 'Accepted' | 'Pending' | 'Rejected';
  bootIntervalS: number;
  /** idTokens the CSMS refuses (Authorize and TransactionEvent answer Invalid). */
  refused: Set<string>;
  /** Answer TransactionEvent? false: a CALLERROR instead (the durable lane retries). */
  answerTransactionEvent: boolean;
  /** OpenPeriodicEventStream answer. */
  openStream: 'Accepted' | 'Rejected';
}

type Calls<V extends Version> = ActionMap[V];

export class MemoryCsms2<V extends Version = 'ocpp2.0.1'> {
  readonly server: OCPPServer<V>;
  readonly received: Received[] = [];
  readonly behaviour: CsmsBehaviour = {
    boot: 'Accepted',
    bootIntervalS: 300,
    refused: new Set(),
    answerTransactionEvent: true,
    openStream: 'Accepted',
  };
  connection: StationConnection<V> | undefined;

  constructor(
    readonly clock: ManualClock,
    readonly version: V,
  ) {
    this.server = new OCPPServer<V>({ protocols: [version], validators, clock });
    this.server.on('client', (c) => {
      this.connection = c;
    });
    this.server.handle('*', ({ action, params }) => {
      this.received.push({ action, params, atMs: clock.now() });
      return this.#answer(action, params);
    });
  }

  #answer(action: string, params: Record<string, unknown>): unknown {
    const now = new Date(this.clock.now()).toISOString();
    const tokenInfo = (token: unknown) => ({
      status: this.behaviour.refused.has((token as { idToken: string }).idToken) ? 'Invalid' : 'Accepted',
    });
    switch (action) {
      case 'BootNotification':
        return { status: this.behaviour.boot, interval: this.behaviour.bootIntervalS, currentTime: now };
      case 'Heartbeat':
        return { currentTime: now };
      case 'Authorize':
        return { idTokenInfo: tokenInfo(params.idToken) };
      case 'TransactionEvent':
        if (!this.behaviour.answerTransactionEvent) throw new Error('not now');
        return params.idToken ? { idTokenInfo: tokenInfo(params.idToken) } : {};
      case 'SignCertificate':
      case 'OpenPeriodicEventStream':
        return { status: action === 'SignCertificate' ? 'Accepted' : this.behaviour.openStream };
      case 'DataTransfer':
        return { status: 'UnknownVendorId' };
      case 'NotifyPeriodicEventStream':
        return undefined;
      default:
        // Every other station-initiated 2.x message is answered with an empty payload.
        return {};
    }
  }

  /** What the station sent of `action`, in order. */
  of(action: string): Received[] {
    return this.received.filter((r) => r.action === action);
  }

  /** Forgets what was received so far. */
  clear(): void {
    this.received.length = 0;
  }

  /** Calls the station (the current connection). */
  call<A extends keyof Calls<V> & string>(
    action: A,
    params: Calls<V>[A] extends { request: infer R } ? R : never,
  ): Promise<Calls<V>[A] extends { response: infer R } ? R : never> {
    if (!this.connection) throw new Error('no station connected');
    const call = this.connection.call as (a: string, p: unknown) => Promise<never>;
    return call.call(this.connection, action, params);
  }
}

export interface Rig<V extends Version = 'ocpp2.0.1'> {
  readonly clock: ManualClock;
  readonly csms: MemoryCsms2<V>;
  readonly client: OCPPClient<V>;
  readonly station: VirtualStation<V>;
  readonly network: NetworkSwitch;
  readonly durable: DurableLane;
  readonly store: MemoryMessageStore;
}

export interface RigOptions<V extends Version> extends Partial<Omit<VirtualStationOptions, 'client'>> {
  readonly version?: V;
  readonly clock?: ManualClock;
  readonly csms?: MemoryCsms2<V>;
  readonly store?: MemoryMessageStore;
  readonly persistence?: StationPersistence;
  readonly start?: boolean;
}

/** Errors stations reported (tests assert there are none they did not expect). */
export const errors: Error[] = [];

/** A 2.x station (2.0.1 unless `version`) on an in-memory client, connected to `csms`, started unless `start: false`. */
export async function rig2<V extends Version = 'ocpp2.0.1'>(options: RigOptions<V> = {}): Promise<Rig<V>> {
  const version = (options.version ?? options.csms?.version ?? 'ocpp2.0.1') as V;
  const clock = options.clock ?? options.csms?.clock ?? new ManualClock(T0);
  const csms = options.csms ?? new MemoryCsms2<V>(clock, version);
  const store = options.store ?? new MemoryMessageStore();
  const durable = stationDurable({ store, retryIntervalMs: 1_000 });
  const network = new NetworkSwitch(connectInMemory(csms.server));
  const client = new OCPPClient<V>({
    endpoint: 'ws://csms.test/ocpp',
    identity: 'CS-2',
    protocols: [version],
    validators,
    connector: network.connector,
    clock,
    durable,
    random: () => 0,
  });
  const { start = true, version: _v, csms: _c, store: _s, ...rest } = options;
  const station = new VirtualStation<V>({
    vendor: 'Acme',
    model: 'Sim-2',
    connectors: 2,
    operationStepS: 10,
    ...rest,
    client,
    clock,
    durable,
    network,
  });
  station.on('error', (error) => errors.push(error));
  if (start) {
    await station.start();
    await clock.settle();
  }
  return { clock, csms, client, station, network, durable, store };
}

/** What the helpers below read of a CSMS of either version. */
export interface Recorder {
  of(action: string): Received[];
}

/** StatusNotification connectorStatus of an EVSE, in order. */
export function statuses(csms: Recorder, evseId: number): string[] {
  return csms
    .of('StatusNotification')
    .filter((r) => r.params.evseId === evseId)
    .map((r) => String(r.params.connectorStatus));
}

type Event = {
  eventType: string;
  seqNo: number;
  triggerReason: string;
  offline?: boolean;
  timestamp: string;
  transactionInfo: {
    transactionId: string;
    chargingState?: string;
    stoppedReason?: string;
    remoteStartId?: number;
  };
  idToken?: { idToken: string; type: string };
  meterValue?: Array<{
    timestamp: string;
    sampledValue: Array<{ value: number; measurand?: string; context?: string }>;
  }>;
  reservationId?: number;
};

/** The TransactionEvents the CSMS received, typed. */
export function events(csms: Recorder): Event[] {
  return csms.of('TransactionEvent').map((r) => r.params as unknown as Event);
}

/** The Energy.Active.Import.Register of a meter value. */
export function energyOf(mv: NonNullable<Event['meterValue']>[number] | undefined): number | undefined {
  return mv?.sampledValue.find((v) => v.measurand === 'Energy.Active.Import.Register')?.value;
}

/**
 * Settles the clock (virtual time stands still) until `done()` or `tries` rounds passed: for work
 * outside the virtual clock (WebCrypto key generation). Bounded, so a test fails rather than hangs.
 */
export async function settleUntil(clock: ManualClock, done: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await clock.settle();
}
