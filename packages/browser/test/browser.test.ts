// The browser client in real Chromium (playwright-core + /usr/bin/chromium) against a Node CSMS
// on 127.0.0.1: calls both ways, strict validation in the page, close codes,
// keep-alive and reconnect. Binary frames, long close reasons, oversized frames and the other
// edge cases every runtime shares are in cross-runtime.test.ts.
// One browser for the file, a fresh page per test; the page loads single-file esbuild bundles.

import { startWsServer } from '@ocpp-ws-io/test-utils';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { callActions, startCsms } from './helpers/csms.js';
import type { PageClient, PageGlobals } from './helpers/page.js';
import { chromiumSuite } from './helpers/suite.js';
import { within } from './helpers/within.js';

const { newPage, defer } = chromiumSuite();

async function csms(protocols: Parameters<typeof startCsms>[0]['protocols'], options = {}) {
  const c = await startCsms({ protocols, ...options });
  defer(c.close);
  return c;
}

/** A raw `ws` CSMS: the test controls every frame; `socket()` waits (bounded) for the page's connection. */
async function rawCsms(protocols: string[]) {
  let opened!: (ws: WebSocket) => void;
  const socket = new Promise<WebSocket>((resolve) => {
    opened = resolve;
  });
  const server = await startWsServer({ protocols, onConnection: (ws) => opened(ws) });
  defer(server.close);
  const next = (ws: WebSocket) =>
    within(
      new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString()))),
      'a frame from the page',
    );
  return { url: `${server.url}/ocpp`, socket: () => within(socket, 'the page to connect'), next };
}

