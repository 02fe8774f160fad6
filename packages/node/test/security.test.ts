// Security hardening of the Node adapter over real sockets on 127.0.0.1: concurrent-upgrade and
// auth-time limits, frame-size and bad-message closes with their codes, no stack traces on the
// wire, no prototype pollution, and TLS that refuses versions below 1.2 on both sides.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { OCPPClient, OCPPServer } from '../src/index.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function csms(options: ConstructorParameters<typeof OCPPServer>[0] = {}) {
  const server = new OCPPServer({ protocols: ['ocpp1.6', 'ocpp2.0.1'], path: '/ocpp', ...options });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => server.close());
  return { server, url };
}

/** Status of an upgrade attempt, and the open socket when it upgraded. */
function upgrade(url: string, protocol = 'ocpp1.6') {
  return new Promise<{ status: number; headers: Record<string, unknown>; ws: WebSocket }>(
    (resolve, reject) => {
      const ws = new WebSocket(url, [protocol]);
      ws.on('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, ws });
        res.resume();
        ws.terminate();
      });
      ws.on('open', () => resolve({ status: 101, headers: {}, ws }));
      ws.on('error', reject);
      cleanups.push(() => ws.terminate());
    },
  );
}

const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
const nextMessage = (ws: WebSocket) =>
  new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));

describe('handshake limits', () => {
  it('upgrades beyond maxConcurrentUpgrades get 503 with Retry-After; the others complete', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const { server, url } = await csms({ maxConcurrentUpgrades: 2 });
    let notify!: () => void;
    const bothStarted = new Promise<void>((resolve) => {
      notify = resolve;
    });
    server.auth(async () => {
      if (++started === 2) notify();
      await gate;
      return true;
    });
    const first = upgrade(`${url}/CP-1`);
    const second = upgrade(`${url}/CP-2`);
    await bothStarted;
    const third = await upgrade(`${url}/CP-3`);
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('1');
    release();
    expect((await first).status).toBe(101);
    expect((await second).status).toBe(101);
    // The slots are free again.
    expect((await upgrade(`${url}/CP-4`)).status).toBe(101);
  });

  it('refuses a nonsensical maxConcurrentUpgrades', () => {
    expect(() => new OCPPServer({ maxConcurrentUpgrades: 0 })).toThrow(RangeError);
  });

  it('an auth callback slower than authTimeoutMs gets 503 on the wire', async () => {
    const { server, url } = await csms({ authTimeoutMs: 30 });
    server.auth(() => new Promise(() => {}));
    expect((await upgrade(`${url}/CP-1`)).status).toBe(503);
  });
});

describe('frame limits over a real socket', () => {
  it('consecutive malformed frames beyond maxBadMessages close with 1002', async () => {
    const { url } = await csms({ maxBadMessages: 3 });
    const { ws } = await upgrade(`${url}/CP-1`);
    const done = closed(ws);
    for (let i = 0; i < 4; i++) ws.send('{not json');
    expect((await done).code).toBe(1002);
  });

  it('a well-formed frame resets the count: the connection stays open', async () => {
    const { server, url } = await csms({ maxBadMessages: 2 });
    server.on('client', (s) => s.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() })));
    const { ws } = await upgrade(`${url}/CP-1`);
    for (let round = 0; round < 3; round++) {
      ws.send('[');
      ws.send('[');
      const reply = nextMessage(ws);
      ws.send(`[2,"h${round}","Heartbeat",{}]`);
      expect(((await reply) as unknown[]).slice(0, 2)).toEqual([3, `h${round}`]);
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('a frame over maxFrameBytes closes with 1009', async () => {
    const { url } = await csms({ maxFrameBytes: 1_000 });
    const { ws } = await upgrade(`${url}/CP-1`);
    const done = closed(ws);
    ws.send(`[2,"1","DataTransfer",{"vendorId":"v","data":"${'x'.repeat(1_200)}"}]`);
    expect((await done).code).toBe(1009);
  });
});

