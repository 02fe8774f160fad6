// An in-memory CSMS for fleet tests: a strict OCPP 1.6 OCPPServer on the test's ManualClock that
// records, per identity, what each station sent and when, and can be told to refuse identities
// or to answer BootNotification late.

import { connectInMemory, OCPPClient, OCPPServer } from '@ocpp-ws-io/core';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { Fleet, type FleetOptions, type ManualClock } from '../../../src/index.js';

export const validators = { 'ocpp1.6': v16 } as const;
/** 2025-03-01T10:00:00Z: tests start at a fixed moment. */
export const T0 = Date.parse('2025-03-01T10:00:00.000Z');

export interface Seen {
  readonly identity: string;
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly atMs: number;
}

export class FleetCsms {
  readonly server: OCPPServer<'ocpp1.6'>;
  readonly seen: Seen[] = [];
  /** Identities whose handshake is refused with 401. */
  readonly refused = new Set<string>();
  /** Actions the CSMS answers with a CALLERROR (InternalError). */
  readonly failing = new Set<string>();
  /** Virtual ms the CSMS takes to answer a BootNotification. */
  bootDelayMs = 0;
  heartbeatIntervalS = 300;
  #nextTx = 1;

  constructor(readonly clock: ManualClock) {
    const server = new OCPPServer<'ocpp1.6'>({ protocols: ['ocpp1.6'], validators, clock });
    this.server = server;
    server.auth(({ identity }) => (this.refused.has(identity) ? { accept: false, status: 401 } : true));
    const now = () => new Date(clock.now()).toISOString();
    const record = (identity: string, action: string, params: unknown) => {
      this.seen.push({ identity, action, params: params as Record<string, unknown>, atMs: clock.now() });
      if (this.failing.has(action)) throw new Error(`${action} fails on purpose`);
    };
    server.on('client', (station) => {
      const id = station.identity;
      station.handle('BootNotification', async ({ params }) => {
        record(id, 'BootNotification', params);
        if (this.bootDelayMs > 0) await new Promise<void>((r) => clock.setTimeout(r, this.bootDelayMs));
        return { status: 'Accepted', interval: this.heartbeatIntervalS, currentTime: now() };
      });
      station.handle('Heartbeat', ({ params }) => {
        record(id, 'Heartbeat', params);
        return { currentTime: now() };
      });
      station.handle('StatusNotification', ({ params }) => {
        record(id, 'StatusNotification', params);
        return {};
      });
      station.handle('SecurityEventNotification', ({ params }) => {
        record(id, 'SecurityEventNotification', params);
        return {};
      });
      station.handle('Authorize', ({ params }) => {
        record(id, 'Authorize', params);
        return { idTagInfo: { status: params.idTag.startsWith('BAD') ? 'Invalid' : 'Accepted' } };
      });
      station.handle('StartTransaction', ({ params }) => {
        record(id, 'StartTransaction', params);
        const status = params.idTag.startsWith('BAD') ? 'Invalid' : 'Accepted';
        return { transactionId: this.#nextTx++, idTagInfo: { status } };
      });
      station.handle('StopTransaction', ({ params }) => {
        record(id, 'StopTransaction', params);
        return {};
      });
      station.handle('MeterValues', ({ params }) => {
        record(id, 'MeterValues', params);
        return {};
      });
    });
  }

  /** What was received of `action`, in order. */
  of(action: string): Seen[] {
    return this.seen.filter((s) => s.action === action);
  }
}

/** An in-memory client of `csms` on its clock. */
export function memoryClient(csms: FleetCsms, identity: string): OCPPClient<'ocpp1.6'> {
  return new OCPPClient<'ocpp1.6'>({
    endpoint: 'ws://csms.test/ocpp',
    identity,
    protocols: ['ocpp1.6'],
    validators,
    connector: connectInMemory(csms.server),
    clock: csms.clock,
    random: () => 0,
  });
}

/** A fleet of in-memory clients on `csms`, all on its clock; `options` override the defaults. */
export function memoryFleet(
  csms: FleetCsms,
  options: Partial<FleetOptions<'ocpp1.6'>> & { readonly size: number },
): Fleet<'ocpp1.6'> {
  return new Fleet<'ocpp1.6'>({
    clock: csms.clock,
    client: (identity) => memoryClient(csms, identity),
    station: { vendor: 'Acme', model: 'Sim-1', securityEvents: false },
    ...options,
  });
}
