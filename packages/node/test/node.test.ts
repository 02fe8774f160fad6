// The Node adapter over real sockets on 127.0.0.1: handshake outcomes on the wire, subprotocol
// negotiation, calls both ways, limits and keep-alive.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { rawUpgrade } from '@ocpp-ws-io/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ConnectError, OCPPClient, OCPPServer, type StationConnection } from '../src/index.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function csms(options: ConstructorParameters<typeof OCPPServer>[0] = {}) {
  const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp', ...options });
  const stations: StationConnection[] = [];
  server.on('client', (station) => {
    stations.push(station);
    station.handle('BootNotification', () => ({
      currentTime: new Date().toISOString(),
      interval: 300,
      status: 'Accepted',
    }));
    station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
  });
  const { url, port } = await server.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => server.close());
  return { server, url, port, stations };
}

function client(url: string, options: Partial<ConstructorParameters<typeof OCPPClient>[0]> = {}) {
  const c = new OCPPClient({ endpoint: url, identity: 'CP-1', protocols: ['ocpp1.6'], ...options });
  cleanups.push(() => c.close());
  return c;
}

/** Raw upgrade attempt: the HTTP status the server answered (101 when it upgraded). */
function upgradeStatus(url: string, protocols: string[], headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      resolve({ status: 101, headers: { 'sec-websocket-protocol': ws.protocol } });
      ws.close();
    });
    ws.on('error', (e) => (e.message.includes('Unexpected server response') ? undefined : reject(e)));
  });
}

