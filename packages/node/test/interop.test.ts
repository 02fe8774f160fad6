// Interop with an independent implementation (ocpp-rpc from npm) over 127.0.0.1, both
// directions: our client against its server, its client against our server.
import { afterEach, describe, expect, it } from 'vitest';
import { OCPPClient, OCPPServer } from '../src/index.js';

// ocpp-rpc ships no types for this use; a narrow local view of what we call.
interface RpcPeer {
  call(method: string, params: unknown): Promise<unknown>;
  handle(method: string, handler: (ctx: { params: Record<string, unknown> }) => unknown): void;
  connect(): Promise<unknown>;
  close(options?: { code?: number; force?: boolean }): Promise<unknown>;
  protocol: string;
}
interface RpcServerLike {
  on(event: 'client', listener: (client: RpcPeer) => void): void;
  listen(port: number, host: string): Promise<{ address(): { port: number } }>;
  close(options?: { force?: boolean }): Promise<unknown>;
}
const { RPCServer, RPCClient } = (await import('ocpp-rpc')) as unknown as {
  RPCServer: new (options: Record<string, unknown>) => RpcServerLike;
  RPCClient: new (options: Record<string, unknown>) => RpcPeer;
};

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const now = () => new Date().toISOString();
// Per version: a boot request, its answer, and a CSMS → station call with its answer.
const SCRIPT = {
  'ocpp1.6': {
    boot: { chargePointVendor: 'Acme', chargePointModel: 'X1' },
    bootConf: () => ({ status: 'Accepted' as const, currentTime: now(), interval: 300 }),
    remote: ['RemoteStartTransaction', { idTag: 'TAG-1', connectorId: 1 }],
    remoteConf: { status: 'Accepted' },
  },
  'ocpp2.0.1': {
    boot: { reason: 'PowerUp', chargingStation: { model: 'X1', vendorName: 'Acme' } },
    bootConf: () => ({ status: 'Accepted' as const, currentTime: now(), interval: 300 }),
    remote: [
      'RequestStartTransaction',
      { idToken: { idToken: 'TAG-1', type: 'ISO14443' }, remoteStartId: 7 },
    ],
    remoteConf: { status: 'Accepted' },
  },
  'ocpp2.1': {
    boot: { reason: 'PowerUp', chargingStation: { model: 'X1', vendorName: 'Acme' } },
    bootConf: () => ({ status: 'Accepted' as const, currentTime: now(), interval: 300 }),
    remote: [
      'RequestStartTransaction',
      { idToken: { idToken: 'TAG-1', type: 'ISO14443' }, remoteStartId: 7 },
    ],
    remoteConf: { status: 'Accepted' },
  },
} as const;
type Version = keyof typeof SCRIPT;
const VERSIONS = Object.keys(SCRIPT) as Version[];
// ocpp-rpc cannot validate 2.1, so its strict mode covers 1.6 and 2.0.1 only.
const peerStrict = ['ocpp1.6', 'ocpp2.0.1'];

describe('our Node client → ocpp-rpc server', () => {
  for (const version of VERSIONS) {
    it(`boots and answers a CSMS call over ${version} (strict on our side${version === 'ocpp2.1' ? '' : ' and theirs'})`, async () => {
      const s = SCRIPT[version];
      const server = new RPCServer({ protocols: [version], strictMode: peerStrict });
      const remoteResult = new Promise<unknown>((resolve, reject) => {
        server.on('client', (peer) => {
          peer.handle('BootNotification', () => {
            // Call back once the station booted, from the CSMS side.
            setTimeout(() => peer.call(s.remote[0], s.remote[1]).then(resolve, reject), 0);
            return s.bootConf();
          });
        });
      });
      const http = await server.listen(0, '127.0.0.1');
      cleanups.push(() => server.close({ force: true }));
      const client = new OCPPClient({
        endpoint: `ws://127.0.0.1:${http.address().port}`,
        identity: 'CP-IOP',
        protocols: [version],
      });
      cleanups.push(() => client.close());
      client.handle(s.remote[0] as never, (() => s.remoteConf) as never);
      await expect(client.connect()).resolves.toEqual({ protocol: version });
      await expect(client.call('BootNotification', s.boot as never)).resolves.toMatchObject({
        status: 'Accepted',
      });
      await expect(remoteResult).resolves.toEqual(s.remoteConf);
    });
  }
});

describe('ocpp-rpc client → our Node server', () => {
  for (const version of VERSIONS) {
    it(`boots and answers a CSMS call over ${version} (strict on our side${version === 'ocpp2.1' ? '' : ' and theirs'})`, async () => {
      const s = SCRIPT[version];
      const server = new OCPPServer({ protocols: [version], path: '/ocpp' });
      const remoteResult = new Promise<unknown>((resolve, reject) => {
        server.on('client', (station) => {
          station.handle('BootNotification', (() => {
            setTimeout(
              () => station.call(s.remote[0] as never, s.remote[1] as never).then(resolve, reject),
              0,
            );
            return s.bootConf();
          }) as never);
        });
      });
      const { url } = await server.listen({ port: 0 });
      cleanups.push(() => server.close());
      const peer = new RPCClient({
        endpoint: url,
        identity: 'CP-IOP',
        protocols: [version],
        strictMode: peerStrict,
        reconnect: false,
      });
      cleanups.push(() => peer.close({ force: true }));
      peer.handle(s.remote[0], () => s.remoteConf);
      await peer.connect();
      expect(peer.protocol).toBe(version);
      await expect(peer.call('BootNotification', s.boot)).resolves.toMatchObject({ status: 'Accepted' });
      await expect(remoteResult).resolves.toEqual(s.remoteConf);
    });
  }

  it('answers a schema violation from ocpp-rpc (strict off on its side) with the 1.6 code', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
    server.on('client', (station) => station.handle('BootNotification', () => SCRIPT['ocpp1.6'].bootConf()));
    const { url } = await server.listen({ port: 0 });
    cleanups.push(() => server.close());
    const peer = new RPCClient({
      endpoint: url,
      identity: 'CP-BAD',
      protocols: ['ocpp1.6'],
      reconnect: false,
    });
    cleanups.push(() => peer.close({ force: true }));
    await peer.connect();
    const error = await peer.call('BootNotification', { chargePointVendor: 'Acme' }).catch((e: unknown) => e);
    // ocpp-rpc surfaces the CALLERROR code as `rpcErrorCode`.
    expect(error).toMatchObject({ rpcErrorCode: 'OccurenceConstraintViolation' });
  });
});
