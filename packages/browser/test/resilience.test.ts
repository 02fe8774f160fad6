// Durable delivery in real Chromium through the fault proxy: a transaction streams from the page
// (IndexedDB store) to the Node CSMS while the proxy cuts the link again and again; then the
// CSMS goes away, the page is reloaded with messages still stored, and the reloaded page delivers
// them. Nothing lost, order kept, duplicates only where a response was lost.
import { type FaultProxy, startFaultProxy } from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startCsms } from './helpers/csms.js';
import type { PageGlobals } from './helpers/page.js';
import { chromiumSuite } from './helpers/suite.js';
import { within } from './helpers/within.js';

const { newPage } = chromiumSuite();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(condition: () => boolean | Promise<boolean>, label: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${label}`);
    await sleep(10);
  }
}

const STORE = 'ocpp-ws-io-test:CP-RES';

/** In the page: a 1.6 client through the proxy with an IndexedDB store, fast reconnect, connected. */
async function connectStation(page: Page, endpoint: string): Promise<void> {
  await page.evaluate(
    async ({ endpoint, name }) => {
      const g = globalThis as unknown as PageGlobals;
      const store = new g.ocpp.IndexedDBMessageStore(name);
      const client = new g.ocpp.OCPPClient({
        endpoint,
        identity: 'CP-RES',
        protocols: ['ocpp1.6'],
        callTimeoutMs: 30_000,
        reconnect: { waitMinimumMs: 5, randomRangeMs: 5, repeatTimes: 4 },
        durable: g.ocpp.durableDelivery({ store, retryIntervalMs: 10 }),
      });
      let opens = 0;
      client.on('open', () => opens++);
      Object.assign(g.t, { client, store, opens: () => opens });
      await client.connect();
    },
    { endpoint, name: STORE },
  );
}

const storedCount = (page: Page) =>
  page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const store = g.t.store as InstanceType<PageGlobals['ocpp']['IndexedDBMessageStore']>;
    return (await store.load()).length;
  });

describe('IndexedDB store through link cuts and a reload', () => {
  it('loses no transaction message and keeps their order', async () => {
    const TOTAL = 120; // StartTransaction, 118 MeterValues, StopTransaction
    const CUTS = 10;
    const csms = await startCsms({ protocols: ['ocpp1.6'] });
    const proxy: FaultProxy = await startFaultProxy(Number(new URL(csms.url).port));
    try {
      const seen: Array<{ seq: number; connection: number }> = [];
      let connections = 0;
      csms.server.on('client', (station) => {
        const connection = ++connections;
        const log = (seq: number) => seen.push({ seq, connection });
        station.handle('StartTransaction', ({ params }) => {
          log(params.meterStart);
          return { transactionId: 7, idTagInfo: { status: 'Accepted' } };
        });
        station.handle('MeterValues', ({ params }) => {
          log(Number(params.meterValue[0]?.sampledValue[0]?.value));
          return {};
        });
        station.handle('StopTransaction', ({ params }) => {
          log(params.meterStop);
          return { idTagInfo: { status: 'Accepted' } };
        });
      });
      const endpoint = `ws://127.0.0.1:${proxy.port}/ocpp`;
      const page = await newPage();
      await connectStation(page, endpoint);
      await page.evaluate(async (total) => {
        const g = globalThis as unknown as PageGlobals;
        const client = g.t.client as InstanceType<PageGlobals['ocpp']['OCPPClient']>;
        const ts = () => new Date().toISOString();
        const start = (await client.call('StartTransaction', {
          connectorId: 1,
          idTag: 'TAG',
          meterStart: 0,
          timestamp: ts(),
        })) as { transactionId: number };
        for (let seq = 1; seq < total - 1; seq++) {
          void client
            .call('MeterValues', {
              connectorId: 1,
              transactionId: start.transactionId,
              meterValue: [{ timestamp: ts(), sampledValue: [{ value: String(seq) }] }],
            })
            .catch(() => {});
        }
        void client
          .call('StopTransaction', {
            transactionId: start.transactionId,
            meterStop: total - 1,
            timestamp: ts(),
          })
          .catch(() => {});
      }, TOTAL);

      // The link is cut every 5 transaction messages.
      for (let i = 0; i < CUTS; i++) {
        const at = seen.length + 5;
        await until(() => seen.length >= at, `transaction messages before cut ${i + 1}`);
        proxy.cut();
      }
      // Then the CSMS is unreachable; everything not yet answered must be in IndexedDB.
      proxy.refuse(true);
      proxy.cut();
      const unique = () => new Set(seen.map((s) => s.seq)).size;
      await until(
        async () => unique() + (await storedCount(page)) >= TOTAL,
        'the undelivered rest to be stored',
      );
      const storedAtReload = await storedCount(page);
      const opensBeforeReload = (await page.evaluate(() =>
        ((globalThis as unknown as PageGlobals).t.opens as () => number)(),
      )) as number;

      await page.reload();
      await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 });
      await page.evaluate(() => {
        (globalThis as unknown as { t: Record<string, unknown> }).t = {};
      });
      proxy.refuse(false);
      await connectStation(page, endpoint);
      await within(
        until(
          async () => (await storedCount(page)) === 0 && unique() === TOTAL,
          'the reloaded page to deliver',
        ),
        'delivery after the reload',
        15_000,
      );

      // Analysis: new messages come in order; a repeat only opens a new connection and repeats
      // the last message seen before it (its response was lost with the link).
      let max = -1;
      let duplicates = 0;
      const violations: string[] = [];
      seen.forEach((s, i) => {
        if (s.seq === max + 1) max = s.seq;
        else if (s.seq <= max) {
          duplicates++;
          if (i === 0 || seen[i - 1]!.connection === s.connection || s.seq < max - 1)
            violations.push(`duplicate #${s.seq} after #${max}`);
        } else violations.push(`gap: #${s.seq} after #${max}`);
      });
      console.log(
        `[resilience browser] ${JSON.stringify({ sent: TOTAL, cuts: CUTS + 1, connectionsCut: proxy.stats.cut, reconnectsBeforeReload: opensBeforeReload - 1, storedAtReload, received: seen.length, lost: TOTAL - unique(), duplicates })}`,
      );
      expect(violations).toEqual([]);
      expect(unique()).toBe(TOTAL);
      expect(storedAtReload).toBeGreaterThan(0);
      await page.evaluate(async () => {
        const g = globalThis as unknown as PageGlobals;
        await (g.t.client as InstanceType<PageGlobals['ocpp']['OCPPClient']>).close();
      });
      await page.close();
    } finally {
      await proxy.close();
      await csms.close();
    }
  }, 60_000);
});
