// Deno server (packages/deno OCPPServer in a real `deno` process) ← Node stations over 127.0.0.1.
import { ConnectError, RPCError } from '@ocpp-ws-io/core';
import type { RunningDeno } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startFixture } from './helpers/deno-run.js';
import { nodeStation, rawHandshake } from './helpers/peers.js';

const PASSWORD = 'deno-server-secret-16';

describe('Deno OCPPServer ← Node stations', () => {
  let deno: RunningDeno;
  let url: string;

  beforeAll(async () => {
    deno = await startFixture('server.js', { protocols: ['ocpp2.0.1', 'ocpp1.6'], password: PASSWORD });
    url = `ws://127.0.0.1:${deno.port}/ocpp`;
  });
  afterAll(async () => {
    await deno?.stop();
  });

  for (const [protocol, reset] of [
    ['ocpp1.6', { type: 'Soft' }],
    ['ocpp2.0.1', { type: 'Immediate' }],
  ] as const) {
    it(`boots over ${protocol} with Basic auth and answers the CSMS-initiated Reset`, async () => {
      const identity = `CP-${protocol.replace(/\W/g, '')}`;
      const station = nodeStation({ url, identity, protocols: [protocol], password: PASSWORD });
      const resetParams = new Promise((resolve) =>
        station.handle('Reset', ({ params }) => {
          resolve(params);
          return { status: 'Accepted' } as never;
        }),
      );
      expect(await station.connect()).toEqual({ protocol });
      const boot =
        protocol === 'ocpp1.6'
          ? await station.call('BootNotification', {
              chargePointVendor: 'Acme',
              chargePointModel: 'N1',
            } as never)
          : await station.call('BootNotification', {
              reason: 'PowerUp',
              chargingStation: { vendorName: 'Acme', model: 'N1' },
            } as never);
      expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
      expect(await resetParams).toEqual(reset);
      expect(await nextEvent(deno, (e) => e.type === 'callResult' && e.identity === identity)).toMatchObject({
        result: { status: 'Accepted' },
      });
      // The auth header and the remote address survive the upgrade (copied before upgradeWebSocket).
      expect(await nextEvent(deno, (e) => e.type === 'client' && e.identity === identity)).toMatchObject({
        protocol,
        remoteAddress: '127.0.0.1',
        authorization: `Basic ${Buffer.from(`${identity}:${PASSWORD}`).toString('base64')}`,
      });
      await station.close();
    });
  }

  it("picks by the server's preference order, not the station's (OCPP-J 2.0.1 §3.1.2)", async () => {
    const station = nodeStation({
      url,
      identity: 'CP-order',
      protocols: ['ocpp1.6', 'ocpp2.0.1'],
      password: PASSWORD,
    });
    expect(await station.connect()).toEqual({ protocol: 'ocpp2.0.1' });
    await station.close();
  });

  it('accepts "ocpp2.0.1,ocpp1.6" without a space and echoes exactly one protocol', async () => {
    // Deno.upgradeWebSocket's own `protocol` option splits on ", " exactly and would answer 500.
    for (const offer of ['ocpp2.0.1,ocpp1.6', 'ocpp1.6,ocpp2.0.1', ' ocpp1.6 ,ocpp2.0.1 ']) {
      const res = await rawHandshake(`${url}/CP-raw`, {
        'Sec-WebSocket-Protocol': offer,
        Authorization: `Basic ${Buffer.from(`CP-raw:${PASSWORD}`).toString('base64')}`,
      });
      expect(res.status, offer).toBe(101);
      expect(res.headers['sec-websocket-protocol'], offer).toBe('ocpp2.0.1');
    }
  });

  it('answers a bad password with 401 and a Basic challenge (browsers need it)', async () => {
    const res = await rawHandshake(`${url}/CP-bad`, {
      'Sec-WebSocket-Protocol': 'ocpp1.6',
      Authorization: `Basic ${Buffer.from('CP-bad:not-the-password').toString('base64')}`,
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="ocpp"/);
    const station = nodeStation({
      url,
      identity: 'CP-bad',
      protocols: ['ocpp1.6'],
      password: 'not-the-password',
    });
    const error = await station.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ status: 401, retryable: false });
  });

  it('completes the handshake without a subprotocol and closes when none is common (OCPP-J 2.0.1 §3.2)', async () => {
    const res = await rawHandshake(`${url}/CP-old`, { 'Sec-WebSocket-Protocol': 'ocpp1.5, ocpp1.2' });
    expect(res.status).toBe(101);
    expect(res.headers['sec-websocket-protocol']).toBeUndefined();
    expect(res.closeCode).toBe(1002);
    expect(await nextEvent(deno, (e) => e.type === 'rejected' && e.identity === 'CP-old')).toMatchObject({
      status: 400,
    });
  });

  it('answers a plain HTTP request with 426', async () => {
    const res = await fetch(`http://127.0.0.1:${deno.port}/ocpp/CP-1`);
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
  });

  it('answers schema violations with the CALLERROR code of the negotiated version', async () => {
    // The station skips its own validation so the bad payloads reach the server.
    const s16 = nodeStation({
      url,
      identity: 'CP-v16',
      protocols: ['ocpp1.6'],
      password: PASSWORD,
      strictMode: false,
    });
    await s16.connect();
    // 1.6: a required field missing is OccurenceConstraintViolation (sic, OCPP-J 1.6 §4.2.3 + errata).
    const e16 = await s16
      .call('BootNotification', { chargePointVendor: 'Acme' } as never)
      .catch((e: unknown) => e);
    expect(e16).toBeInstanceOf(RPCError);
    expect(e16).toMatchObject({ code: 'OccurenceConstraintViolation' });
    await s16.close();

    const s201 = nodeStation({
      url,
      identity: 'CP-v201',
      protocols: ['ocpp2.0.1'],
      password: PASSWORD,
      strictMode: false,
    });
    await s201.connect();
    // 2.0.1 §4.3: a wrong type is TypeConstraintViolation; a missing field OccurrenceConstraintViolation.
    const e201 = await s201
      .call('BootNotification', {
        reason: 'PowerUp',
        chargingStation: { vendorName: 42, model: 'N1' },
      } as never)
      .catch((e: unknown) => e);
    expect(e201).toMatchObject({ code: 'TypeConstraintViolation' });
    const missing = await s201
      .call('BootNotification', { reason: 'PowerUp' } as never)
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'OccurrenceConstraintViolation' });
    await s201.close();
  });
});

describe('Deno OCPPServer shutdown', () => {
  it('closes open stations with 1001 before stopping Deno.serve (no on-wire 1005)', async () => {
    const deno = await startFixture('server.js', { protocols: ['ocpp1.6'] });
    try {
      const station = nodeStation({
        url: `ws://127.0.0.1:${deno.port}/ocpp`,
        identity: 'CP-stay',
        protocols: ['ocpp1.6'],
      });
      await station.connect();
      const closed = new Promise((resolve) => station.on('close', resolve));
      const stopped = await deno.stop();
      expect(await closed).toEqual({ code: 1001, reason: 'Server shutting down' });
      expect(stopped.code, deno.stderr()).toBe(0);
    } finally {
      await deno.stop();
    }
  });
});