describe('OCPPClient in Chromium ↔ Node OCPPServer', () => {
  it('1.6: boots, sends Heartbeat and MeterValues, and answers RemoteStartTransaction and Reset from the CSMS (OCPP-J 1.6 §4.2)', async () => {
    const { url, inbound, connected } = await csms(['ocpp1.6']);
    const page = await newPage();
    const result = await page.evaluate(async (endpoint) => {
      const g = globalThis as unknown as PageGlobals;
      const client = new g.ocpp.OCPPClient({ endpoint, identity: 'CP-1', protocols: ['ocpp1.6'] });
      g.t.client = client;
      const seen: string[] = [];
      g.t.seen = seen;
      client.handle('RemoteStartTransaction', ({ params }) => {
        seen.push(`RemoteStartTransaction:${params.idTag}`);
        return { status: params.idTag === 'TAG-1' ? 'Accepted' : 'Rejected' };
      });
      client.handle('Reset', ({ params }) => {
        seen.push(`Reset:${params.type}`);
        return { status: 'Accepted' };
      });
      const { protocol } = await client.connect();
      const boot = await client.call('BootNotification', {
        chargePointVendor: 'Acme',
        chargePointModel: 'Sim',
      });
      const beat = await client.call('Heartbeat', {});
      const meter = await client.call('MeterValues', {
        connectorId: 1,
        meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '12.5', unit: 'kWh' }] }],
      });
      return { protocol, boot: boot.status, beat: typeof beat.currentTime, meter };
    }, url);
    expect(result).toEqual({ protocol: 'ocpp1.6', boot: 'Accepted', beat: 'string', meter: {} });
    expect(callActions(inbound)).toEqual(['BootNotification', 'Heartbeat', 'MeterValues']);

    const station = await within(connected, 'the station to connect');
    expect(station.identity).toBe('CP-1');
    await expect(station.call('RemoteStartTransaction', { idTag: 'TAG-1' })).resolves.toEqual({
      status: 'Accepted',
    });
    await expect(station.call('Reset', { type: 'Soft' })).resolves.toEqual({ status: 'Accepted' });
    const seen = await page.evaluate(() => (globalThis as unknown as PageGlobals).t.seen);
    expect(seen).toEqual(['RemoteStartTransaction:TAG-1', 'Reset:Soft']);
  });

  it('2.0.1: boots, sends Heartbeat and MeterValues, and answers RequestStartTransaction and Reset (OCPP-J 2.0.1 §4.2)', async () => {
    const { url, inbound, connected } = await csms(['ocpp2.0.1', 'ocpp1.6']);
    const page = await newPage();
    const result = await page.evaluate(async (endpoint) => {
      const g = globalThis as unknown as PageGlobals;
      const client = new g.ocpp.OCPPClient({
        endpoint,
        identity: 'CP-2',
        protocols: ['ocpp2.0.1', 'ocpp1.6'],
      });
      const seen: string[] = [];
      g.t.seen = seen;
      client.handle('RequestStartTransaction', ({ params }) => {
        seen.push(`RequestStartTransaction:${params.idToken.idToken}:${params.remoteStartId}`);
        return { status: 'Accepted' };
      });
      client.handle('Reset', ({ params }) => {
        seen.push(`Reset:${params.type}`);
        return { status: 'Scheduled' };
      });
      const { protocol } = await client.connect();
      const boot = await client.call('BootNotification', {
        reason: 'PowerUp',
        chargingStation: { model: 'Sim', vendorName: 'Acme' },
      });
      const beat = await client.call('Heartbeat', {});
      const meter = await client.call('MeterValues', {
        evseId: 1,
        meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: 12.5 }] }],
      });
      return { protocol, boot: boot.status, beat: typeof beat.currentTime, meter };
    }, url);
    expect(result).toEqual({ protocol: 'ocpp2.0.1', boot: 'Accepted', beat: 'string', meter: {} });
    expect(callActions(inbound)).toEqual(['BootNotification', 'Heartbeat', 'MeterValues']);

    const station = await within(connected, 'the station to connect');
    expect(station.protocol).toBe('ocpp2.0.1');
    await expect(
      station.call('RequestStartTransaction', {
        idToken: { idToken: 'TAG-2', type: 'ISO14443' },
        remoteStartId: 7,
      }),
    ).resolves.toEqual({ status: 'Accepted' });
    await expect(station.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Scheduled' });
    const seen = await page.evaluate(() => (globalThis as unknown as PageGlobals).t.seen);
    expect(seen).toEqual(['RequestStartTransaction:TAG-2:7', 'Reset:OnIdle']);
  });

  it.each([
    ['ocpp1.6', 'OccurenceConstraintViolation'],
    ['ocpp2.0.1', 'OccurrenceConstraintViolation'],
  ] as const)(
    '%s strict mode: an invalid outbound call rejects in the page with ValidationError (%s) and never reaches the CSMS',
    async (protocol, rpcCode) => {
      const { url, inbound } = await csms([protocol]);
      const page = await newPage();
      const outcome = await page.evaluate(
        async ([endpoint, p]) => {
          const { ocpp } = globalThis as unknown as PageGlobals;
          const client = new ocpp.OCPPClient({ endpoint, identity: 'CP-3', protocols: [p] });
          await client.connect();
          // Both payloads miss a required field of their version's BootNotificationRequest.
          const invalid = p === 'ocpp1.6' ? { chargePointVendor: 'Acme' } : { reason: 'PowerUp' };
          const error = await client.call('BootNotification', invalid as never).catch((e: unknown) => e);
          await client.call('Heartbeat', {});
          await client.close();
          return {
            isValidationError: error instanceof ocpp.ValidationError,
            rpcCode: (error as InstanceType<typeof ocpp.ValidationError>).rpcCode,
          };
        },
        [url, protocol] as const,
      );
      expect(outcome).toEqual({ isValidationError: true, rpcCode });
      // The Heartbeat sent after it arrived, so the invalid call would have arrived first.
      expect(callActions(inbound)).toEqual(['Heartbeat']);
    },
  );

  it.each([
    ['ocpp1.6', '{"type":"Sometimes"}', 'PropertyConstraintViolation'],
    ['ocpp1.6', '{}', 'OccurenceConstraintViolation'],
    ['ocpp2.0.1', '{"type":"Sometimes"}', 'PropertyConstraintViolation'],
    ['ocpp2.0.1', '{}', 'OccurrenceConstraintViolation'],
  ] as const)(
    '%s strict mode: an invalid CSMS Reset %s gets CALLERROR %s from the page, and the handler never runs (1.6 §4.2.3, 2.0.1 §4.3)',
    async (protocol, payload, code) => {
      const raw = await rawCsms([protocol]);
      const page = await newPage();
      await page.evaluate(
        async ([endpoint, p]) => {
          const g = globalThis as unknown as PageGlobals;
          const client = new g.ocpp.OCPPClient({ endpoint, identity: 'CP-4', protocols: [p] });
          g.t.resets = 0;
          client.handle('Reset', () => {
            g.t.resets = Number(g.t.resets) + 1;
            return { status: 'Accepted' };
          });
          await client.connect();
        },
        [raw.url, protocol] as const,
      );
      const ws = await raw.socket();
      const reply = raw.next(ws);
      ws.send(`[2,"x","Reset",${payload}]`);
      const frame = JSON.parse(await reply) as unknown[];
      expect(frame.slice(0, 3)).toEqual([4, 'x', code]);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).t.resets)).toBe(0);
    },
  );

  it('maps close codes a browser may not send: core 1009 (frame too big) → 4009, close(1001) → 4001 (RFC 6455 §7.4)', async () => {
    const raw = await rawCsms(['ocpp1.6']);
    const page = await newPage();
    await page.evaluate(async (endpoint) => {
      const g = globalThis as unknown as PageGlobals;
      const client = new g.ocpp.OCPPClient({
        endpoint,
        identity: 'CP-6',
        protocols: ['ocpp1.6'],
        maxFrameBytes: 200,
      });
      g.t.errors = [];
      client.on('error', (e) => (g.t.errors as string[]).push(e.message));
      await client.connect();
    }, raw.url);
    const ws = await raw.socket();
    const closed = within(
      new Promise<[number, string]>((resolve) =>
        ws.once('close', (code, reason) => resolve([code, reason.toString()])),
      ),
      'the page to close the link',
    );
    ws.send(JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'x', data: 'y'.repeat(1000) }]));
    expect(await closed).toEqual([4009, 'Frame too large']);

    // A second connection, closed by the app with a code only servers may send.
    const raw2 = await rawCsms(['ocpp1.6']);
    await page.evaluate(async (endpoint) => {
      const g = globalThis as unknown as PageGlobals;
      const client = new g.ocpp.OCPPClient({ endpoint, identity: 'CP-6b', protocols: ['ocpp1.6'] });
      await client.connect();
      g.t.client = client;
    }, raw2.url);
    const ws2 = await raw2.socket();
    const closed2 = within(
      new Promise<[number, Buffer]>((resolve) => ws2.once('close', (c, r) => resolve([c, r]))),
      'the page to close the second link',
    );
    const pageError = await page.evaluate(async () => {
      const client = (globalThis as unknown as PageGlobals).t.client as PageClient;
      // Unmapped, Chromium would throw InvalidAccessError (1001) and SyntaxError (reason > 123 bytes).
      return client.close(1001, `Simulator tab closing ${'…'.repeat(100)}`).then(
        () => null,
        (e: unknown) => String(e),
      );
    });
    expect(pageError).toBeNull();
    const [code, reason] = await closed2;
    expect(code).toBe(4001);
    // Cut to 123 UTF-8 bytes without splitting the 3-byte "…".
    expect(reason.length).toBeLessThanOrEqual(123);
    expect(reason.toString()).toMatch(/^Simulator tab closing …+$/);
  });

  it('has no ping API, yet stays connected because Chromium answers the CSMS pings (keep-alive)', async () => {
    const { url, connected } = await csms(['ocpp1.6'], { pingIntervalMs: 50, pongTimeoutMs: 150 });
    const page = await newPage();
    await page.evaluate(async (endpoint) => {
      const g = globalThis as unknown as PageGlobals;
      const client = new g.ocpp.OCPPClient({ endpoint, identity: 'CP-7', protocols: ['ocpp1.6'] });
      await client.connect();
      g.t.client = client;
    }, url);
    const station = await within(connected, 'the station to connect');
    const closes: unknown[] = [];
    station.on('close', (info) => closes.push(info));
    // 12 ping intervals; a missed pong would close the link after 150 ms.
    await new Promise((r) => setTimeout(r, 600));
    expect(closes).toEqual([]);
    expect(station.isOpen).toBe(true);
    const state = await page.evaluate(async () => {
      const client = (globalThis as unknown as PageGlobals).t.client as PageClient;
      await client.call('Heartbeat', {});
      return client.state;
    });
    expect(state).toBe('open');
  });

  it('reconnects after the CSMS drops the link, offering only the agreed protocol, and calls work again (OCPP-J 2.0.1 §5.3)', async () => {
    const { url, connected, nextStation, inbound } = await csms(['ocpp2.0.1', 'ocpp1.6']);
    const page = await newPage();
    await page.evaluate(async (endpoint) => {
      const g = globalThis as unknown as PageGlobals;
      const client = new g.ocpp.OCPPClient({
        endpoint,
        identity: 'CP-R',
        protocols: ['ocpp2.0.1', 'ocpp1.6'],
        reconnect: { waitMinimumMs: 50, randomRangeMs: 0 },
      });
      const log: string[] = [];
      g.t.log = log;
      client.on('disconnect', (info) => log.push(`disconnect ${info.code}`));
      client.on('reconnecting', ({ attempt }) => log.push(`reconnecting ${attempt}`));
      client.on('open', ({ protocol }) => log.push(`open ${protocol}`));
      g.t.client = client;
      await client.connect();
    }, url);
    const first = await within(connected, 'the station to connect');
    const again = nextStation();
    await first.close(1012, 'Service restart');
    const second = await within(again, 'the station to reconnect');
    expect(second.protocol).toBe('ocpp2.0.1');
    expect(second.handshake.offeredProtocols).toEqual(['ocpp2.0.1']);
    const log = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      await (g.t.client as PageClient).call('Heartbeat', {});
      return g.t.log;
    });
    expect(log).toEqual(['open ocpp2.0.1', 'disconnect 1012', 'reconnecting 1', 'open ocpp2.0.1']);
    expect(callActions(inbound)).toEqual(['Heartbeat']);
  });

  it('reports a CSMS that agrees no subprotocol as a ConnectError (Chromium fails such a handshake: 1006)', async () => {
    const raw = await rawCsms([]);
    const page = await newPage();
    const error = await page.evaluate(async (endpoint) => {
      const { ocpp } = globalThis as unknown as PageGlobals;
      const client = new ocpp.OCPPClient({ endpoint, identity: 'CP-8', protocols: ['ocpp1.6'] });
      const e = await client.connect().catch((x: unknown) => x);
      return e instanceof ocpp.ConnectError
        ? { code: e.code, message: e.message, status: e.status ?? null }
        : String(e);
    }, raw.url);
    expect(error).toMatchObject({ code: 'ConnectFailed', status: null });
    expect((error as { message: string }).message).toMatch(/1006/);
  });
});

