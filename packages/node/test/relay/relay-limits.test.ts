// The relay's bounds: stations per page, pages per relay, frame size, and what it does when one
// side reads more slowly than the other writes (it pushes back towards the CSMSs when the page
// is slow; it closes a station whose CSMS does not read) — queues never grow without bound. And
// a page that vanished without a close is found by ping and its stations closed.

import type { Socket } from 'node:net';
import { startWsServer } from '@ocpp-ws-io/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { parse, type Received, rawPage, relayFor, startCsms, until } from './helpers.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
const tcp = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

describe('counts', () => {
  it('maxStationsPerLink: one more is refused (retryable: a slot may free up)', async () => {
    const csms = await startCsms();
    cleanup.push(() => csms.close());
    const relay = await relayFor(csms.url, { maxStationsPerLink: 2 });
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    expect((await page.open(1, `${csms.url}/CP-1`)).kind).toBe('opened');
    expect((await page.open(2, `${csms.url}/CP-2`)).kind).toBe('opened');
    expect(await page.open(3, `${csms.url}/CP-3`)).toMatchObject({
      kind: 'refused',
      json: {
        message: 'the relay carries at most 2 stations per page (maxStationsPerLink)',
        retryable: true,
      },
    });
    page.send('close 1 {"code":1000,"reason":""}');
    expect((await page.next()).kind).toBe('closed');
    expect((await page.open(4, `${csms.url}/CP-3`)).kind).toBe('opened');
  });

  it('maxLinks: one more page gets 503', async () => {
    const relay = await relayFor('ws://127.0.0.1:1/', { maxLinks: 1 });
    cleanup.push(() => relay.close());
    const first = await rawPage(relay.url);
    cleanup.push(() => first.socket.close());
    await expect(rawPage(relay.url)).rejects.toThrow(/unexpected response 503/);
  });
});

describe('frame size', () => {
  it('a page frame over maxFrameBytes ends the link (1009)', async () => {
    const relay = await relayFor('ws://127.0.0.1:1/', { maxFrameBytes: 1_000 });
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    page.send(`send 1 ${'x'.repeat(2_000)}`);
    expect((await page.socket.closed).code).toBe(1009);
  });

  it('a CSMS frame over maxFrameBytes ends that station (error, then closed) and not the link', async () => {
    const server = await startWsServer({
      protocols: ['ocpp1.6'],
      onConnection: (ws) => ws.on('message', () => ws.send('y'.repeat(5_000))),
    });
    cleanup.push(() => server.close());
    const relay = await relayFor(server.url, { maxFrameBytes: 1_000 });
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    await page.open(1, `${server.url}/ocpp/CP-1`);
    page.send('send 1 hello');
    const frames = [await page.next(), await page.next()];
    expect(frames.map((f) => f.kind)).toEqual(['error', 'closed']);
    expect(frames[0]!.json.message).toMatch(/max payload size exceeded/i);
    // ws fails the connection (it sends 1009 to the CSMS) and reports it as abnormal here.
    expect(frames[1]!.json.code).toBe(1006);
    expect((await page.open(2, `${server.url}/ocpp/CP-2`)).kind).toBe('opened');
  });
});

describe('backpressure', () => {
  it('a slow page: the relay stops reading from the CSMS, whose own queue grows instead; nothing is lost', async () => {
    const chunk = 'z'.repeat(64 * 1024);
    const COUNT = 400; // 25 MiB: well past the socket buffers and the relay's 256 KiB bound
    let csmsSocket: WebSocket | undefined;
    const server = await startWsServer({
      protocols: ['ocpp1.6'],
      onConnection: (ws) => {
        csmsSocket = ws;
        ws.on('message', () => {
          for (let i = 0; i < COUNT; i++) ws.send(`${i} ${chunk}`);
        });
      },
    });
    cleanup.push(() => server.close());
    const relay = await relayFor(server.url, { maxBufferedBytes: 256 * 1024 });
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    await page.open(1, `${server.url}/ocpp/CP-1`);
    tcp(page.socket.ws).pause();
    page.send('send 1 go');
    // Wait for a steady state: the CSMS's queue no longer moves.
    let last = -1;
    await until(
      () => {
        const now = csmsSocket?.bufferedAmount ?? -1;
        const steady = now === last && now >= 0;
        last = now;
        return steady;
      },
      10_000,
      100,
    );
    // The relay pushed back: what it could not pass on stayed queued at the CSMS, and its own
    // queue towards the page is bounded (the bound plus the frames that crossed the limit).
    expect(csmsSocket!.bufferedAmount).toBeGreaterThan(1024 * 1024);
    expect(relay.bufferedBytes).toBeLessThan(256 * 1024 + 2 * chunk.length);
    tcp(page.socket.ws).resume();
    for (let i = 0; i < COUNT; i++) {
      const frame = await page.next();
      expect(frame.kind).toBe('message');
      expect(frame.body.slice(0, frame.body.indexOf(' '))).toBe(String(i));
    }
  }, 30_000);

  it('a CSMS that does not read: its station is closed once maxBufferedBytes are queued', async () => {
    const server = await startWsServer({ protocols: ['ocpp1.6'], onConnection: (ws) => tcp(ws).pause() });
    cleanup.push(() => server.close());
    const relay = await relayFor(server.url, { maxBufferedBytes: 256 * 1024 });
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    await page.open(1, `${server.url}/ocpp/CP-1`);
    const frames: Received[] = [];
    page.socket.ws.on('message', (data) => frames.push(parse(data.toString())));
    const chunk = 'q'.repeat(64 * 1024);
    // Sent in bursts, with a turn of the event loop between them for the relay to answer.
    for (let i = 0; i < 40 && !frames.some((f) => f.kind === 'closed'); i++) {
      for (let j = 0; j < 50; j++) page.send(`send 1 ${chunk}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const closed = frames.find((f) => f.kind === 'closed');
    expect(closed).toMatchObject({ kind: 'closed', channel: 1, json: { code: 1006 } });
    expect(closed!.json.reason).toMatch(/^relay: the CSMS is not reading \(\d+ bytes queued\)$/);
    expect(relay.stations).toBe(0);
  }, 30_000);
});

describe('a vanished page', () => {
  it('no pong by the next ping: the link is dropped and its stations closed (1001)', async () => {
    const csms = await startCsms();
    cleanup.push(() => csms.close());
    const relay = await relayFor(csms.url, { pingIntervalMs: 100 });
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    await page.open(1, `${csms.url}/CP-1`);
    await until(() => csms.stations.length === 1);
    // The page stops reading (a frozen tab): it never answers the pings.
    tcp(page.socket.ws).pause();
    await until(() => csms.closes.length === 1, 5_000);
    expect(csms.closes[0]!.code).toBe(1001);
    expect(relay.links).toBe(0);
    page.socket.ws.terminate();
  });
});
