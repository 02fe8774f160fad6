import { fileURLToPath } from 'node:url';
import { ConnectError, OCPPServer, RPCError } from '@ocpp-ws-io/core';
import { connectWs, type RunningWorkerd, rawUpgrade } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeCsms } from './helpers/node-ws.js';
import { API_TOKEN, apiCall, nodeStation, PASSWORD, validators } from './helpers/stations.js';
import { refusedUpgrade } from './helpers/upgrade.js';
import { basic, startFixture } from './helpers/workerd.js';

const entry = fileURLToPath(new URL('./fixtures/csms-worker.ts', import.meta.url));

describe('Durable Object CSMS in workerd', () => {
  let worker: RunningWorkerd;
  beforeAll(async () => {
    worker = await startFixture(entry, { STATION_PASSWORD: PASSWORD, API_TOKEN });
  });
  afterAll(() => worker?.dispose());

  it('evaluates the package at global scope in workerd (no randomness there) and routes nothing else', async () => {
    const res = await fetch(`${worker.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('Not found');
  });

  it('OCPP-J 2.0.1 §3.2: picks the server-preferred common subprotocol and echoes it in the 101', async () => {
    const raw = await connectWs(`${worker.wsUrl}/ocpp/CP-NEG`, ['ocpp1.6', 'ocpp2.0.1'], {
      headers: { Authorization: basic('CP-NEG', PASSWORD) },
    });
    expect(raw.protocol).toBe('ocpp2.0.1');
    await raw.close();
    const station = nodeStation(worker.wsUrl, 'CP-NEG', ['ocpp1.6', 'ocpp2.0.1']);
    expect(await station.connect()).toEqual({ protocol: 'ocpp2.0.1' });
    await station.close();
  });

  it.each([
    ['ocpp1.6', { chargePointVendor: 'Acme', chargePointModel: 'X1' }],
    ['ocpp2.0.1', { chargingStation: { vendorName: 'Acme', model: 'X1' }, reason: 'PowerUp' }],
  ] as const)('%s: boots and sends Heartbeat over 127.0.0.1', async (protocol, boot) => {
    const station = nodeStation(worker.wsUrl, 'CP-1', [protocol]);
    expect(await station.connect()).toEqual({ protocol });
    const conf = (await station.call('BootNotification', boot as never)) as unknown;
    expect(conf).toMatchObject({ status: 'Accepted', interval: 300 });
    const beat = (await station.call('Heartbeat', {})) as { currentTime: string };
    expect(Date.parse(beat.currentTime)).toBeGreaterThan(Date.now() - 60_000);
    await station.close();
  });

  it('security profile 1: a wrong password gets 401 with a Basic challenge', async () => {
    const refused = await refusedUpgrade(`${worker.wsUrl}/ocpp/CP-1`, ['ocpp1.6'], {
      Authorization: basic('CP-1', 'wrong-password-xx'),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="ocpp"/);
    const station = nodeStation(worker.wsUrl, 'CP-1', ['ocpp1.6'], { password: 'wrong-password-xx' });
    await expect(station.connect()).rejects.toMatchObject({ name: 'ConnectError', status: 401 });
  });

  it('completes the handshake without a subprotocol and closes with 1002 when none is common (OCPP-J 1.6 §3.2, 2.0.1 §3.2)', async () => {
    const answer = await rawUpgrade(`${worker.wsUrl}/ocpp/CP-1`, {
      protocols: 'ocpp1.5, ocpp9',
      headers: { Authorization: basic('CP-1', PASSWORD) },
    });
    expect(answer).toEqual({ status: 101, protocol: undefined, closeCode: 1002 });
  });

  it('answers a plain GET on a station path with 426, without waking an object', async () => {
    const res = await fetch(`${worker.url}/ocpp/CP-1`);
    expect(res.status).toBe(426);
  });

  it('refuses a session that cannot fit the 16 KiB socket attachment with 500', async () => {
    const refused = await refusedUpgrade(`${worker.wsUrl}/ocpp/CP-BIG?sessionPad=17000`, ['ocpp1.6'], {
      Authorization: basic('CP-BIG', PASSWORD),
    });
    expect(refused.status).toBe(500);
    // Just under the limit still connects.
    const ok = await connectWs(`${worker.wsUrl}/ocpp/CP-BIG?sessionPad=15000`, ['ocpp1.6'], {
      headers: { Authorization: basic('CP-BIG', PASSWORD) },
    });
    await ok.close();
  });

  it.each([
    ['ocpp1.6', 'RemoteStartTransaction', { idTag: 'TAG-1', connectorId: 1 }],
    [
      'ocpp2.0.1',
      'RequestStartTransaction',
      { idToken: { idToken: 'TAG-1', type: 'ISO14443' }, remoteStartId: 7 },
    ],
  ] as const)(
    '%s: the HTTP API makes the CSMS call the station (%s) and returns its response',
    async (protocol, action, params) => {
      const identity = `CP-API-${protocol}`;
      const station = nodeStation(worker.wsUrl, identity, [protocol]);
      const seen: unknown[] = [];
      station.handle(
        action as never,
        (({ params: p }: { params: unknown }) => {
          seen.push(p);
          return { status: 'Accepted' };
        }) as never,
      );
      await station.connect();
      const { status, body } = await apiCall(worker.url, identity, action, params);
      expect({ status, body }).toEqual({
        status: 200,
        body: { ok: true, protocol, response: { status: 'Accepted' } },
      });
      expect(seen).toEqual([params]);
      await station.close();
    },
  );

  it('OCPP-J 1.6 §4.2.3: a CALLERROR from the station comes back as JSON with its code', async () => {
    const station = nodeStation(worker.wsUrl, 'CP-ERR', ['ocpp1.6']);
    station.handle('Reset', () => {
      throw new RPCError('NotSupported', 'No resets on this rig');
    });
    await station.connect();
    const { status, body } = await apiCall(worker.url, 'CP-ERR', 'Reset', { type: 'Soft' });
    expect(status).toBe(502);
    expect(body).toEqual({
      ok: false,
      error: { type: 'CallError', code: 'NotSupported', message: 'No resets on this rig', details: {} },
    });
    await station.close();
  });

  it('the HTTP API: 404 for a station that is not connected, 422 for an invalid request, 401 without the token', async () => {
    expect(await apiCall(worker.url, 'CP-NOBODY', 'Reset', { type: 'Soft' })).toMatchObject({
      status: 404,
      body: { ok: false, error: { type: 'NotConnected' } },
    });
    const station = nodeStation(worker.wsUrl, 'CP-VAL', ['ocpp1.6']);
    await station.connect();
    const invalid = await apiCall(worker.url, 'CP-VAL', 'Reset', { type: 'Sideways' });
    expect(invalid).toMatchObject({
      status: 422,
      body: { ok: false, error: { type: 'ValidationFailed', code: 'PropertyConstraintViolation' } },
    });
    // The path once, then what is wrong with the value there.
    expect((invalid.body.error as { message: string }).message).toMatch(
      /^Invalid Reset request at \/type: "Sideways" is not one of [^/]*$/,
    );
    await station.close();
    const res = await fetch(`${worker.url}/api/stations/CP-VAL/call/Reset`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it.each([
    ['ocpp1.6', { chargePointVendor: 5, chargePointModel: 'X1' }, 'TypeConstraintViolation'],
    ['ocpp1.6', { chargePointModel: 'X1' }, 'OccurenceConstraintViolation'],
    ['ocpp2.0.1', { reason: 'PowerUp' }, 'OccurrenceConstraintViolation'],
    [
      'ocpp2.0.1',
      { chargingStation: { vendorName: 'A', model: 'B' }, reason: 'Bored' },
      'PropertyConstraintViolation',
    ],
  ] as const)('OCPP-J §4.2.3 strict mode (%s): %j is answered with %s', async (protocol, payload, code) => {
    const raw = await connectWs(`${worker.wsUrl}/ocpp/CP-STRICT`, [protocol], {
      headers: { Authorization: basic('CP-STRICT', PASSWORD) },
    });
    const reply = JSON.parse(await raw.request(JSON.stringify([2, 'bad-1', 'BootNotification', payload])));
    expect(reply.slice(0, 3)).toEqual([4, 'bad-1', code]);
    await raw.close();
  });

  describe('Worker as a station (fetch-upgrade client) against a Node CSMS on loopback', () => {
    it('connects with Basic auth, negotiates from the response header and gets BootNotification answered', async () => {
      const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], validators });
      const seen: { identity?: string; password?: string | undefined } = {};
      server.auth(({ identity, password }) => {
        Object.assign(seen, { identity, password });
        return password === 'station-secret-16';
      });
      server.on('client', (station) =>
        station.handle('BootNotification', () => ({
          status: 'Accepted',
          currentTime: new Date().toISOString(),
          interval: 60,
        })),
      );
      const csms = await startNodeCsms(server);
      try {
        const q = (password: string) =>
          new URLSearchParams({ endpoint: `${csms.url}/ocpp`, identity: 'CP-EDGE', password });
        const ok = await (await fetch(`${worker.url}/worker-client?${q('station-secret-16')}`)).json();
        expect(ok).toMatchObject({ protocol: 'ocpp2.0.1', boot: { status: 'Accepted', interval: 60 } });
        expect(seen).toEqual({ identity: 'CP-EDGE', password: 'station-secret-16' });
        const refused = await (await fetch(`${worker.url}/worker-client?${q('not-the-secret')}`)).json();
        expect(refused).toEqual({
          error: { name: 'ConnectError', code: 'ConnectFailed', status: 401, retryable: false },
        });
      } finally {
        await csms.close();
      }
    });
  });

  it('a ConnectError from a Node station carries the status (sanity of the test connector)', async () => {
    const station = nodeStation(worker.wsUrl, 'CP-1', ['ocpp1.6'], { password: 'nope-nope-nope-nope' });
    const error = await station.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
  });
});
