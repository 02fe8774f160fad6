// Durable transaction messages in real Chromium: a StopTransaction the CSMS never answered is
// kept in IndexedDB through a page reload and delivered by the reloaded page (OCPP 1.6 §3.7).
import { NO_REPLY } from '@ocpp-ws-io/node';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callActions, startCsms } from './helpers/csms.js';
import type { PageGlobals } from './helpers/page.js';
import { chromiumSuite } from './helpers/suite.js';
import { within } from './helpers/within.js';

const { newPage } = chromiumSuite();

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
