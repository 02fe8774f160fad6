// 300 virtual stations in ONE Chromium tab — more than Chromium's 255 WebSockets per renderer
// process — through the relay: the page opens a single WebSocket (to a relay in this process),
// the relay one real WebSocket per station to the demo Worker CSMS under `wrangler dev`. Every
// station boots and is Accepted; the CSMS lists all 300 connected. Loopback only; the waits are
// bounded, and no test here asserts a speed.

import { type RunningRelay, startRelay } from '@ocpp-ws-io/node';
import {
  type LaunchedChromium,
  launchChromium,
  type StaticServer,
  serveStatic,
} from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFleetPage, type FleetPageModule } from './helpers/fleet-page.js';
import { ENROLMENT_SECRET, startWorkerCsms, type WorkerCsms } from './helpers/worker-csms.js';

const SIZE = 300;

let csms: WorkerCsms;
let relay: RunningRelay;
let pageDir: Awaited<ReturnType<typeof buildFleetPage>>;
let site: StaticServer;
let chromium: LaunchedChromium;
// The tab's type through test-utils: the station package does not depend on playwright-core itself.
let page: Awaited<ReturnType<LaunchedChromium['newPage']>>;
const pageErrors: string[] = [];
const webSockets: string[] = [];

beforeAll(async () => {
  [csms, pageDir] = await Promise.all([startWorkerCsms(), buildFleetPage()]);
  relay = await startRelay({ allowedTargets: [csms.endpoint] });
  site = await serveStatic(pageDir.dir);
  chromium = await launchChromium();
  page = await chromium.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // The tab asks for /favicon.ico on its own; the static server has none.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) pageErrors.push(m.text());
  });
  // Every WebSocket the tab opens, as Chromium's DevTools protocol reports it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketCreated', ({ url }) => webSockets.push(url));
  await page.goto(site.url);
  await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 });
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
  await relay?.close();
  await csms?.stop();
  await pageDir?.dispose();
});

describe(`a fleet of ${SIZE} stations in one tab, through the relay`, () => {
  it('every station boots Accepted over one WebSocket from the page', async () => {
    const outcome = await page.evaluate(
      async ({ relayUrl, endpoint, password, size }) => {
        const { Fleet, OCPPClient, browserConnector, relayConnector } = (
          globalThis as unknown as { fleet: FleetPageModule }
        ).fleet;
        const relay = relayConnector({ url: relayUrl, connector: browserConnector() });
        const fleet = new Fleet({
          size,
          identity: 'FLEET-{n:3}',
          client: (identity) =>
            new OCPPClient({ endpoint, identity, protocols: ['ocpp1.6'], password, connector: relay }),
          // The demo CSMS does not implement the 1.6 security extension's SecurityEventNotification.
          station: { vendor: 'Acme', model: 'Fleet-300', securityEvents: false },
        });
        const failures: string[] = [];
        fleet.on('stationFailed', ({ identity, error }) => failures.push(`${identity}: ${error.message}`));
        const errors = new Map<string, number>();
        fleet.on('stationError', ({ error }) =>
          errors.set(error.message, (errors.get(error.message) ?? 0) + 1),
        );
        (globalThis as unknown as { running: unknown }).running = fleet;
        // Bounded: a start that hangs fails the test with what it knows, rather than its time-out.
        const result = await Promise.race([
          fleet.start(),
          new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 150_000)),
        ]);
        return {
          result,
          summary: fleet.summary(),
          failures: failures.slice(0, 5),
          errors: Object.fromEntries(errors),
          channels: relay.channels,
        };
      },
      { relayUrl: relay.url, endpoint: csms.endpoint, password: ENROLMENT_SECRET, size: SIZE },
    );
    expect(outcome.failures).toEqual([]);
    expect(outcome.errors).toEqual({});
    expect(outcome.result).toEqual({ started: SIZE, failed: 0 });
    expect(outcome.summary).toMatchObject({
      size: SIZE,
      started: SIZE,
      online: SIZE,
      booted: SIZE,
      errors: 0,
    });
    expect(outcome.channels).toBe(SIZE);
    // One socket from the page; the relay holds the 300.
    expect(webSockets).toEqual([relay.url]);
    expect(relay.links).toBe(1);
    expect(relay.stations).toBe(SIZE);
    // The CSMS's own view: its registry lists them connected (it is updated asynchronously).
    const deadline = Date.now() + 30_000;
    let connected = await csms.connected();
    while (connected < SIZE && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      connected = await csms.connected();
    }
    expect(connected).toBe(SIZE);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('stop() ends them all: the relay closes every CSMS connection', async () => {
    await page.evaluate(() =>
      (globalThis as unknown as { running: { stop(): Promise<void> } }).running.stop(),
    );
    const deadline = Date.now() + 30_000;
    while (relay.stations > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(relay.stations).toBe(0);
    expect(relay.links).toBe(1);
  }, 60_000);
});
