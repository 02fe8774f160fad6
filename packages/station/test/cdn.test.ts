// The station's CDN file (dist/cdn/station.min.js, made by the package build) used the way a CDN
// user uses it: a plain HTML page loads it by URL from a static server — no bundler, no import
// map — and runs a virtual station against a Node CSMS on 127.0.0.1. The test command builds
// first; this suite never builds anything itself.

import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OCPPServer } from '@ocpp-ws-io/node';
import { type LaunchedChromium, launchChromium, serveStatic } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cdnDir = fileURLToPath(new URL('../dist/cdn/', import.meta.url));

/** What the page puts on globalThis: the module namespace of the CDN file. */
type Cdn = typeof import('../dist/cdn/station.min.js');

let dir: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let chromium: LaunchedChromium;
// The tab's type through test-utils: the station package does not depend on playwright-core itself.
let page: Awaited<ReturnType<LaunchedChromium['newPage']>>;
const seen: Array<{ identity: string; action: string; params: Record<string, unknown> }> = [];
let csms: OCPPServer<'ocpp1.6'>;
let endpoint: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'station-cdn-'));
  for (const file of ['station.min.js', 'station.min.js.map'])
    await copyFile(join(cdnDir, file), join(dir, file));
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="module">
import * as cdn from './station.min.js';
globalThis.cdn = cdn;
document.title = 'ready';
</script>`,
  );
  site = await serveStatic(dir);
  csms = new OCPPServer<'ocpp1.6'>({ protocols: ['ocpp1.6'], path: '/ocpp' });
  csms.on('client', (station) => {
    const record = (action: string) => (ctx: { params: unknown }) => {
      seen.push({ identity: station.identity, action, params: ctx.params as Record<string, unknown> });
    };
    const now = () => new Date().toISOString();
    station.handle('BootNotification', (ctx) => {
      record('BootNotification')(ctx);
      return { currentTime: now(), interval: 300, status: 'Accepted' };
    });
    station.handle('StatusNotification', (ctx) => {
      record('StatusNotification')(ctx);
      return {};
    });
    station.handle('SecurityEventNotification', () => ({}));
    station.handle('Authorize', (ctx) => {
      record('Authorize')(ctx);
      return { idTagInfo: { status: 'Accepted' } };
    });
    station.handle('StartTransaction', (ctx) => {
      record('StartTransaction')(ctx);
      return { transactionId: 42, idTagInfo: { status: 'Accepted' } };
    });
  });
  ({ url: endpoint } = await csms.listen({ port: 0, host: '127.0.0.1' }));
  chromium = await launchChromium();
  page = await chromium.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`${r.url()} failed`));
  await page.goto(site.url);
  await page
    .waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 })
    .catch(() => {
      throw new Error(`The page did not load station.min.js: ${errors.join('; ') || 'no error reported'}`);
    });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
  await csms?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('station.min.js in a plain page', () => {
  it('exports the station, the fleet, the relay connector and the browser client — not the CSMS side', async () => {
    const names = await page.evaluate(() => Object.keys((globalThis as unknown as { cdn: object }).cdn));
    for (const name of [
      'VirtualStation',
      'Fleet',
      'relayConnector',
      'ScaledClock',
      'OCPPClient',
      'browserConnector',
    ])
      expect(names).toContain(name);
    expect(names).not.toContain('OCPPServer');
    // Error classes keep their names through minification (users log and match on them).
    const errorName = await page.evaluate(
      () => new (globalThis as unknown as { cdn: Cdn }).cdn.ConnectError('x', { retryable: false }).name,
    );
    expect(errorName).toBe('ConnectError');
  });

  it('runs a station: boots, reports its connector, and starts a transaction', async () => {
    const snapshot = await page.evaluate(async (url) => {
      const { OCPPClient, VirtualStation } = (globalThis as unknown as { cdn: Cdn }).cdn;
      const client = new OCPPClient({ endpoint: url, identity: 'CDN-1', protocols: ['ocpp1.6'] });
      const station = new VirtualStation({ client, vendor: 'Acme', model: 'CDN' });
      await station.start();
      station.plugIn(1);
      const outcome = await station.presentToken('04A1B2C3', 1);
      // The CSMS's transaction id arrives with its StartTransaction answer, a moment later.
      for (let i = 0; i < 100 && !station.state.connectors[0]!.transaction?.id; i++)
        await new Promise((r) => setTimeout(r, 20));
      const { boot, protocol, connectors } = station.snapshot();
      await station.stop({ deliveryTimeoutMs: 1 });
      return { outcome, boot: boot.status, protocol, transactionId: connectors[0]!.transaction?.id };
    }, endpoint);
    expect(snapshot).toEqual({
      outcome: { result: 'started', connectorId: 1 },
      boot: 'Accepted',
      protocol: 'ocpp1.6',
      transactionId: '42',
    });
    expect(seen.filter((s) => s.identity === 'CDN-1').map((s) => s.action)).toEqual(
      expect.arrayContaining(['BootNotification', 'StatusNotification', 'StartTransaction']),
    );
    expect(seen.find((s) => s.action === 'BootNotification')!.params).toMatchObject({
      chargePointVendor: 'Acme',
      chargePointModel: 'CDN',
    });
  });
});