describe('what leaves the server', () => {
  it('a throwing handler answers InternalError without message, stack or path', async () => {
    const { server, url } = await csms();
    server.on('client', (s) =>
      s.handle('Heartbeat', () => {
        throw new Error(`secret token 1234 in ${import.meta.url}`);
      }),
    );
    const { ws } = await upgrade(`${url}/CP-1`);
    const reply = nextMessage(ws);
    ws.send('[2,"1","Heartbeat",{}]');
    const frame = (await reply) as unknown[];
    expect(frame).toEqual([4, '1', 'InternalError', 'An internal error occurred', {}]);
    expect(JSON.stringify(frame)).not.toMatch(/secret|at |file:|\.ts/);
  });

  it('__proto__/constructor keys on the wire pollute nothing, in CALLs and results', async () => {
    const evil = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}';
    const { server, url } = await csms({ strictMode: false });
    server.on('client', (s) => s.handle('*', () => JSON.parse(evil)));
    const { ws } = await upgrade(`${url}/CP-1`);
    const reply = nextMessage(ws);
    ws.send(`[2,"1","DataTransfer",${evil}]`);
    expect(((await reply) as unknown[]).slice(0, 2)).toEqual([3, '1']);
    const client = new OCPPClient({
      endpoint: url,
      identity: 'CP-2',
      protocols: ['ocpp1.6'],
      strictMode: false,
    });
    cleanups.push(() => client.close());
    await client.connect();
    const result = (await client.call('DataTransfer' as never, JSON.parse(evil) as never)) as object;
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('TLS', () => {
  let dir: string;
  let key: Buffer;
  let cert: Buffer;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-sec-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    key = readFileSync(join(dir, 'key.pem'));
    cert = readFileSync(join(dir, 'cert.pem'));
  }, 30_000);

  // TLS 1.0/1.1 need OpenSSL security level 0 on OpenSSL 3; this is only for the weak *peer*.
  const LEGACY = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;

  /** Can this machine's OpenSSL speak TLS 1.1 at all? A legacy server and a legacy client try. */
  async function legacyTlsWorks(): Promise<boolean> {
    const probe = createHttpsServer({ key, cert, ...LEGACY }, (_q, r) => r.end());
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    try {
      return await tlsHandshake(port, LEGACY);
    } finally {
      probe.closeAllConnections();
      await new Promise((r) => probe.close(r));
    }
  }

  function tlsHandshake(port: number, options: Record<string, unknown>): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, ca: cert, ...options }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  }

  it('listen({ tls }) refuses to be configured below TLS 1.2', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'] });
    cleanups.push(() => server.close());
    await expect(server.listen({ tls: { key, cert, minVersion: 'TLSv1.1' } })).rejects.toThrow(/TLSv1.2/);
    await expect(server.listen({ tls: { key, cert, secureProtocol: 'TLSv1_method' } })).rejects.toThrow(
      /below 1.2/,
    );
  });

  it('the server refuses a TLS 1.1-only peer by default and accepts TLS 1.2', async (ctx) => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'] });
    cleanups.push(() => server.close());
    const { port } = await server.listen({ port: 0, host: '127.0.0.1', tls: { key, cert } });
    expect(await tlsHandshake(port, { minVersion: 'TLSv1.2' })).toBe(true);
    if (!(await legacyTlsWorks())) {
      ctx.skip('this OpenSSL cannot create a TLS 1.1 peer even at security level 0');
      return;
    }
    expect(await tlsHandshake(port, LEGACY)).toBe(false);
  });

  it('the client refuses a TLS 1.1-only CSMS by default', async (ctx) => {
    if (!(await legacyTlsWorks())) {
      ctx.skip('this OpenSSL cannot create a TLS 1.1 peer even at security level 0');
      return;
    }
    const weak = createHttpsServer({ key, cert, ...LEGACY });
    const upgraded: unknown[] = [];
    weak.on('upgrade', (req) => upgraded.push(req.url));
    await new Promise<void>((r) => weak.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => weak.close(r)));
    const { port } = weak.address() as AddressInfo;
    const client = new OCPPClient({
      endpoint: `wss://127.0.0.1:${port}/ocpp`,
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      tls: { ca: cert },
      reconnect: false,
    });
    cleanups.push(() => client.close());
    await expect(client.connect()).rejects.toThrow();
    expect(upgraded).toEqual([]);
  });
});
