// Station-grade resilience, Node client ↔ Node server over 127.0.0.1 through the fault proxy:
// CSMS restarts and link cuts during transaction streams, a half-open link, late responses, a
// flood of calls during a reconnect, and a station process killed mid-stream (FileMessageStore).
// Every wait is bounded; nothing here asserts on speed (that lives in bench/).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FaultProxy, startFaultProxy } from '@ocpp-ws-io/test-utils';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import {
  durableDelivery,
  FileMessageStore,
  LimitError,
  MemoryMessageStore,
  type MessageStore,
  NO_REPLY,
  OCPPClient,
  OCPPServer,
  TimeoutError,
} from '../src/index.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const FAST_RECONNECT = { waitMinimumMs: 5, randomRangeMs: 5, repeatTimes: 4 } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves like `promise`, or rejects after `ms` naming what never happened. */
function within<T>(promise: Promise<T>, label: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${label}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every 5 ms, at most `ms`. */
async function until(condition: () => boolean, label: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${label}`);
    await sleep(5);
  }
}

// ── transaction streams ─────────────────────────────────────────────────────────────────────────

/** One transaction message as the CSMS saw it: the station's sequence number and the connection. */
interface Seen {
  readonly seq: number;
  readonly action: string;
  readonly connection: number;
}

/** The station's sequence number carried by a 1.6 transaction message. */
function seqOf(action: string, params: Record<string, unknown>): number {
  if (action === 'StartTransaction') return params.meterStart as number;
  if (action === 'StopTransaction') return params.meterStop as number;
  const values = params.meterValue as Array<{ sampledValue: Array<{ value: string }> }>;
  return Number(values[0]!.sampledValue[0]!.value);
}

/** Transaction-message log of a CSMS, kept across server restarts: identity → messages in arrival order. */
class TxLog {
  readonly byStation = new Map<string, Seen[]>();
  private readonly connections = new Map<string, number>();
  total = 0;
  private watchers: Array<{ at: number; resolve: () => void }> = [];

  connected(identity: string): number {
    const n = (this.connections.get(identity) ?? 0) + 1;
    this.connections.set(identity, n);
    return n;
  }

  record(identity: string, action: string, params: Record<string, unknown>, connection: number): void {
    const list = this.byStation.get(identity) ?? [];
    list.push({ seq: seqOf(action, params), action, connection });
    this.byStation.set(identity, list);
    this.total++;
    this.watchers = this.watchers.filter((w) => {
      if (this.total < w.at) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `n` more transaction messages arrived. */
  after(n: number): Promise<void> {
    return new Promise((resolve) => this.watchers.push({ at: this.total + n, resolve }));
  }
}

/**
 * Checks one station's log against what it sent (seq 0 … expected-1): lost = never received;
 * a duplicate is allowed only as the first message of a new connection and only for a message
 * received just before that connection was lost (its response was lost: OCPP-J at-least-once).
 */
function analyse(seen: readonly Seen[], expected: number, allowedBack = 0) {
  let max = -1;
  let duplicates = 0;
  const violations: string[] = [];
  let previous: Seen | undefined;
  for (const s of seen) {
    if (s.seq === max + 1) max = s.seq;
    else if (s.seq <= max) {
      duplicates++;
      const firstOnConnection = previous !== undefined && previous.connection !== s.connection;
      if (!firstOnConnection || s.seq < max - allowedBack)
        violations.push(`duplicate ${s.action} #${s.seq} after #${max} (connection ${s.connection})`);
    } else violations.push(`gap: ${s.action} #${s.seq} after #${max}`);
    previous = s;
  }
  const unique = new Set(seen.map((s) => s.seq)).size;
  return { received: seen.length, unique, lost: expected - unique, duplicates, violations };
}

/** A 1.6 CSMS on a fixed port that logs transaction messages into `log`. */
async function startTxCsms(log: TxLog, port = 0, answer: (seq: number) => boolean = () => true) {
  const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
  server.on('client', (station) => {
    const connection = log.connected(station.identity);
    const tx = (action: string) => (ctx: { params: object }) => {
      const params = ctx.params as Record<string, unknown>;
      log.record(station.identity, action, params, connection);
      return answer(seqOf(action, params));
    };
    station.handle('BootNotification', () => ({
      currentTime: new Date().toISOString(),
      interval: 300,
      status: 'Accepted',
    }));
    station.handle('StartTransaction', (ctx) =>
      tx('StartTransaction')(ctx)
        ? { transactionId: ctx.params.meterStart + 1, idTagInfo: { status: 'Accepted' } }
        : NO_REPLY,
    );
    station.handle('MeterValues', (ctx) => (tx('MeterValues')(ctx) ? {} : NO_REPLY));
    station.handle('StopTransaction', (ctx) =>
      tx('StopTransaction')(ctx) ? { idTagInfo: { status: 'Accepted' } } : NO_REPLY,
    );
  });
  const info = await server.listen({ port, host: '127.0.0.1' });
  return { server, port: info.port };
}