describe('Node client ↔ Node server over 127.0.0.1', () => {
  it('boots over 1.6, and the CSMS calls the station back', async () => {
    const { url, stations } = await csms();
    const c = client(url);
    c.handle('RemoteStartTransaction', ({ params }) => ({
      status: params.idTag === 'TAG' ? 'Accepted' : 'Rejected',
    }));
    await expect(c.connect()).resolves.toEqual({ protocol: 'ocpp1.6' });
    await expect(
      c.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' }),
    ).resolves.toMatchObject({
      status: 'Accepted',
    });
    const station = stations[0]!;
    expect(station.identity).toBe('CP-1');
    expect(station.handshake.remoteAddress).toMatch(/127\.0\.0\.1/);
    await expect(station.call('RemoteStartTransaction', { idTag: 'TAG' })).resolves.toEqual({
      status: 'Accepted',
    });
  });

  it('exposes the request headers, case-insensitively, to auth and on the station for its whole life', async () => {
    const { server, url, stations } = await csms({ protocols: ['ocpp1.6'] });
    let inAuth: Array<string | null> = [];
    server.auth(({ headers }) => {
      inAuth = [headers.get('X-Tenant'), headers.get('sec-websocket-protocol'), headers.get('x-absent')];
      return true;
    });
    const c = client(url, { headers: { 'X-Tenant': 'acme' } });
    await c.connect();
    expect(inAuth).toEqual(['acme', 'ocpp1.6', null]);
    const { headers } = stations[0]!.handshake;
    expect([headers.get('x-tenant'), headers.get('X-TENANT'), headers.get('x-absent')]).toEqual([
      'acme',
      'acme',
      null,
    ]);
  });

  it('negotiates in the server preference order (OCPP-J 2.0.1 §3.1.2)', async () => {
    const { url, stations } = await csms({ protocols: ['ocpp2.0.1', 'ocpp1.6'] });
    const c = client(url, { protocols: ['ocpp1.6', 'ocpp2.0.1'] });
    await expect(c.connect()).resolves.toEqual({ protocol: 'ocpp2.0.1' });
    expect(stations[0]!.protocol).toBe('ocpp2.0.1');
  });

  it('percent-encodes the identity in the URL and the server decodes it', async () => {
    const { url, stations } = await csms({ protocols: ['ocpp1.6'] });
    const c = client(url, { identity: 'RDAM 123 ü' });
    expect(c.url).toBe(`${url}/RDAM%20123%20%C3%BC`);
    await c.connect();
    expect(stations[0]!.identity).toBe('RDAM 123 ü');
  });

  it('answers 401 with a Basic challenge, 404 off the path, and 101-without-subprotocol-then-close when none is common (OCPP-J 2.0.1 §3.2)', async () => {
    const { server, port } = await csms({ protocols: ['ocpp2.0.1'] });
    server.auth(({ password }) => password === 'sixteen-chars-pw');
    const base = `ws://127.0.0.1:${port}`;
    const denied = await upgradeStatus(`${base}/ocpp/CP-1`, ['ocpp2.0.1']);
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Basic realm="ocpp"/);
    expect((await upgradeStatus(`${base}/elsewhere/CP-1`, ['ocpp2.0.1'])).status).toBe(404);
    // `path` is the whole directory of the identity, not a string prefix.
    expect((await upgradeStatus(`${base}/ocppx/CP-1`, ['ocpp2.0.1'])).status).toBe(404);
    expect((await upgradeStatus(`${base}/ocpp/sub/CP-1`, ['ocpp2.0.1'])).status).toBe(404);
    const auth = { Authorization: `Basic ${Buffer.from('CP-1:sixteen-chars-pw').toString('base64')}` };
    expect(await rawUpgrade(`${base}/ocpp/CP-1`, { protocols: 'ocpp1.6', headers: auth })).toMatchObject({
      status: 101,
      protocol: undefined,
      closeCode: 1002,
    });
    const ok = await upgradeStatus(`${base}/ocpp/CP-1`, ['ocpp1.6', 'ocpp2.0.1'], auth);
    expect(ok).toEqual({ status: 101, headers: { 'sec-websocket-protocol': 'ocpp2.0.1' } });
  });

  it('writes no header a configured value smuggles in with CR/LF (HTTP response splitting)', async () => {
    const { server, port } = await csms({ protocols: ['ocpp2.0.1'], authRealm: 'ocpp\r\nX-Injected: yes' });
    server.auth(() => false);
    const denied = await upgradeStatus(`ws://127.0.0.1:${port}/ocpp/CP-1`, ['ocpp2.0.1']);
    expect(denied.status).toBe(401);
    expect(denied.headers['x-injected']).toBeUndefined();
    expect(denied.headers['www-authenticate']).toBe('Basic realm="ocpp X-Injected: yes", charset="UTF-8"');
  });

  it('answers a CALL the CSMS wrote in the same TCP segment as its 101 (before the engine is bound)', async () => {
    // A hand-written CSMS: the 101 and a Reset CALL leave in one write, so the client's socket
    // has the frame the moment it opens, before connect() resolves and the engine attaches.
    let reply: (text: string) => void;
    const replied = new Promise<string>((resolve) => {
      reply = resolve;
    });
    const tcp = createNetServer((socket) => {
      let received = Buffer.alloc(0);
      let upgraded = false;
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (!upgraded) {
          const head = received.toString('latin1');
          if (!head.includes('\r\n\r\n')) return;
          upgraded = true;
          received = Buffer.alloc(0);
          const key = /sec-websocket-key: *([^\r]+)/i.exec(head)?.[1] ?? '';
          const accept = createHash('sha1')
            .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
            .digest('base64');
          const call = Buffer.from(JSON.stringify([2, 'c1', 'Reset', { type: 'Soft' }]));
          socket.write(
            Buffer.concat([
              Buffer.from(
                'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
                  `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n`,
                'latin1',
              ),
              Buffer.from([0x81, call.length]), // FIN + text, unmasked (server → client), < 126 bytes
              call,
            ]),
          );
          return;
        }
        // The client's frame: masked, a short payload (< 126 bytes).
        if (received.length < 2) return;
        const length = received[1]! & 0x7f;
        if (received.length < 6 + length) return;
        const mask = received.subarray(2, 6);
        const payload = received.subarray(6, 6 + length).map((b, i) => b ^ mask[i % 4]!);
        reply(Buffer.from(payload).toString('utf8'));
        socket.destroy();
      });
    });
    await new Promise<void>((ok) => tcp.listen(0, '127.0.0.1', ok));
    cleanups.push(() => new Promise((ok) => tcp.close(ok)));
    const { port } = tcp.address() as AddressInfo;
    const c = client(`ws://127.0.0.1:${port}/ocpp`, { reconnect: false, pingIntervalMs: 0 });
    c.handle('Reset', () => ({ status: 'Accepted' }));
    await c.connect();
    expect(JSON.parse(await replied)).toEqual([3, 'c1', { status: 'Accepted' }]);
  });

  it('connects with Basic auth and reports a refusal as a non-retryable ConnectError', async () => {
    const { server, url } = await csms({ protocols: ['ocpp1.6'] });
    server.auth(({ identity, password }) => identity === 'CP-1' && password === 'correct-password');
    await expect(client(url, { password: 'correct-password' }).connect()).resolves.toEqual({
      protocol: 'ocpp1.6',
    });
    const error = await client(url, { identity: 'CP-1', password: 'wrong-password-00' })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ status: 401, retryable: false });
  });

  it('refuses a server that echoes no subprotocol', async () => {
    const http = createServer();
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({ server: http, handleProtocols: () => false });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    cleanups.push(
      () => new Promise((r) => http.close(r)),
      () => wss.close(),
    );
    const { port } = http.address() as AddressInfo;
    const error = await client(`ws://127.0.0.1:${port}/ocpp`)
      .connect()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ConnectFailed', retryable: false });
  });

  it('answers a strict-mode violation from the station with the right CALLERROR over the wire', async () => {
    const { url } = await csms({ protocols: ['ocpp1.6'] });
    const raw = new WebSocket(`${url}/CP-9`, ['ocpp1.6']);
    cleanups.push(() => raw.terminate());
    await new Promise((r) => raw.once('open', r));
    const reply = new Promise<string>((r) => raw.once('message', (d) => r(d.toString())));
    raw.send(JSON.stringify([2, 'v1', 'BootNotification', { chargePointVendor: 'Acme' }]));
    const [type, id, code] = JSON.parse(await reply) as [number, string, string];
    expect([type, id, code]).toEqual([4, 'v1', 'OccurenceConstraintViolation']);
  });

  it('closes with 1009 on a frame above maxFrameBytes', async () => {
    const { url } = await csms({ protocols: ['ocpp1.6'], maxFrameBytes: 1000 });
    const raw = new WebSocket(`${url}/CP-9`, ['ocpp1.6']);
    cleanups.push(() => raw.terminate());
    await new Promise((r) => raw.once('open', r));
    const closed = new Promise<number>((r) => raw.once('close', (code) => r(code)));
    raw.send(JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'x', data: 'y'.repeat(1500) }]));
    expect(await closed).toBe(1009);
  });

  it('reports a WebSocket-level error of a station (a frame over ws maxPayload) as its error event, then the link drops', async () => {
    const { url, stations } = await csms({ protocols: ['ocpp1.6'], maxFrameBytes: 1000 });
    const raw = new WebSocket(`${url}/CP-10`, ['ocpp1.6']);
    cleanups.push(() => raw.terminate());
    await new Promise((r) => raw.once('open', r));
    const station = stations[0]!;
    const errors: Error[] = [];
    station.on('error', (e) => errors.push(e));
    const closed = new Promise((r) => station.on('close', r));
    // Past maxFrameBytes + 1024, ws itself refuses the frame before the engine sees it.
    raw.send('x'.repeat(5000));
    // ws answers 1009 and destroys the socket without waiting for the peer's close frame: 1006 here.
    expect(await closed).toMatchObject({ code: 1006 });
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/max payload/i)]);
  });

  it('detects a peer that stops answering pings and closes the link (keep-alive)', async () => {
    const { url, stations } = await csms({ protocols: ['ocpp1.6'], pingIntervalMs: 50, pongTimeoutMs: 100 });
    // autoPong: false makes this raw station a dead peer that never answers pings.
    const raw = new WebSocket(`${url}/CP-dead`, ['ocpp1.6'], { autoPong: false });
    cleanups.push(() => raw.terminate());
    await new Promise((r) => raw.once('open', r));
    await new Promise((r) => setTimeout(r, 20));
    const station = stations[0]!;
    const closed = await new Promise((r) => station.on('close', r));
    expect(closed).toMatchObject({ code: 1006 });
  });

  it('keeps a live peer connected across many ping intervals', async () => {
    const { url, stations } = await csms({ protocols: ['ocpp1.6'], pingIntervalMs: 20, pongTimeoutMs: 100 });
    const c = client(url);
    await c.connect();
    await new Promise((r) => setTimeout(r, 300));
    expect(stations[0]!.isOpen).toBe(true);
    await expect(c.call('Heartbeat', {})).resolves.toHaveProperty('currentTime');
  });

  it('attaches to an existing http server', async () => {
    const http = createServer((_req, res) => res.end('app'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const server = new OCPPServer({ protocols: ['ocpp1.6'] });
    server.attach(http);
    cleanups.push(
      () => new Promise((r) => http.close(r)),
      () => server.close(),
    );
    const { port } = http.address() as AddressInfo;
    const c = client(`ws://127.0.0.1:${port}/any/path`);
    await expect(c.connect()).resolves.toEqual({ protocol: 'ocpp1.6' });
    expect([...server.stations.keys()]).toEqual(['CP-1']);
  });
});
