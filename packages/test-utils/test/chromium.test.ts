import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LaunchedChromium,
  launchChromium,
  type StaticServer,
  serveStatic,
  startWsServer,
} from '../src/index.js';

const pageDir = fileURLToPath(new URL('./fixtures/page/', import.meta.url));

interface ProbeResult {
  opened: boolean;
  protocol: string;
  message?: string;
  code?: number;
}

describe('Chromium (playwright-core + /usr/bin/chromium)', () => {
  let browser: LaunchedChromium;
  let site: StaticServer;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), serveStatic(pageDir)]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function openProbePage() {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => document.title === 'ready');
    return page;
  }

  it('serveStatic serves content types and 404s', async () => {
    const mjs = await fetch(`${site.url}ws-probe.mjs`);
    expect(mjs.headers.get('content-type')).toMatch(/^text\/javascript/);
    const html = await fetch(site.url);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(`${site.url}../../package.json`)).status).toBe(404);
    expect((await fetch(`${site.url}nope.js`)).status).toBe(404);
  });

  it('page WebSocket negotiates ocpp1.6 with a Node ws server and round-trips a message', async () => {
    const server = await startWsServer();
    try {
      const page = await openProbePage();
      const result = await page.evaluate<ProbeResult, [string, string[]]>(
        ([url, protocols]) =>
          (globalThis as unknown as { wsProbe: (u: string, p: string[]) => Promise<ProbeResult> }).wsProbe(
            url,
            protocols,
          ),
        [`${server.url}/CP-1`, ['ocpp1.6']],
      );
      expect(result).toEqual({ opened: true, protocol: 'ocpp1.6', message: 'ping from page' });
      expect(server.upgrades[0]?.url).toBe('/CP-1');
      await page.close();
    } finally {
      await server.close();
    }
  });

  it('URL userinfo becomes Basic auth after a 401 + WWW-Authenticate challenge', async () => {
    const server = await startWsServer({ basicAuth: { user: 'CP-2', pass: 's3cret' } });
    try {
      const page = await openProbePage();
      const url = `ws://CP-2:s3cret@127.0.0.1:${server.port}/CP-2`;
      const result = await page.evaluate<ProbeResult, [string, string[]]>(
        ([u, protocols]) =>
          (globalThis as unknown as { wsProbe: (u: string, p: string[]) => Promise<ProbeResult> }).wsProbe(
            u,
            protocols,
          ),
        [url, ['ocpp1.6']],
      );
      expect(result).toMatchObject({ opened: true, protocol: 'ocpp1.6' });
      // First handshake carries no credentials; the retry after the challenge does.
      expect(server.upgrades.map((u) => u.status)).toEqual([401, 101]);
      expect(server.upgrades[0]?.headers.authorization).toBeUndefined();
      expect(server.upgrades[1]?.headers.authorization).toBe(
        `Basic ${Buffer.from('CP-2:s3cret').toString('base64')}`,
      );
      await page.close();
    } finally {
      await server.close();
    }
  });
});