/**
 * A station's transaction stream: per transaction StartTransaction (awaited: its id is needed),
 * then `meters` MeterValues and StopTransaction queued without waiting. Every message carries the
 * station's next sequence number. Resolves with the count once every call was answered.
 */
async function streamTransactions(
  client: OCPPClient<'ocpp1.6'>,
  transactions: number,
  meters: number,
): Promise<number> {
  let seq = 0;
  const pending: Promise<unknown>[] = [];
  const ts = () => new Date().toISOString();
  for (let t = 0; t < transactions; t++) {
    const { transactionId } = await client.call('StartTransaction', {
      connectorId: 1,
      idTag: 'TAG-1',
      meterStart: seq++,
      timestamp: ts(),
    });
    for (let m = 0; m < meters; m++) {
      pending.push(
        client.call('MeterValues', {
          connectorId: 1,
          transactionId,
          meterValue: [{ timestamp: ts(), sampledValue: [{ value: String(seq++) }] }],
        }),
      );
    }
    pending.push(client.call('StopTransaction', { transactionId, meterStop: seq++, timestamp: ts() }));
  }
  await Promise.all(pending);
  return seq;
}

function station(identity: string, port: number, store: MessageStore, extra: Record<string, unknown> = {}) {
  const client = new OCPPClient({
    endpoint: `ws://127.0.0.1:${port}/ocpp`,
    identity,
    protocols: ['ocpp1.6'],
    reconnect: FAST_RECONNECT,
    callTimeoutMs: 10_000,
    durable: durableDelivery({ store, retryIntervalMs: 10 }),
    ...extra,
  });
  cleanups.push(() => client.close());
  return client;
}

async function proxied(targetPort: number): Promise<FaultProxy> {
  const proxy = await startFaultProxy(targetPort);
  cleanups.push(() => proxy.close());
  return proxy;
}

// ── (a) 100 CSMS restarts / link cuts during transaction streams ────────────────────────────────