describe('@ocpp-ws-io/browser/lite in Chromium', () => {
  it('works with only the validators it was given; other actions are unknown both ways (NotImplemented)', async () => {
    const { url, connected } = await csms(['ocpp1.6']);
    const page = await newPage();
    const result = await page.evaluate(async (endpoint) => {
      const { lite } = globalThis as unknown as PageGlobals;
      const client = new lite.OCPPClient({
        endpoint,
        identity: 'CP-L',
        protocols: ['ocpp1.6'],
        validators: { 'ocpp1.6': lite.validators16 },
      });
      client.handle('Reset', () => ({ status: 'Accepted' }));
      await client.connect();
      const boot = await client.call('BootNotification', {
        chargePointVendor: 'Acme',
        chargePointModel: 'Sim',
      });
      const unknown = await client
        .call('MeterValues', { connectorId: 1, meterValue: [] })
        .catch((e: unknown) => e instanceof lite.UnknownActionError);
      return { boot: boot.status, unknown };
    }, url);
    expect(result).toEqual({ boot: 'Accepted', unknown: true });
    const station = await within(connected, 'the station to connect');
    await expect(station.call('Reset', { type: 'Hard' })).resolves.toEqual({ status: 'Accepted' });
    await expect(station.call('UnlockConnector', { connectorId: 1 })).rejects.toMatchObject({
      code: 'NotImplemented',
    });
  });

  it('refuses strict mode without validators, with a message that says what to pass', async () => {
    const page = await newPage();
    const message = await page.evaluate(() => {
      const { lite } = globalThis as unknown as PageGlobals;
      try {
        // @ts-expect-error validators are required while strictMode is on
        new lite.OCPPClient({ endpoint: 'ws://127.0.0.1:1/ocpp', identity: 'CP-L', protocols: ['ocpp1.6'] });
        return 'constructed';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(message).toMatch(/needs validators for ocpp1\.6/);
  });
});
