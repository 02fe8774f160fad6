// DurableObjectMessageStore in real workerd: a station client running inside a Durable Object
// streams a transaction to a Node CSMS through the fault proxy, which cuts the link again and
// again (nothing lost, order kept); a message the CSMS never answered stays in ctx.storage after
// the client is gone and a new client delivers it; the store keeps to its prefix.
import { fileURLToPath } from 'node:url';
import { NO_REPLY, OCPPServer } from '@ocpp-ws-io/core';
import {
  buildWorker,
  type FaultProxy,
  type RunningWorkerd,
  startFaultProxy,
  startWorkerd,
} from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeCsms } from './helpers/node-ws.js';
import { validators } from './helpers/stations.js';

// The Worker under test: a Durable Object that runs a station client with the store.
const WORKER = `
import { DurableObject } from 'cloudflare:workers';
import { DurableObjectMessageStore, durableDelivery, OCPPClient } from '../src/index.js';

const ts = () => new Date().toISOString();

export class StationDO extends DurableObject {
  client(endpoint, prefix) {
    return new OCPPClient({
      endpoint, identity: 'CP-DO', protocols: ['ocpp1.6'], callTimeoutMs: 30000,
      reconnect: { waitMinimumMs: 5, randomRangeMs: 5, repeatTimes: 4 },
      durable: durableDelivery({ store: new DurableObjectMessageStore(this.ctx.storage, prefix), retryIntervalMs: 10 }),
    });
  }
  async fetch(request) {
    const url = new URL(request.url);
    const endpoint = url.searchParams.get('endpoint');
    const store = new DurableObjectMessageStore(this.ctx.storage, 'cp:');
    if (url.pathname === '/stream') {
      const total = Number(url.searchParams.get('total'));
      const client = this.client(endpoint, 'cp:');
      let opens = 0;
      client.on('open', () => opens++);
      await client.connect();
      const start = await client.call('StartTransaction', { connectorId: 1, idTag: 'TAG', meterStart: 0, timestamp: ts() });
      const pending = [];
      for (let seq = 1; seq < total - 1; seq++)
        pending.push(client.call('MeterValues', { connectorId: 1, transactionId: start.transactionId,
          meterValue: [{ timestamp: ts(), sampledValue: [{ value: String(seq) }] }] }));
      pending.push(client.call('StopTransaction', { transactionId: start.transactionId, meterStop: total - 1, timestamp: ts() }));
      await Promise.all(pending);
      await client.close();
      return Response.json({ opens, left: (await store.load()).length });
    }
    if (url.pathname === '/hang') {
      // The CSMS never answers: the message stays stored when this client goes away.
      const client = this.client(endpoint, 'cp:');
      await client.connect();
      client.call('StopTransaction', { transactionId: 9, meterStop: 999, timestamp: ts() }).catch(() => {});
      for (let i = 0; i < 200 && (await store.load()).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      await client.close();
      return Response.json({ stored: (await store.load()).map((m) => m.action) });
    }
    if (url.pathname === '/resume') {
      const prefix = url.searchParams.get('prefix') ?? 'cp:';
      const count = Number(url.searchParams.get('count') ?? 1);
      const client = this.client(endpoint, prefix);
      const delivered = [];
      client.on('delivered', (e) => delivered.push(e.action));
      await client.connect();
      for (let i = 0; i < 300 && delivered.length < count; i++) await new Promise((r) => setTimeout(r, 10));
      await client.close();
      return Response.json({ delivered, left: (await new DurableObjectMessageStore(this.ctx.storage, prefix).load()).length });
    }
    if (url.pathname === '/make-and-abort') {
      // Offline: one StopTransaction, wait for the store as the app would, then reset the object
      // (ctx.abort(): in-memory state gone, as after an eviction or a crash). connect() is not
      // awaited, so the write races the connection attempt.
      const wait = url.searchParams.get('wait');
      const store = new DurableObjectMessageStore(this.ctx.storage, 'kill:');
      const durable = durableDelivery({ store });
      const client = new OCPPClient({ endpoint, identity: 'CP-DO', protocols: ['ocpp1.6'],
        reconnect: { waitMinimumMs: 50, randomRangeMs: 5 }, durable });
      client.on('error', () => {});
      client.connect().catch(() => {});
      let stored;
      const storedNow = new Promise((resolve) => (stored = resolve));
      const stop = { transactionId: 1, meterStop: Number(url.searchParams.get('meterStop')), timestamp: ts() };
      client.call('StopTransaction', stop, wait === 'stored' ? { onStored: stored } : {}).catch(() => {});
      if (wait === 'flush') await store.flush();
      if (wait === 'lane') await durable.flush();
      if (wait === 'stored') await storedNow;
      this.ctx.abort('reset right after ' + wait);
      return new Response('unreachable: abort() ends the object');
    }
    if (url.pathname === '/prefix') {
      const a = new DurableObjectMessageStore(this.ctx.storage, 'a:');
      const b = new DurableObjectMessageStore(this.ctx.storage, 'b:');
      const m = (key) => ({ key, action: 'MeterValues', params: { key }, attempts: 0, createdAtMs: 1 });
      await a.put(m('2')); await a.put(m('1')); await b.put(m('1'));
      await a.put({ ...m('1'), attempts: 2 });
      const before = { a: (await a.load()).map((x) => [x.key, x.attempts]), b: (await b.load()).map((x) => x.key) };
      await a.delete('1'); await a.delete('missing');
      await this.ctx.storage.put('unrelated', 1);
      const after = { a: (await a.load()).map((x) => x.key), b: (await b.load()).map((x) => x.key) };
      return Response.json({ before, after });
    }
    return new Response('not found', { status: 404 });
  }
}

export default {
  fetch(request, env) {
    return env.STATION.getByName('CP-DO').fetch(request);
  },
};
`;