describe('(a) the CSMS restarts 100 times during transaction streams', () => {
  it.each(['memory', 'file'] as const)(
    '%s store: zero transaction messages lost, order kept per station, duplicates only after a lost response',
    async (kind) => {
      const STATIONS = 3;
      const TRANSACTIONS = 8;
      const METERS = 48;
      const RESTARTS = 100;
      const expected = TRANSACTIONS * (METERS + 2);
      const dir = await mkdtemp(join(tmpdir(), 'ocpp-resilience-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));

      const log = new TxLog();
      let csms = await startTxCsms(log);
      const port = csms.port;
      cleanups.push(() => csms.server.close());
      const proxy = await proxied(port);
      const stores = Array.from({ length: STATIONS }, (_, i) =>
        kind === 'memory' ? new MemoryMessageStore() : new FileMessageStore(join(dir, `cp-${i}.json`)),
      );
      // Runs after the clients' close() (cleanups run in reverse) and before rm(dir): a write the
      // durable lane started while closing must land first, or rm can meet a fresh temp file
      // (ENOTEMPTY, seen about once in ten full runs).
      cleanups.push(() =>
        Promise.all(stores.map((s) => (s instanceof FileMessageStore ? s.flush() : undefined))),
      );
      const clients = stores.map((store, i) => station(`CP-${i}`, proxy.port, store));
      const reconnects = clients.map(() => 0);
      for (const [i, c] of clients.entries()) c.on('open', () => reconnects[i]!++);
      await Promise.all(clients.map((c) => c.connect()));

      const streams = Promise.all(clients.map((c) => streamTransactions(c, TRANSACTIONS, METERS)));
      let finished = false;
      void streams.then(
        () => (finished = true),
        () => (finished = true),
      );
      let restarts = 0;
      let cuts = 0;
      for (let i = 0; i < RESTARTS && !finished; i++) {
        // Every fifth transaction message, the link goes: a full server restart on the same port
        // (close → 1001, listen again) or a proxy cut (1006, responses in flight lost).
        await within(Promise.race([log.after(5), streams]), `transaction messages before fault ${i + 1}`);
        if (finished) break;
        if (i % 2 === 0) {
          await csms.server.close();
          csms = await startTxCsms(log, port);
          restarts++;
        } else {
          proxy.cut();
          cuts++;
        }
      }
      const sent = await within(streams, 'every transaction message to be answered', 60_000);
      expect(sent).toEqual(Array(STATIONS).fill(expected));
      expect(restarts + cuts).toBe(RESTARTS);

      const results = clients.map((c) => analyse(log.byStation.get(c.identity) ?? [], expected));
      const report = {
        store: kind,
        stations: STATIONS,
        faults: restarts + cuts,
        serverRestarts: restarts,
        proxyCuts: cuts,
        reconnectsSurvived: reconnects.reduce((a, b) => a + b, 0) - STATIONS,
        sent: STATIONS * expected,
        received: results.reduce((a, r) => a + r.received, 0),
        lost: results.reduce((a, r) => a + r.lost, 0),
        duplicates: results.reduce((a, r) => a + r.duplicates, 0),
      };
      console.log(`[resilience a] ${JSON.stringify(report)}`);
      for (const r of results) {
        expect(r.violations).toEqual([]);
        expect(r.lost).toBe(0);
      }
      for (const store of stores) expect(await store.load()).toEqual([]);
    },
    90_000,
  );
});

// ── (b) half-open link ──────────────────────────────────────────────────────────────────────────

describe('(b) a half-open connection', () => {
  it('is detected by ping/pong within a bounded time; the client reconnects and goes on', async () => {
    const log = new TxLog();
    const csms = await startTxCsms(log);
    cleanups.push(() => csms.server.close());
    csms.server.on('client', (s) => s.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() })));
    const proxy = await proxied(csms.port);
    const store = new MemoryMessageStore();
    const PING = 100;
    const PONG = 200;
    const client = station('CP-HALF', proxy.port, store, { pingIntervalMs: PING, pongTimeoutMs: PONG });
    await client.connect();
    await client.call('Heartbeat', {});

    const lost = new Promise<{ code: number; at: number }>((resolve) =>
      client.on('disconnect', ({ code }) => resolve({ code, at: Date.now() })),
    );
    const reopened = new Promise<number>((resolve) => {
      const off = client.on('open', () => {
        off();
        resolve(Date.now());
      });
    });
    const stalledAt = Date.now();
    proxy.stall();
    // Sent into the dead link: stays in flight until keep-alive notices, then goes again.
    const start = client.call('StartTransaction', {
      connectorId: 1,
      idTag: 'TAG-1',
      meterStart: 0,
      timestamp: new Date().toISOString(),
    });
    const { code, at } = await within(lost, 'the half-open link to be detected', 5_000);
    expect(code).toBe(1006);
    const reopenedAt = await within(reopened, 'the reconnect', 5_000);
    await expect(within(start, 'the StartTransaction after the reconnect')).resolves.toMatchObject({
      transactionId: 1,
    });
    await expect(client.call('Heartbeat', {})).resolves.toHaveProperty('currentTime');
    console.log(
      `[resilience b] ${JSON.stringify({ pingIntervalMs: PING, pongTimeoutMs: PONG, detectedAfterMs: at - stalledAt, reconnectedAfterMs: reopenedAt - stalledAt, bound: PING + PONG })}`,
    );
    expect(analyse(log.byStation.get('CP-HALF') ?? [], 1).lost).toBe(0);
    expect(await store.load()).toEqual([]);
    proxy.resume();
  });
});

// ── (c) late responses ──────────────────────────────────────────────────────────────────────────

