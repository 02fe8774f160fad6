// Interop with ocpp-rpc@2.2.1, an independent OCPP-J implementation (Node), against our Deno
// adapter running in a real `deno` process, over 127.0.0.1.
import type { AddressInfo } from 'node:net';
import type { RunningDeno } from '@ocpp-ws-io/test-utils';
import * as ocppRpc from 'ocpp-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, runFixture, startFixture } from './helpers/deno-run.js';

const PASSWORD = 'interop-secret-1234';

// ocpp-rpc's bundled .d.ts types options and handlers too narrowly for plain objects (its
// RPC_ClientOptions lists every field as required); these are the parts its README documents.
interface RpcPeer {
  readonly protocol: string;
  readonly identity: string;
  handle(method: string, handler: (call: { params: unknown }) => unknown): void;
  call(method: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (arg: unknown) => void): void;
  connect(): Promise<unknown>;
  close(options: { code?: number; force?: boolean }): Promise<unknown>;
}
interface RpcServerLike {
  auth(
    callback: (
      accept: () => void,
      reject: (status: number) => void,
      handshake: { password?: Buffer },
    ) => void,
  ): void;
  on(event: 'client', listener: (client: RpcPeer) => void): void;
  listen(port: number, host: string): Promise<{ address(): unknown }>;
  close(options: { force?: boolean }): Promise<void>;
}
const { RPCClient, RPCServer } = ocppRpc as unknown as {
  RPCClient: new (options: Record<string, unknown>) => RpcPeer;
  RPCServer: new (options: Record<string, unknown>) => RpcServerLike;
};

const bootRequest = (protocol: string) =>
  protocol === 'ocpp1.6'
    ? { chargePointVendor: 'ocpp-rpc', chargePointModel: 'interop' }
    : { reason: 'PowerUp', chargingStation: { vendorName: 'ocpp-rpc', model: 'interop' } };

describe('ocpp-rpc RPCClient (Node) → Deno OCPPServer', () => {
  let deno: RunningDeno;

  beforeAll(async () => {
    deno = await startFixture('server.js', {
      protocols: ['ocpp2.1', 'ocpp2.0.1', 'ocpp1.6'],
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await deno?.stop();
  });

  // ocpp-rpc validates 1.6 and 2.0.1; its 2.1 run goes with its validation off (our side stays strict).
  for (const [protocol, strictMode, reset] of [
    ['ocpp1.6', true, { type: 'Soft' }],
    ['ocpp2.0.1', true, { type: 'Immediate' }],
    ['ocpp2.1', false, { type: 'Immediate' }],
  ] as const) {
    it(`${protocol}: boot, then the CSMS-initiated Reset (ocpp-rpc strictMode ${strictMode})`, async () => {
      const identity = `RPC-${protocol.replace(/\W/g, '')}`;
      const client = new RPCClient({
        endpoint: `ws://127.0.0.1:${deno.port}/ocpp`,
        identity,
        protocols: [protocol],
        password: PASSWORD,
        strictMode,
        reconnect: false,
        callTimeoutMs: 5_000,
      });
      const failures: unknown[] = [];
      client.on('strictValidationFailure', (failure) => failures.push(failure));
      const resetParams = new Promise((resolve) =>
        client.handle('Reset', ({ params }) => {
          resolve(params);
          return { status: 'Accepted' };
        }),
      );
      try {
        await client.connect();
        expect(client.protocol).toBe(protocol);
        expect(await client.call('BootNotification', bootRequest(protocol))).toMatchObject({
          status: 'Accepted',
        });
        expect(await resetParams).toEqual(reset);
        expect(
          await nextEvent(deno, (e) => e.type === 'callResult' && e.identity === identity),
        ).toMatchObject({
          result: { status: 'Accepted' },
        });
        expect(failures).toEqual([]);
      } finally {
        await client.close({ code: 1000 });
      }
    });
  }
});

describe('Deno OCPPClient → ocpp-rpc RPCServer (Node)', () => {
  let server: RpcServerLike;
  let url: string;
  const resets: unknown[] = [];
  const failures: unknown[] = [];

  beforeAll(async () => {
    server = new RPCServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], strictMode: true });
    server.auth(
      (
        accept: (session?: unknown) => void,
        reject: (code: number) => void,
        handshake: { password?: Buffer },
      ) => {
        if (handshake.password?.toString('utf8') === PASSWORD) accept();
        else reject(401);
      },
    );
    server.on('client', (client) => {
      client.on('strictValidationFailure', (failure) => failures.push(failure));
      client.handle('BootNotification', () => {
        setTimeout(() => {
          const params = client.protocol === 'ocpp1.6' ? { type: 'Soft' } : { type: 'Immediate' };
          client.call('Reset', params).then((result) => resets.push({ identity: client.identity, result }));
        }, 0);
        return { status: 'Accepted', interval: 300, currentTime: new Date().toISOString() };
      });
      client.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
    });
    const http = await server.listen(0, '127.0.0.1');
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ocpp`;
  });
  afterAll(async () => {
    await server?.close({ force: true });
  });

  for (const [protocol, reset] of [
    ['ocpp1.6', { type: 'Soft' }],
    ['ocpp2.0.1', { type: 'Immediate' }],
  ] as const) {
    it(`${protocol}: boot, Reset answered, Heartbeat (both sides strict)`, async () => {
      const identity = `DENO-${protocol.replace(/\W/g, '')}`;
      const result = await runFixture('client.js', {
        url,
        identity,
        protocols: [protocol],
        password: PASSWORD,
      });
      expect(result).toMatchObject({ protocol, boot: { status: 'Accepted' }, reset, close: { code: 1000 } });
      expect(resets).toContainEqual({ identity, result: { status: 'Accepted' } });
      expect(failures).toEqual([]);
    });
  }
});