let worker: RunningWorkerd;
beforeAll(async () => {
  const script = await buildWorker(
    {
      contents: WORKER,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      sourcefile: 'resilience-worker.js',
    },
    { fromSource: true },
  );
  worker = await startWorkerd({
    script,
    durableObjects: { STATION: 'StationDO' },
  });
});
afterAll(() => worker?.dispose());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A strict 1.6 CSMS on Node, logging the sequence numbers of transaction messages. */
async function txCsms(answer = true) {
  const server = new OCPPServer({ protocols: ['ocpp1.6'], validators });
  const seen: Array<{ seq: number; connection: number }> = [];
  let connections = 0;
  server.on('client', (station) => {
    const connection = ++connections;
    station.handle('StartTransaction', ({ params }) => {
      seen.push({ seq: params.meterStart, connection });
      return answer ? { transactionId: 5, idTagInfo: { status: 'Accepted' } } : NO_REPLY;
    });
    station.handle('MeterValues', ({ params }) => {
      seen.push({ seq: Number(params.meterValue[0]?.sampledValue[0]?.value), connection });
      return answer ? {} : NO_REPLY;
    });
    station.handle('StopTransaction', ({ params }) => {
      seen.push({ seq: params.meterStop, connection });
      return answer ? { idTagInfo: { status: 'Accepted' } } : NO_REPLY;
    });
  });
  const running = await startNodeCsms(server);
  return { ...running, seen };
}