describe('(c) a response arriving after its timeout', () => {
  async function echoCsms() {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
    server.on('client', (s) =>
      s.handle('DataTransfer', ({ params }) => ({ status: 'Accepted', data: params.data ?? '' })),
    );
    const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => server.close());
    return port;
  }

  it('never resolves another call', async () => {
    const proxy = await proxied(await echoCsms());
    const client = new OCPPClient({
      endpoint: `ws://127.0.0.1:${proxy.port}/ocpp`,
      identity: 'CP-LATE',
      protocols: ['ocpp1.6'],
    });
    cleanups.push(() => client.close());
    await client.connect();
    const inbound: string[] = [];
    client.on('message', ({ direction, data }) => direction === 'in' && inbound.push(data));
    proxy.delay(60); // 120 ms round trip
    const ROUNDS = 10;
    let late = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const first = client.call('DataTransfer', { vendorId: 'T', data: `first-${i}` }, { timeoutMs: 30 });
      const second = client.call(
        'DataTransfer',
        { vendorId: 'T', data: `second-${i}` },
        { timeoutMs: 5_000 },
      );
      await expect(first).rejects.toBeInstanceOf(TimeoutError);
      await expect(second).resolves.toEqual({ status: 'Accepted', data: `second-${i}` });
      // The late answer to `first` did arrive while `second` was pending, and was dropped.
      if (inbound.some((f) => f.includes(`first-${i}`))) late++;
    }
    console.log(
      `[resilience c] ${JSON.stringify({ rounds: ROUNDS, lateResponsesArrived: late, misrouted: 0 })}`,
    );
    expect(late).toBe(ROUNDS);
  });

  // A durable call that times out is sent again on the same connection (OCPP-J 2.1 §4.1.4: "a
  // retried message (e.g. when no response was received within timeout)"), and the next
  // transaction message waits behind it (1.6 §3.7).
  it('re-sends a timed-out transaction message and keeps later ones behind it', async () => {
    const log = new TxLog();
    const csms = await startTxCsms(log);
    cleanups.push(() => csms.server.close());
    const proxy = await proxied(csms.port);
    const store = new MemoryMessageStore();
    const client = station('CP-SLOW', proxy.port, store, { callTimeoutMs: 40 });
    await client.connect();
    proxy.delay(50); // the first answer comes after the timeout
    const ts = new Date().toISOString();
    const start = client.call('StartTransaction', {
      connectorId: 1,
      idTag: 'T',
      meterStart: 0,
      timestamp: ts,
    });
    const startSettled = start.then(
      () => 'fulfilled',
      () => 'rejected',
    );
    await sleep(60);
    proxy.delay(0);
    const stop = client.call('StopTransaction', { transactionId: 1, meterStop: 1, timestamp: ts });
    const [startOutcome, stopOutcome] = await within(
      Promise.all([
        startSettled,
        stop.then(
          () => 'fulfilled',
          () => 'rejected',
        ),
      ]),
      'both transaction messages',
    );
    expect(startOutcome).toBe('fulfilled');
    expect(stopOutcome).toBe('fulfilled');
    const seen = log.byStation.get('CP-SLOW') ?? [];
    // Retries after a timeout repeat the same message back to back; the order must hold.
    const retried = seen.filter((s, i) => i > 0 && s.seq === seen[i - 1]!.seq).length;
    const distinct = seen.filter((s, i) => i === 0 || s.seq !== seen[i - 1]!.seq);
    expect(distinct.map((s) => s.action)).toEqual(['StartTransaction', 'StopTransaction']);
    expect(retried).toBeGreaterThan(0);
  });
});

// ── (d) a flood of calls during a reconnect ─────────────────────────────────────────────────────

