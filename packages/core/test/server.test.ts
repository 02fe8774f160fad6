// Server handshake (identity, subprotocol, Basic auth, the auth callback) and client ↔ server
// over the in-memory connector.
import { describe, expect, it } from 'vitest';
import {
  ConnectError,
  connectInMemory,
  createMemoryTransportPair,
  OCPPClient,
  type OCPPProtocol,
  OCPPServer,
  parseBasicAuth,
  type StationConnection,
} from '../src/index.js';
import { allValidators, flush } from './harness.js';

function request(path: string, headers: Record<string, string> = {}) {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    url: `ws://127.0.0.1${path}`,
    headers: { get: (n: string) => lower.get(n.toLowerCase()) ?? null },
  };
}
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const server = (protocols: OCPPProtocol[] = ['ocpp2.0.1', 'ocpp1.6']) =>
  new OCPPServer({ protocols, validators: allValidators });

describe('handshake', () => {
  it('takes the identity from the last path segment, percent-decoded (OCPP-J 1.6 §3.1, 2.0.1 §3.1.1)', async () => {
    const d = await server(['ocpp1.6']).handshake(
      request('/ocpp/RDAM%20123', { 'sec-websocket-protocol': 'ocpp1.6' }),
    );
    expect(d).toMatchObject({ ok: true, identity: 'RDAM 123', protocol: 'ocpp1.6' });
    expect(d.ok && d.handshake.path).toBe('/ocpp');
    const atRoot = await server(['ocpp1.6']).handshake(
      request('/CP1', { 'sec-websocket-protocol': 'ocpp1.6' }),
    );
    expect(atRoot.ok && [atRoot.identity, atRoot.handshake.path]).toEqual(['CP1', '/']);
  });

  it('picks the first protocol in the server preference order that the station offered', async () => {
    const d = await server(['ocpp2.0.1', 'ocpp1.6']).handshake(
      request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6,ocpp2.0.1' }),
    );
    expect(d).toMatchObject({
      ok: true,
      protocol: 'ocpp2.0.1',
      headers: { 'Sec-WebSocket-Protocol': 'ocpp2.0.1' },
    });
  });

  it('parses the protocol list with or without spaces', async () => {
    const d = await server(['ocpp1.6']).handshake(
      request('/ocpp/CP1', { 'sec-websocket-protocol': ' ocpp2.0.1 ,  ocpp1.6 ' }),
    );
    expect(d).toMatchObject({ ok: true, protocol: 'ocpp1.6' });
  });

  it('keeps the offered list in the station order, without empty entries', async () => {
    const d = await server(['ocpp1.6']).handshake(
      request('/ocpp/CP1', { 'sec-websocket-protocol': ', ocpp2.0.1 ,, x-custom ,ocpp1.6,' }),
    );
    expect(d.ok && d.handshake.offeredProtocols).toEqual(['ocpp2.0.1', 'x-custom', 'ocpp1.6']);
  });

  it('exposes searchParams as an own enumerable property, read from the request URL', async () => {
    const d = await server(['ocpp1.6']).handshake(
      request('/ocpp/CP1?token=a%20b&x=1', { 'sec-websocket-protocol': 'ocpp1.6' }),
    );
    if (!d.ok) throw new Error('expected an accepted handshake');
    const h = d.handshake;
    expect(h.searchParams.get('token')).toBe('a b');
    expect(Object.keys(h)).toEqual([
      'identity',
      'path',
      'offeredProtocols',
      'protocol',
      'username',
      'password',
      'remoteAddress',
      'clientCertificate',
      'headers',
      'searchParams',
    ]);
    // A copy made with spread still carries the parameters.
    expect({ ...h }.searchParams.get('x')).toBe('1');
    // Each handshake reads its own URL.
    const other = await server(['ocpp1.6']).handshake(
      request('/ocpp/CP2?token=z', { 'sec-websocket-protocol': 'ocpp1.6' }),
    );
    expect(other.ok && other.handshake.searchParams.get('token')).toBe('z');
    expect(h.searchParams.get('token')).toBe('a b');
  });

  it.each([
    '/ocpp/CP1',
    '/ocpp/CP1?',
    '/ocpp/CP1?a=1&a=2&b',
    '/ocpp/CP1?q=x+y%2Bz&e=%E2%82%AC&raw=€ ü',
    '/ocpp/CP1?t=1#frag?x=2',
    '/ocpp/CP1#only-a-fragment',
  ])('searchParams of %s are what the URL parser reads', async (path) => {
    const d = await server(['ocpp1.6']).handshake(request(path, { 'sec-websocket-protocol': 'ocpp1.6' }));
    if (!d.ok) throw new Error('expected an accepted handshake');
    const expected = [...new URL(`ws://127.0.0.1${path}`).searchParams];
    expect([...d.handshake.searchParams]).toEqual(expected);
  });

  it('rejects with 400 when there is no common subprotocol, or none was offered', async () => {
    const s = server(['ocpp2.0.1']);
    await expect(
      s.handshake(request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6' })),
    ).resolves.toMatchObject({
      ok: false,
      status: 400,
    });
    await expect(s.handshake(request('/ocpp/CP1'))).resolves.toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    ['/ocpp/', 'empty identity'],
    ['/ocpp/%E0%A4%A', 'broken percent-encoding'],
    ['/ocpp/CP%3A1', '":" in a 2.x identity (OCPP-J 2.0.1 §3.1.1)'],
    [`/ocpp/${'C'.repeat(49)}`, '49 characters in a 2.x identity'],
    ['/ocpp/CP%0A1', 'a control character'],
  ])('rejects %s with 400 (%s)', async (path) => {
    await expect(
      server(['ocpp2.0.1']).handshake(request(path, { 'sec-websocket-protocol': 'ocpp2.0.1' })),
    ).resolves.toMatchObject({ ok: false, status: 400 });
  });

  it('accepts a 48-character 2.x identity', async () => {
    const id = 'C'.repeat(48);
    await expect(
      server(['ocpp2.0.1']).handshake(request(`/ocpp/${id}`, { 'sec-websocket-protocol': 'ocpp2.0.1' })),
    ).resolves.toMatchObject({ ok: true, identity: id });
  });

  it('hands identity, Basic credentials, protocols and remote address to the auth callback', async () => {
    const s = server();
    let seen: unknown;
    s.auth((h) => {
      seen = {
        identity: h.identity,
        username: h.username,
        password: h.password,
        offered: h.offeredProtocols,
        protocol: h.protocol,
        remote: h.remoteAddress,
      };
      return { accept: true, session: { tenant: 't1' } };
    });
    const d = await s.handshake(
      request('/ocpp/CP1', {
        'sec-websocket-protocol': 'ocpp1.6',
        authorization: basic('CP1', 'pässword-0123456'),
      }),
      { remoteAddress: '127.0.0.1' },
    );
    expect(seen).toEqual({
      identity: 'CP1',
      username: 'CP1',
      password: 'pässword-0123456',
      offered: ['ocpp1.6'],
      protocol: 'ocpp1.6',
      remote: '127.0.0.1',
    });
    expect(d).toMatchObject({ ok: true, session: { tenant: 't1' } });
  });

  it('answers 401 with a Basic challenge when auth says no (browsers need the challenge)', async () => {
    const s = server().auth(() => false);
    const d = await s.handshake(request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6' }));
    expect(d).toMatchObject({ ok: false, status: 401 });
    expect(!d.ok && d.headers['WWW-Authenticate']).toMatch(/^Basic realm="ocpp"/);
  });

  it('rejects a Basic username that is not the identity (1.6 security A00.FR.204)', async () => {
    const s = server().auth(() => true);
    await expect(
      s.handshake(
        request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6', authorization: basic('CP2', 'x') }),
      ),
    ).resolves.toMatchObject({ ok: false, status: 401 });
  });

  it('lets the auth callback pick another offered protocol, never one the station did not offer', async () => {
    const offered = { 'sec-websocket-protocol': 'ocpp1.6, ocpp2.0.1' };
    const picks = server().auth(() => ({ accept: true, protocol: 'ocpp1.6' }));
    await expect(picks.handshake(request('/ocpp/CP1', offered))).resolves.toMatchObject({
      ok: true,
      protocol: 'ocpp1.6',
      headers: { 'Sec-WebSocket-Protocol': 'ocpp1.6' },
    });
    // The server speaks 1.6, but this station offered only 2.0.1: agreeing on 1.6 would break it.
    await expect(
      picks.handshake(request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp2.0.1' })),
    ).resolves.toMatchObject({ ok: false, status: 400 });
  });

  it('passes the status an auth callback chooses', async () => {
    const s = server().auth(() => ({ accept: false, status: 404, reason: 'Unknown station' }));
    await expect(
      s.handshake(request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6' })),
    ).resolves.toMatchObject({
      ok: false,
      status: 404,
      reason: 'Unknown station',
    });
  });

  it('answers 500 when the auth callback throws, and 503 when it takes too long', async () => {
    const errors: unknown[] = [];
    const s = server().auth(() => {
      throw new Error('db down');
    });
    s.on('error', (e) => errors.push(e));
    await expect(
      s.handshake(request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6' })),
    ).resolves.toMatchObject({
      ok: false,
      status: 500,
    });
    expect(errors).toHaveLength(1);
    const slow = new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators, authTimeoutMs: 20 });
    let aborted = false;
    slow.auth((_h, signal) => new Promise(() => signal.addEventListener('abort', () => (aborted = true))));
    await expect(
      slow.handshake(request('/ocpp/CP1', { 'sec-websocket-protocol': 'ocpp1.6' })),
    ).resolves.toMatchObject({
      ok: false,
      status: 503,
    });
    expect(aborted).toBe(true);
  });

  it('decodes Basic credentials as UTF-8 and refuses malformed ones', () => {
    expect(parseBasicAuth(basic('CP1', 'a:b:c'))).toEqual({ username: 'CP1', password: 'a:b:c' });
    expect(parseBasicAuth('Basic !!!')).toBeUndefined();
    expect(parseBasicAuth(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(parseBasicAuth('Bearer abc')).toBeUndefined();
    expect(parseBasicAuth(basic('CP1', 'pässwörd-€-1234'))).toEqual({
      username: 'CP1',
      password: 'pässwörd-€-1234',
    });
    // Bytes that are not UTF-8 (0xff 0xfe) are malformed credentials, not U+FFFD in a password.
    const notUtf8 = Buffer.from([0x43, 0x50, 0x31, 0x3a, 0xff, 0xfe, 0x61]).toString('base64');
    expect(parseBasicAuth(`Basic ${notUtf8}`)).toBeUndefined();
  });
});

describe('client ↔ server in memory', () => {
  it('connects, boots, and lets the CSMS call the station back', async () => {
    const csms = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], validators: allValidators });
    const stations: StationConnection<'ocpp2.0.1' | 'ocpp1.6'>[] = [];
    csms.on('client', (station) => {
      stations.push(station);
      station.handle('BootNotification', () => ({
        currentTime: '2026-01-01T00:00:00Z',
        interval: 60,
        status: 'Accepted',
      }));
    });
    const client = new OCPPClient({
      endpoint: 'ws://127.0.0.1/ocpp',
      identity: 'CP-7',
      protocols: ['ocpp1.6'],
      validators: allValidators,
      connector: connectInMemory(csms),
    });
    client.handle('Reset', ({ params }) => ({ status: params.type === 'Soft' ? 'Accepted' : 'Rejected' }));
    await expect(client.connect()).resolves.toEqual({ protocol: 'ocpp1.6' });
    await expect(
      client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' }),
    ).resolves.toMatchObject({ status: 'Accepted', interval: 60 });
    expect([...csms.stations.keys()]).toEqual(['CP-7']);
    const station = stations[0]!;
    expect(station.protocol).toBe('ocpp1.6');
    await expect(station.call('Reset', { type: 'Soft' })).resolves.toEqual({ status: 'Accepted' });
    await client.close();
    await flush();
    expect(station.isOpen).toBe(false);
    expect(csms.stations.size).toBe(0);
  });

  it('serves every station with server-level handlers; a station handler of its own wins', async () => {
    const csms = new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators });
    const seen: string[] = [];
    csms.handle('Heartbeat', ({ station }) => {
      seen.push(station.identity);
      return { currentTime: '2026-01-01T00:00:00Z' };
    });
    const offStar = csms.handle('*', ({ action }) =>
      action === 'DataTransfer' ? { status: 'Rejected' } : {},
    );
    csms.on('client', (station) => {
      if (station.identity === 'CP-own')
        station.handle('Heartbeat', () => ({ currentTime: '2030-01-01T00:00:00Z' }));
    });
    const make = (identity: string) =>
      new OCPPClient({
        endpoint: 'ws://127.0.0.1/ocpp',
        identity,
        protocols: ['ocpp1.6'],
        validators: allValidators,
        connector: connectInMemory(csms),
      });
    const a = make('CP-a');
    const own = make('CP-own');
    await a.connect();
    await own.connect();
    await expect(a.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2026-01-01T00:00:00Z' });
    await expect(own.call('Heartbeat', {})).resolves.toEqual({ currentTime: '2030-01-01T00:00:00Z' });
    expect(seen).toEqual(['CP-a']);
    await expect(a.call('DataTransfer', { vendorId: 'x' })).resolves.toEqual({ status: 'Rejected' });
    offStar();
    await expect(a.call('DataTransfer', { vendorId: 'x' })).rejects.toMatchObject({ code: 'NotSupported' });
    await a.close();
    await own.close();
  });

  it('fails connect() with a non-retryable ConnectError on 401', async () => {
    const csms = new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators }).auth(
      ({ password }) => password === 'correct-horse-battery',
    );
    const client = new OCPPClient({
      endpoint: 'ws://127.0.0.1/ocpp',
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      password: 'wrong-password-000',
      validators: allValidators,
      connector: connectInMemory(csms),
    });
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(client.state).toBe('idle');
  });

  it('fails connect() without retry when no subprotocol is common (OCPP-J 2.0.1 §3.2)', async () => {
    const csms = new OCPPServer({ protocols: ['ocpp2.0.1'], validators: allValidators });
    const client = new OCPPClient({
      endpoint: 'ws://127.0.0.1/ocpp',
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      validators: allValidators,
      connector: connectInMemory(csms),
    });
    await expect(client.connect()).rejects.toMatchObject({ code: 'ConnectFailed', retryable: false });
    expect(csms.stations.size).toBe(0);
  });

  it('refuses a server that answers with a protocol that was not offered', async () => {
    const client = new OCPPClient({
      endpoint: 'ws://127.0.0.1/ocpp',
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      validators: allValidators,
      connector: async () => createMemoryTransportPair('ocpp2.0.1')[0],
    });
    await expect(client.connect()).rejects.toMatchObject({ code: 'ConnectFailed', retryable: false });
  });

  it('replaces an older connection of the same identity', async () => {
    const csms = new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators });
    const make = () =>
      new OCPPClient({
        endpoint: 'ws://127.0.0.1/ocpp',
        identity: 'CP-1',
        protocols: ['ocpp1.6'],
        validators: allValidators,
        connector: connectInMemory(csms),
        reconnect: false,
      });
    const first = make();
    const closed: unknown[] = [];
    first.on('close', (info) => closed.push(info));
    await first.connect();
    const second = make();
    await second.connect();
    await flush();
    expect(closed).toEqual([{ code: 1000, reason: 'Replaced by a new connection' }]);
    expect(csms.stations.size).toBe(1);
    await second.close();
  });

  it('closes every station with 1001 on server.close()', async () => {
    const csms = new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators });
    const client = new OCPPClient({
      endpoint: 'ws://127.0.0.1/ocpp',
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      validators: allValidators,
      connector: connectInMemory(csms),
      reconnect: false,
    });
    const closed: unknown[] = [];
    client.on('close', (info) => closed.push(info));
    await client.connect();
    await csms.close();
    await flush();
    expect(closed).toEqual([{ code: 1001, reason: 'Server shutting down' }]);
    await expect(
      csms.handshake(request('/ocpp/CP-2', { 'sec-websocket-protocol': 'ocpp1.6' })),
    ).resolves.toMatchObject({ ok: false, status: 503 });
  });
});