describe('DurableObjectMessageStore in workerd', () => {
  it('keeps messages apart per prefix; put replaces by key; delete forgets', async () => {
    const res = await fetch(`${worker.url}/prefix`);
    expect(await res.json()).toEqual({
      before: {
        a: expect.arrayContaining([
          ['1', 2],
          ['2', 0],
        ]),
        b: ['1'],
      },
      after: { a: ['2'], b: ['1'] },
    });
  });

  it('a client in a Durable Object loses nothing while the proxy cuts the link', async () => {
    const TOTAL = 100;
    const CUTS = 8;
    const csms = await txCsms();
    const proxy: FaultProxy = await startFaultProxy(csms.port);
    try {
      const endpoint = encodeURIComponent(`ws://127.0.0.1:${proxy.port}/ocpp`);
      const done = fetch(`${worker.url}/stream?total=${TOTAL}&endpoint=${endpoint}`).then(
        (r) => r.json() as Promise<{ opens: number; left: number }>,
      );
      let cuts = 0;
      for (let i = 0; i < CUTS; i++) {
        const at = csms.seen.length + 5;
        const deadline = Date.now() + 10_000;
        while (csms.seen.length < at && Date.now() < deadline) await sleep(5);
        if (csms.seen.length < at) break;
        proxy.cut();
        cuts++;
      }
      const result = await done;
      let max = -1;
      let duplicates = 0;
      const violations: string[] = [];
      csms.seen.forEach((s, i) => {
        if (s.seq === max + 1) max = s.seq;
        else if (s.seq <= max) {
          duplicates++;
          if (i === 0 || csms.seen[i - 1]!.connection === s.connection || s.seq !== max)
            violations.push(`duplicate #${s.seq} after #${max}`);
        } else violations.push(`gap: #${s.seq} after #${max}`);
      });
      const unique = new Set(csms.seen.map((s) => s.seq)).size;
      console.log(
        `[resilience workerd] ${JSON.stringify({ sent: TOTAL, cuts, connectionsCut: proxy.stats.cut, reconnects: result.opens - 1, received: csms.seen.length, lost: TOTAL - unique, duplicates, leftInStorage: result.left })}`,
      );
      expect(cuts).toBe(CUTS);
      expect(violations).toEqual([]);
      expect(unique).toBe(TOTAL);
      expect(result.left).toBe(0);
    } finally {
      await proxy.close();
      await csms.close();
    }
  }, 60_000);

  it('delivers after a reset every message made before flush() or onStored (issue #17, OCPP 1.6 §3.7)', async () => {
    const offline = await txCsms(true);
    const offlineEndpoint = encodeURIComponent(`${offline.url}/ocpp`);
    await offline.close();
    const made: number[] = [];
    for (const [i, wait] of ['flush', 'lane', 'stored'].entries()) {
      const response = await fetch(
        `${worker.url}/make-and-abort?endpoint=${offlineEndpoint}&wait=${wait}&meterStop=${200 + i}`,
      );
      // The object was reset: workerd answers the request with an error, never our text.
      expect(response.status, wait).toBeGreaterThanOrEqual(500);
      await response.arrayBuffer();
      made.push(200 + i);
    }
    const csms = await txCsms(true);
    try {
      const endpoint = encodeURIComponent(`${csms.url}/ocpp`);
      const resumed = await (
        await fetch(`${worker.url}/resume?endpoint=${endpoint}&prefix=kill:&count=${made.length}`)
      ).json();
      expect(resumed).toEqual({ delivered: made.map(() => 'StopTransaction'), left: 0 });
      expect(csms.seen.map((s) => s.seq).sort()).toEqual(made);
    } finally {
      await csms.close();
    }
  }, 30_000);

  it('keeps an unanswered message in ctx.storage after its client is gone; the next client delivers it', async () => {
    const hanging = await txCsms(false);
    let stored: { stored: string[] };
    try {
      const endpoint = encodeURIComponent(`${hanging.url}/ocpp`);
      stored = (await (await fetch(`${worker.url}/hang?endpoint=${endpoint}`)).json()) as {
        stored: string[];
      };
    } finally {
      await hanging.close();
    }
    expect(stored.stored).toEqual(['StopTransaction']);
    const csms = await txCsms(true);
    try {
      const endpoint = encodeURIComponent(`${csms.url}/ocpp`);
      const resumed = await (await fetch(`${worker.url}/resume?endpoint=${endpoint}`)).json();
      expect(resumed).toEqual({ delivered: ['StopTransaction'], left: 0 });
      expect(csms.seen.map((s) => s.seq)).toEqual([999]);
    } finally {
      await csms.close();
    }
  }, 30_000);
});