describe('(d) a flood of calls during a reconnect', () => {
  it('stays bounded (LimitError past the limits) and keeps the order', async () => {
    const log = new TxLog();
    const csms = await startTxCsms(log);
    cleanups.push(() => csms.server.close());
    const dataSeen: number[] = [];
    csms.server.on('client', (s) =>
      s.handle('DataTransfer', ({ params }) => {
        dataSeen.push(Number(params.data));
        return { status: 'Accepted' };
      }),
    );
    const proxy = await proxied(csms.port);
    const store = new MemoryMessageStore();
    const QUEUE = 50;
    const STORED = 100;
    const client = new OCPPClient({
      endpoint: `ws://127.0.0.1:${proxy.port}/ocpp`,
      identity: 'CP-FLOOD',
      protocols: ['ocpp1.6'],
      reconnect: FAST_RECONNECT,
      maxQueuedCalls: QUEUE,
      durable: durableDelivery({ store, maxStoredMessages: STORED, retryIntervalMs: 10 }),
    });
    cleanups.push(() => client.close());
    await client.connect();
    const { transactionId } = await client.call('StartTransaction', {
      connectorId: 1,
      idTag: 'T',
      meterStart: 0,
      timestamp: new Date().toISOString(),
    });

    // The CSMS goes away and stays away while the station floods.
    proxy.refuse(true);
    const down = new Promise((r) => client.on('disconnect', r));
    proxy.cut();
    await within(down, 'the disconnect');
    const heapBefore = process.memoryUsage().heapUsed;
    const FLOOD = 2_000;
    const plain = Array.from({ length: FLOOD }, (_, i) =>
      client.call('DataTransfer', { vendorId: 'T', data: String(i) }).then(
        () => 'ok' as const,
        (e: unknown) => (e instanceof LimitError ? ('limit' as const) : e),
      ),
    );
    const durable: Array<Promise<unknown>> = [];
    let seq = 1;
    for (let i = 0; i < FLOOD / 4; i++) {
      durable.push(
        client
          .call('MeterValues', {
            connectorId: 1,
            transactionId,
            meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(seq++) }] }],
          })
          .then(
            () => 'ok' as const,
            (e: unknown) => (e instanceof LimitError ? ('limit' as const) : e),
          ),
      );
      // One at a time (each write settles before the next call); see the GAP test below.
      await new Promise((r) => setImmediate(r));
    }
    const maxQueued = client.queuedCalls;
    const heapDuringMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    expect(maxQueued).toBeLessThanOrEqual(QUEUE + STORED);
    expect((await store.load()).length).toBeLessThanOrEqual(STORED);

    proxy.refuse(false);
    const plainOutcome = await within(Promise.all(plain), 'the plain calls');
    const durableOutcome = await within(Promise.all(durable), 'the durable calls');
    const count = (list: unknown[], what: unknown) => list.filter((x) => x === what).length;
    const report = {
      flood: FLOOD + FLOOD / 4,
      maxQueuedCalls: QUEUE,
      maxStoredMessages: STORED,
      queuedAtPeak: maxQueued,
      plainDelivered: count(plainOutcome, 'ok'),
      plainRefused: count(plainOutcome, 'limit'),
      durableDelivered: count(durableOutcome, 'ok'),
      durableRefused: count(durableOutcome, 'limit'),
      heapGrowthMiB: Number(heapDuringMiB.toFixed(1)),
    };
    console.log(`[resilience d] ${JSON.stringify(report)}`);
    expect(report.plainDelivered).toBe(QUEUE);
    expect(report.plainRefused).toBe(FLOOD - QUEUE);
    expect(report.durableDelivered).toBe(STORED);
    expect(report.durableRefused).toBe(FLOOD / 4 - STORED);
    // Delivered in the order made: the first QUEUE plain calls, the first STORED meter values.
    expect(dataSeen).toEqual(Array.from({ length: QUEUE }, (_, i) => i));
    const meters = (log.byStation.get('CP-FLOOD') ?? []).filter((s) => s.action === 'MeterValues');
    expect(meters.map((s) => s.seq)).toEqual(Array.from({ length: STORED }, (_, i) => i + 1));
    expect(await store.load()).toEqual([]);
  });

  // maxStoredMessages counts writes still in progress, so a burst in one tick cannot overshoot.
  it('bounds the durable store also for a synchronous burst', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
    const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => server.close());
    const store = new MemoryMessageStore();
    const client = station('CP-BURST', port, store, {
      durable: durableDelivery({ store, maxStoredMessages: 10 }),
    });
    client.on('error', () => {});
    // Connecting, not yet open: everything waits.
    const connecting = client.connect().catch(() => {});
    const calls = Array.from({ length: 50 }, (_, i) =>
      client
        .call('MeterValues', {
          connectorId: 1,
          transactionId: 1,
          meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(i) }] }],
        })
        .catch(() => {}),
    );
    await sleep(0);
    expect(store.size).toBeLessThanOrEqual(10);
    await client.close();
    await connecting;
    await Promise.all(calls);
  });
});

// ── FileMessageStore across a process kill ──────────────────────────────────────────────────────

