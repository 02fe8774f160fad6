// An in-memory CSMS for the station's tests: a strict OCPPServer (every frame validated both ways)
// that records what the station sent, answers with adjustable outcomes, and lets a test call the
// station. Station, client and server share one ManualClock.

import {
  type CallActionName,
  connectInMemory,
  type DurableLane,
  MemoryMessageStore,
  OCPPClient,
  OCPPServer,
  type RequestOf,
  type ResponseOf,
  type StationConnection,
} from '@ocpp-ws-io/core';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import {
  ManualClock,
  NetworkSwitch,
  type StationPersistence,
  stationDurable,
  VirtualStation,
  type VirtualStationOptions,
} from '../../src/index.js';

export const validators = { 'ocpp1.6': v16, 'ocpp2.0.1': v201 } as const;

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
  /** idTags the CSMS refuses (Authorize and StartTransaction answer Invalid). */
  refused: Set<string>;
  /** Answer StartTransaction? false: leave it unanswered (a CALLERROR instead). */
  answerStart: boolean;
}

export class MemoryCsms {
  readonly server: OCPPServer<'ocpp1.6'>;
  readonly received: Received[] = [];
  readonly behaviour: CsmsBehaviour = {
    boot: 'Accepted',
    bootIntervalS: 300,
    refused: new Set(),
    answerStart: true,
  };
  connection: StationConnection<'ocpp1.6'> | undefined;
  #nextTx = 100;

  constructor(readonly clock: ManualClock) {
    this.server = new OCPPServer<'ocpp1.6'>({ protocols: ['ocpp1.6'], validators, clock });
    this.server.on('client', (c) => {
      this.connection = c;
    });
    const record = (action: string) => (ctx: { params: unknown }) => {
      this.received.push({ action, params: ctx.params as Record<string, unknown>, atMs: clock.now() });
    };
    const now = () => new Date(clock.now()).toISOString();
    const info = (idTag: string) => ({
      status: this.behaviour.refused.has(idTag) ? ('Invalid' as const) : ('Accepted' as const),
    });
    const s = this.server;
    s.handle('BootNotification', (ctx) => {
      record('BootNotification')(ctx);
      return { status: this.behaviour.boot, interval: this.behaviour.bootIntervalS, currentTime: now() };
    });
    s.handle('Heartbeat', (ctx) => {
      record('Heartbeat')(ctx);
      return { currentTime: now() };
    });
    s.handle('StatusNotification', (ctx) => {
      record('StatusNotification')(ctx);
      return {};
    });
    s.handle('Authorize', (ctx) => {
      record('Authorize')(ctx);
      return { idTagInfo: info(ctx.params.idTag) };
    });
    s.handle('StartTransaction', (ctx) => {
      record('StartTransaction')(ctx);
      if (!this.behaviour.answerStart) throw new Error('not now');
      return { transactionId: this.#nextTx++, idTagInfo: info(ctx.params.idTag) };
    });
    s.handle('StopTransaction', (ctx) => {
      record('StopTransaction')(ctx);
      const { idTag } = ctx.params;
      return idTag ? { idTagInfo: info(idTag) } : {};
    });
    s.handle('MeterValues', (ctx) => {
      record('MeterValues')(ctx);
      return {};
    });
    s.handle('DiagnosticsStatusNotification', (ctx) => {
      record('DiagnosticsStatusNotification')(ctx);
      return {};
    });
    s.handle('FirmwareStatusNotification', (ctx) => {
      record('FirmwareStatusNotification')(ctx);
      return {};
    });
    s.handle('SignedFirmwareStatusNotification', (ctx) => {
      record('SignedFirmwareStatusNotification')(ctx);
      return {};
    });
    s.handle('LogStatusNotification', (ctx) => {
      record('LogStatusNotification')(ctx);
      return {};
    });
    s.handle('SecurityEventNotification', (ctx) => {
      record('SecurityEventNotification')(ctx);
      return {};
    });
    s.handle('SignCertificate', (ctx) => {
      record('SignCertificate')(ctx);
      return { status: 'Accepted' };
    });
    s.handle('DataTransfer', (ctx) => {
      record('DataTransfer')(ctx);
      return { status: 'UnknownVendorId' };
    });
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
  call<A extends CallActionName<'ocpp1.6'>>(
    action: A,
    params: RequestOf<'ocpp1.6', A>,
  ): Promise<ResponseOf<'ocpp1.6', A>> {
    if (!this.connection) throw new Error('no station connected');
    return this.connection.call(action, params);
  }
}

export interface Rig {
  readonly clock: ManualClock;
  readonly csms: MemoryCsms;
  readonly client: OCPPClient<'ocpp1.6'>;
  readonly station: VirtualStation<'ocpp1.6'>;
  readonly network: NetworkSwitch;
  readonly durable: DurableLane;
  readonly store: MemoryMessageStore;
}

export interface RigOptions extends Partial<Omit<VirtualStationOptions, 'client'>> {
  readonly clock?: ManualClock;
  readonly csms?: MemoryCsms;
  readonly store?: MemoryMessageStore;
  readonly persistence?: StationPersistence;
  readonly start?: boolean;
}

/** A station on an in-memory client, connected to `csms`, started unless `start: false`. */
export async function rig(options: RigOptions = {}): Promise<Rig> {
  const clock = options.clock ?? new ManualClock(T0);
  const csms = options.csms ?? new MemoryCsms(clock);
  const store = options.store ?? new MemoryMessageStore();
  const durable = stationDurable({ store, retryIntervalMs: 1_000 });
  const network = new NetworkSwitch(connectInMemory(csms.server));
  const client = new OCPPClient<'ocpp1.6'>({
    endpoint: 'ws://csms.test/ocpp',
    identity: 'CP-1',
    protocols: ['ocpp1.6'],
    validators,
    connector: network.connector,
    clock,
    durable,
    random: () => 0,
  });
  const { start = true, ...rest } = options;
  const station = new VirtualStation({
    vendor: 'Acme',
    model: 'Sim-1',
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

/** Errors stations reported (tests assert there are none they did not expect). */
export const errors: Error[] = [];

/** Status notifications of a connector, in order. */
export function statuses(csms: MemoryCsms, connectorId: number): string[] {
  return csms
    .of('StatusNotification')
    .filter((r) => r.params.connectorId === connectorId)
    .map((r) => String(r.params.status));
}
