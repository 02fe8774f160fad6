// Durable transaction messages in real Chromium: a StopTransaction the CSMS never answered is
// kept in IndexedDB through a page reload and delivered by the reloaded page (OCPP 1.6 §3.7).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NO_REPLY } from '@ocpp-ws-io/node';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callActions, startCsms } from './helpers/csms.js';
import type { PageGlobals } from './helpers/page.js';
import { chromiumSuite } from './helpers/suite.js';
import { within } from './helpers/within.js';

const { newPage, launch, defer } = chromiumSuite();

/** In the page: a 1.6 client with an IndexedDB store, connected; returns nothing (state in `t`). */
async function connectStation(page: Page, url: string): Promise<void> {
  await page.evaluate(async (endpoint) => {
    const g = globalThis as unknown as PageGlobals;
    const store = new g.ocpp.IndexedDBMessageStore('ocpp-ws-io-test:CP-DUR');
    const client = new g.ocpp.OCPPClient({
      endpoint,
      identity: 'CP-DUR',
      protocols: ['ocpp1.6'],
      callTimeoutMs: 60_000,
      durable: g.ocpp.durableDelivery({ store }),
    });
    const delivered: string[] = [];
    client.on('delivered', (e) => delivered.push(e.action));
    Object.assign(g.t, { client, store, delivered });
    await client.connect();
  }, url);
}

const storedActions = (page: Page) =>
  page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const store = g.t.store as InstanceType<PageGlobals['ocpp']['IndexedDBMessageStore']>;
    return (await store.load()).map((m) => m.action);
  });

describe('IndexedDB message store across a page reload', () => {
  it('delivers after the reload what the CSMS never answered before it', async () => {
    const csms = await startCsms({ protocols: ['ocpp1.6'] });
    try {
      let answer = false;
      const stops: string[] = [];
      csms.server.on('client', (station) => {
        station.handle('StopTransaction', () => {
          stops.push(station.identity);
          // The first CSMS "hangs" (never answers); after the reload it answers.
          return answer ? { idTagInfo: { status: 'Accepted' } } : NO_REPLY;
        });
      });
      const page = await newPage();
      await connectStation(page, csms.url);
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        const client = g.t.client as InstanceType<PageGlobals['ocpp']['OCPPClient']>;
        void client
          .call('StopTransaction', {
            transactionId: 42,
            meterStop: 1234,
            timestamp: new Date().toISOString(),
          })
          .catch(() => {});
      });
      await within(
        (async () => {
          while (stops.length < 1) await new Promise((r) => setTimeout(r, 20));
        })(),
        'the first StopTransaction',
      );
      expect(await storedActions(page)).toEqual(['StopTransaction']);

      // Reload: the page, its client and its promise are gone; IndexedDB is not.
      answer = true;
      await page.reload();
      await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 });
      await page.evaluate(() => {
        (globalThis as unknown as { t: Record<string, unknown> }).t = {};
      });
      await connectStation(page, csms.url);
      await page.waitForFunction(
        () => ((globalThis as unknown as PageGlobals).t.delivered as string[]).length === 1,
        undefined,
        { timeout: 5_000 },
      );
      expect(stops).toHaveLength(2);
      expect(await storedActions(page)).toEqual([]);
      expect(callActions(csms.inbound).filter((a) => a === 'StopTransaction')).toHaveLength(2);
      await page.evaluate(async () => {
        const g = globalThis as unknown as PageGlobals;
        await (g.t.client as InstanceType<PageGlobals['ocpp']['OCPPClient']>).close();
      });
      await page.close();
    } finally {
      await csms.close();
    }
  });
});

describe('IndexedDB message store across a killed browser (issue #17)', () => {
  /**
   * In the page, offline (nothing listens at `endpoint`): one StopTransaction, then the test's
   * way of waiting — `flush` (the store's), `lane` (durableDelivery's) or `stored` (onStored) —
   * then the page reports and the test SIGKILLs the whole browser. connect() is not awaited: the
   * write also waits for the database to open.
   */
  const makeAndWait = (page: Page, endpoint: string, wait: 'flush' | 'lane' | 'stored', meterStop: number) =>
    page.evaluate(
      async ({ endpoint, wait, meterStop }) => {
        const g = globalThis as unknown as PageGlobals;
        const store = new g.ocpp.IndexedDBMessageStore('ocpp-ws-io-test:CP-KILL');
        const durable = g.ocpp.durableDelivery({ store });
        const client = new g.ocpp.OCPPClient({
          endpoint,
          identity: 'CP-KILL',
          protocols: ['ocpp1.6'],
          reconnect: { waitMinimumMs: 10, randomRangeMs: 10 },
          durable,
        });
        client.on('error', () => {});
        client.connect().catch(() => {});
        let stored: () => void = () => {};
        const storedNow = new Promise<void>((resolve) => (stored = resolve));
        const stop = { transactionId: 1, meterStop, timestamp: new Date().toISOString() };
        client.call('StopTransaction', stop, wait === 'stored' ? { onStored: stored } : {}).catch(() => {});
        if (wait === 'flush') await store.flush();
        if (wait === 'lane') await durable.flush();
        if (wait === 'stored') await storedNow;
        return 'waited';
      },
      { endpoint, wait, meterStop },
    );

  it('delivers after a restart every message made before flush() or onStored, then SIGKILL (OCPP 1.6 §3.7)', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'ocpp-chromium-kill-'));
    defer(() => rm(profile, { recursive: true, force: true, maxRetries: 3 }));
    const offline = await startCsms({ protocols: ['ocpp1.6'] });
    const offlineUrl = offline.url;
    await offline.close();

    const made: number[] = [];
    const waits = ['flush', 'lane', 'stored'] as const;
    for (const [i, wait] of waits.entries()) {
      const browser = await launch({ userDataDir: profile });
      const page = await browser.newPage();
      expect(await makeAndWait(page, offlineUrl, wait, 100 + i)).toBe('waited');
      made.push(100 + i);
      await browser.chromium.kill();
    }

    const csms = await startCsms({ protocols: ['ocpp1.6'] });
    defer(() => csms.close());
    const stops: number[] = [];
    csms.server.on('client', (station) =>
      station.handle('StopTransaction', ({ params }) => {
        stops.push(params.meterStop);
        return { idTagInfo: { status: 'Accepted' } };
      }),
    );
    const browser = await launch({ userDataDir: profile });
    const page = await browser.newPage();
    await page.evaluate(
      async ({ endpoint }) => {
        const g = globalThis as unknown as PageGlobals;
        const store = new g.ocpp.IndexedDBMessageStore('ocpp-ws-io-test:CP-KILL');
        const client = new g.ocpp.OCPPClient({
          endpoint,
          identity: 'CP-KILL',
          protocols: ['ocpp1.6'],
          durable: g.ocpp.durableDelivery({ store }),
        });
        Object.assign(g.t, { client, store });
        await client.connect();
      },
      { endpoint: csms.url },
    );
    await within(
      (async () => {
        while (stops.length < made.length) await new Promise((r) => setTimeout(r, 20));
      })(),
      'the stored StopTransactions',
    );
    expect([...stops].sort()).toEqual(made);
    await page.waitForFunction(
      async () => {
        const g = globalThis as unknown as PageGlobals;
        const store = g.t.store as InstanceType<PageGlobals['ocpp']['IndexedDBMessageStore']>;
        return (await store.load()).length === 0;
      },
      undefined,
      { timeout: 5_000 },
    );
    await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      await (g.t.client as InstanceType<PageGlobals['ocpp']['OCPPClient']>).close();
    });
  });
});