const CHILD = `
import { durableDelivery, FileMessageStore, OCPPClient } from '../src/index.js';
const [url, file, phase, total] = process.argv.slice(2);
class Tracing extends FileMessageStore {
  async put(message) { await super.put(message); process.stdout.write('put ' + message.key + '\\n'); }
}
const store = new Tracing(file);
const client = new OCPPClient({
  endpoint: url, identity: 'CP-FILE', protocols: ['ocpp1.6'],
  reconnect: { waitMinimumMs: 5, randomRangeMs: 5 }, callTimeoutMs: 60000,
  durable: durableDelivery({ store, retryIntervalMs: 10 }),
});
client.on('delivered', (e) => process.stdout.write('delivered ' + e.action + '\\n'));
await client.connect();
if (phase === 'first') {
  const ts = () => new Date().toISOString();
  const { transactionId } = await client.call('StartTransaction', { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: ts() });
  const n = Number(total);
  for (let seq = 1; seq < n - 1; seq++)
    client.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: ts(), sampledValue: [{ value: String(seq) }] }] }).catch(() => {});
  client.call('StopTransaction', { transactionId, meterStop: n - 1, timestamp: ts() }).catch(() => {});
  setTimeout(() => process.exit(3), 30000); // bounded: the test kills it long before
} else {
  const deadline = Date.now() + 30000;
  while ((await store.load()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const left = (await store.load()).length;
  await client.close();
  await store.flush();
  process.stdout.write('left ' + left + '\\n');
  process.exit(left === 0 ? 0 : 1);
}
`;

// A station that goes offline, makes one StopTransaction and then ends at once, in one of four
// ways: process.exit() after store.flush(); SIGKILL after store.flush(); SIGKILL after the lane's
// flush(); SIGKILL from inside onStored. Its next run ('deliver') connects and must send it.
// connect() is not awaited, so the write also waits for the file's first read (issue #17).
const EXIT_CHILD = `
import { durableDelivery, FileMessageStore, OCPPClient } from '../src/index.js';
const [url, file, mode, meterStop] = process.argv.slice(2);
const store = new FileMessageStore(file);
const durable = durableDelivery({ store, retryIntervalMs: 10 });
const client = new OCPPClient({
  endpoint: url, identity: 'CP-EXIT', protocols: ['ocpp1.6'],
  reconnect: { waitMinimumMs: 5, randomRangeMs: 5 }, callTimeoutMs: 60000, durable,
});
client.on('error', () => {});
setTimeout(() => process.exit(3), 20000); // bounded
const kill = () => process.kill(process.pid, 'SIGKILL');
if (mode === 'deliver') {
  let delivered = 0;
  client.on('delivered', () => delivered++);
  await client.connect();
  while ((await store.load()).length > 0) await new Promise((r) => setTimeout(r, 10));
  await client.close();
  await store.flush();
  process.stdout.write('delivered ' + delivered + '\\n');
  process.exit(0);
}
client.connect().catch(() => {});
const stop = { transactionId: 1, meterStop: Number(meterStop), timestamp: new Date().toISOString() };
client.call('StopTransaction', stop, mode === 'stored' ? { onStored: kill } : undefined).catch(() => {});
if (mode === 'flush-exit') { await store.flush(); process.exit(0); }
if (mode === 'flush-kill') { await store.flush(); kill(); }
if (mode === 'lane-flush-kill') { await durable.flush(); kill(); }
`;

