// relayConnector end to end in Node: Node OCPPClients whose connector is the relay's, a real relay
// (startRelay) and a Node OCPPServer, all on 127.0.0.1. One link carries every station; the
// client sees the CSMS's subprotocol, close codes and refusals (with the HTTP status); a lost
// link makes every station reconnect, and the link reopens; an aborted attempt frees its channel.

import { createServer, type Server } from 'node:net';
import {
  ConnectError,
  nodeConnector,
  OCPPClient,
  OCPPServer,
  type StationConnection,
  startRelay,
} from '@ocpp-ws-io/node';
import { startWsServer } from '@ocpp-ws-io/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Fleet, type RelayConnector, relayConnector } from '../../src/index.js';

const PASSWORD = 'relay-connector-pw-16';
const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function until(ok: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rig(protocols: Array<'ocpp1.6' | 'ocpp2.0.1'> = ['ocpp1.6']) {
  const server = new OCPPServer<'ocpp1.6' | 'ocpp2.0.1'>({ protocols, path: '/ocpp' });
  const stations: StationConnection<'ocpp1.6' | 'ocpp2.0.1'>[] = [];
  const closes: Array<{ identity: string; code: number }> = [];
  server.auth(({ password }) => password === PASSWORD || { accept: false, status: 401 });
  server.on('client', (station) => {
    stations.push(station);
    station.on('close', ({ code }) => closes.push({ identity: station.identity, code }));
  });
  server.handle('BootNotification', () => ({
    currentTime: new Date().toISOString(),
    interval: 300,
    status: 'Accepted',
  }));
  server.handle('StatusNotification', () => ({}));
  server.handle('SecurityEventNotification', () => ({}));
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  cleanup.push(() => server.close());
  const relay = await startRelay({ allowedTargets: [url] });
  cleanup.push(() => relay.close());
  const connector = relayConnector({ url: relay.url, connector: nodeConnector() });
  cleanup.push(() => connector.close());
  const client = (identity: string, extra: Partial<ConstructorParameters<typeof OCPPClient>[0]> = {}) => {
    const c = new OCPPClient({
      endpoint: url,
      identity,
      protocols: ['ocpp1.6'],
      password: PASSWORD,
      connector,
      reconnect: { waitMinimumMs: 10, randomRangeMs: 10 },
      ...extra,
    });
    cleanup.push(() => c.close());
    return c;
  };
  return { server, url, relay, connector, stations, closes, client };
}

describe('relayConnector', () => {
  it('many stations share one link; each is its own connection at the CSMS, with its credentials', async () => {
    const { relay, connector, stations, client } = await rig();
    const clients = Array.from({ length: 20 }, (_, i) => client(`CP-${i + 1}`));
    await Promise.all(clients.map((c) => c.connect()));
    const boots = await Promise.all(
      clients.map((c) =>
        c.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Relay' }),
      ),
    );
    expect(boots.every((b) => b.status === 'Accepted')).toBe(true);
    expect(relay.links).toBe(1);
    expect(relay.stations).toBe(20);
    expect(connector.channels).toBe(20);
    expect(stations.map((s) => s.identity).sort()).toEqual(clients.map((c) => c.identity).sort());
    expect(stations.every((s) => s.handshake.password === PASSWORD)).toBe(true);
  });

  it('the client sees the subprotocol the CSMS chose', async () => {
    const { client, stations } = await rig(['ocpp2.0.1', 'ocpp1.6']);
    const c = client('CP-1', { protocols: ['ocpp1.6', 'ocpp2.0.1'] });
    expect(await c.connect()).toEqual({ protocol: 'ocpp2.0.1' });
    await until(() => stations.length === 1);
    expect(stations[0]!.protocol).toBe('ocpp2.0.1');
  });

  it('a refused handshake fails connect() with the HTTP status, and retrying is off the table', async () => {
    const { client } = await rig();
    const c = client('CP-1', { password: 'wrong-password-0000' });
    const error = await c.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect((error as Error).message).toBe('Relay: CSMS refused the WebSocket upgrade: HTTP 401');
  });

  it('a target the relay may not reach fails connect() (not retryable), naming why', async () => {
    const { url, connector } = await rig();
    const c = new OCPPClient({ endpoint: url.replace('/ocpp', '/other'), identity: 'CP-1', connector });
    cleanup.push(() => c.close());
    await expect(c.connect()).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/not an allowed target/),
    });
  });

  it('close codes travel both ways', async () => {
    const { client, stations, closes } = await rig();
    const a = client('CP-A');
    const b = client('CP-B');
    await a.connect();
    await b.connect();
    await until(() => stations.length === 2);
    const lost = new Promise((resolve) => a.on('disconnect', resolve));
    await stations.find((s) => s.identity === 'CP-A')!.close(4100, 'go away');
    expect(await lost).toEqual({ code: 4100, reason: 'go away' });
    await b.close(4001, 'bye');
    await until(() => closes.some((c) => c.identity === 'CP-B'));
    expect(closes.find((c) => c.identity === 'CP-B')!.code).toBe(4001);
  });

  it('a binary frame from the CSMS closes the station with 1003, unread, as over its own socket (OCPP-J 1.6 §4.1.2; RFC 6455 §7.4.1)', async () => {
    const seen: number[] = [];
    const csms = await startWsServer({
      protocols: ['ocpp1.6'],
      onConnection: (ws) => {
        ws.on('close', (code) => seen.push(code));
        ws.send(Buffer.from('[2,"bin1","Reset",{"type":"Soft"}]'), { binary: true });
      },
    });
    cleanup.push(() => csms.close());
    const relay = await startRelay({ allowedTargets: [csms.url] });
    cleanup.push(() => relay.close());
    const connector = relayConnector({ url: relay.url, connector: nodeConnector() });
    cleanup.push(() => connector.close());
    const c = new OCPPClient({
      endpoint: csms.url,
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      connector,
      reconnect: false,
    });
    cleanup.push(() => c.close());
    let called = false;
    c.handle('Reset', () => {
      called = true;
      return { status: 'Accepted' };
    });
    const closed = new Promise<{ code: number }>((resolve) => c.on('close', resolve));
    await c.connect();
    expect((await closed).code).toBe(1003);
    await until(() => seen.length === 1);
    expect(seen).toEqual([1003]);
    expect(called).toBe(false);
  });

  it('a lost link: every station sees 1006 and reconnects; the link reopens', async () => {
    const { relay, connector, stations, client } = await rig();
    const clients = [client('CP-1'), client('CP-2')];
    await Promise.all(clients.map((c) => c.connect()));
    const lost = clients.map((c) => new Promise((resolve) => c.on('disconnect', resolve)));
    (connector as RelayConnector).close();
    expect(await Promise.all(lost)).toEqual([
      { code: 1006, reason: '' },
      { code: 1006, reason: '' },
    ]);
    await until(() => clients.every((c) => c.state === 'open'));
    expect(relay.links).toBe(1);
    expect(stations).toHaveLength(4);
  });

  it('no relay listening: connect() fails with a retryable ConnectError', async () => {
    const c = new OCPPClient({
      endpoint: 'ws://127.0.0.1:1/ocpp',
      identity: 'CP-1',
      connector: relayConnector({ url: 'ws://127.0.0.1:1/', connector: nodeConnector() }),
    });
    await expect(c.connect()).rejects.toMatchObject({ name: 'ConnectError', retryable: true });
  });

  it('a connect that times out frees its channel at the relay', async () => {
    // A CSMS that accepts TCP, reads the handshake and never answers it.
    const silent: Server = createServer((socket) => socket.resume());
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => silent.close(r)));
    const target = `ws://127.0.0.1:${(silent.address() as { port: number }).port}/ocpp`;
    const relay = await startRelay({ allowedTargets: [target] });
    cleanup.push(() => relay.close());
    const connector = relayConnector({ url: relay.url, connector: nodeConnector() });
    cleanup.push(() => connector.close());
    const c = new OCPPClient({ endpoint: target, identity: 'CP-1', connector, connectTimeoutMs: 200 });
    await expect(c.connect()).rejects.toThrow(/No connection within 200 ms/);
    await until(() => relay.stations === 0 && connector.channels === 0);
    expect(relay.links).toBe(1);
  });

  it('a fleet runs over one link', async () => {
    const { url, relay, connector } = await rig();
    const fleet = new Fleet({
      size: 30,
      staggerMs: 2,
      client: (identity) =>
        new OCPPClient({ endpoint: url, identity, protocols: ['ocpp1.6'], password: PASSWORD, connector }),
      station: { vendor: 'Acme', model: 'Relay' },
    });
    cleanup.push(() => fleet.stop());
    expect(await fleet.start()).toEqual({ started: 30, failed: 0 });
    expect(fleet.summary()).toMatchObject({ online: 30, booted: 30 });
    expect(relay.links).toBe(1);
    expect(relay.stations).toBe(30);
  });
});