describe('FileMessageStore', () => {
  async function bundleChild(dir: string, contents = CHILD): Promise<string> {
    const out = join(dir, 'station.mjs');
    await build({
      stdin: {
        contents,
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        sourcefile: 'station.mjs',
        loader: 'js',
      },
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      logLevel: 'silent',
      // ws's optional native helpers are loaded with try/require: keep CommonJS require working.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    return out;
  }

  function run(script: string, args: string[]) {
    const child: ChildProcess = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    return { child, lines, exited, stderr: () => err };
  }

  /** Messages in the store file right now (0 while it does not exist or is being replaced). */
  function storedOnDisk(file: string): number {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { messages: unknown[] }).messages.length;
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }

  it('keeps transaction messages through a process killed mid-stream; the next process delivers them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocpp-file-store-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const script = await bundleChild(dir);
    const file = join(dir, 'queue.json');
    const TOTAL = 60;
    const ANSWERED = 20;
    let answering = true;
    const log = new TxLog();
    // The first CSMS answers the first ANSWERED messages, then hangs (answers nothing).
    const csms = await startTxCsms(log, 0, (seq) => answering && seq < ANSWERED);
    cleanups.push(() => csms.server.close());
    const url = `ws://127.0.0.1:${csms.port}/ocpp`;

    const first = run(script, [url, file, 'first', String(TOTAL)]);
    await within(
      until(
        () =>
          first.lines.filter((l) => l.startsWith('put ')).length >= TOTAL &&
          log.total > ANSWERED &&
          // The answered messages are gone from the file: a kill now tests what is still owed.
          // (A kill between an answer and its removal re-sends that message next run: the
          // at-least-once duplicate every durable queue has.)
          storedOnDisk(file) <= TOTAL - ANSWERED,
        'every message stored, the answered ones removed, and the CSMS hanging',
      ),
      `the first station (stderr: ${first.stderr()})`,
      20_000,
    );
    first.child.kill('SIGKILL');
    expect(await within(first.exited, 'the kill')).toBe(null);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { messages: unknown[] };
    const leftByFirst = onDisk.messages.length;

    answering = false;
    const answerAll = true;
    const csms2 = await startTxCsms(log, 0, () => answerAll);
    cleanups.push(() => csms2.server.close());
    const second = run(script, [`ws://127.0.0.1:${csms2.port}/ocpp`, file, 'second', String(TOTAL)]);
    const code = await within(second.exited, `the second station (stderr: ${second.stderr()})`, 30_000);
    expect(code).toBe(0);
    const seen = log.byStation.get('CP-FILE') ?? [];
    const result = analyse(seen, TOTAL, 1);
    console.log(
      `[resilience file] ${JSON.stringify({ sent: TOTAL, storedAtKill: leftByFirst, deliveredAfterRestart: second.lines.filter((l) => l.startsWith('delivered')).length, received: result.received, lost: result.lost, duplicates: result.duplicates })}`,
    );
    expect(result.violations).toEqual([]);
    expect(result.lost).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, messages: [] });
  }, 60_000);

  it('loses nothing when the station exits or is killed right after flush() or onStored (issue #17, OCPP 1.6 §3.7)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocpp-file-store-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const script = await bundleChild(dir, EXIT_CHILD);
    const file = join(dir, 'queue.json');
    // Offline: nothing listens on this port (a server bound and closed to find a free one).
    const probe = await startTxCsms(new TxLog());
    const offline = `ws://127.0.0.1:${probe.port}/ocpp`;
    await probe.server.close();

    const modes = ['flush-exit', 'flush-kill', 'lane-flush-kill', 'stored'] as const;
    const ROUNDS = 3;
    const made: Record<string, number[]> = {};
    let meterStop = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of modes) {
        const child = run(script, [offline, file, mode, String(++meterStop)]);
        const code = await within(child.exited, `the ${mode} station (stderr: ${child.stderr()})`, 20_000);
        expect(code, `${mode}: ${child.stderr()}`).toBe(mode === 'flush-exit' ? 0 : null);
        made[mode] = [...(made[mode] ?? []), meterStop];
      }
    }

    const log = new TxLog();
    const csms = await startTxCsms(log);
    cleanups.push(() => csms.server.close());
    const next = run(script, [`ws://127.0.0.1:${csms.port}/ocpp`, file, 'deliver', '0']);
    expect(await within(next.exited, `the next run (stderr: ${next.stderr()})`, 20_000)).toBe(0);
    const received = new Set((log.byStation.get('CP-EXIT') ?? []).map((m) => m.seq));
    const lost = Object.fromEntries(
      Object.entries(made).map(([mode, stops]) => [mode, stops.filter((m) => !received.has(m))]),
    );
    console.log(`[resilience exit] ${JSON.stringify({ made: meterStop, received: received.size, lost })}`);
    expect(lost).toEqual({ 'flush-exit': [], 'flush-kill': [], 'lane-flush-kill': [], stored: [] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, messages: [] });
  }, 120_000);

  it('writes atomically and serialises concurrent writes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocpp-file-store-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'q.json');
    const store = new FileMessageStore(file);
    expect(await store.load()).toEqual([]);
    const msg = (i: number) => ({
      key: String(i).padStart(4, '0'),
      action: 'MeterValues',
      params: { i },
      attempts: 0,
      createdAtMs: i,
    });
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.put(msg(i))));
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.delete(msg(i * 2).key)));
    const reread = await new FileMessageStore(file).load();
    expect(reread.map((m) => m.key).sort()).toEqual(Array.from({ length: 50 }, (_, i) => msg(i * 2 + 1).key));
    // No temporary files left behind.
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual(['q.json']);
    // A file that is not a store is refused, never treated as an empty queue.
    await writeFile(file, '{"hello":1}');
    await expect(new FileMessageStore(file).load()).rejects.toThrow(/not a message store/);
  });
});
