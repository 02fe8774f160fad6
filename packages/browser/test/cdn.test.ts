// The CDN files (dist/cdn/*.min.js, made by the package build) used the way a CDN user uses them:
// loaded by URL with no bundler — a plain <script type="module"> page and an import-map page in
// real Chromium, a Deno script importing the file by URL, and a Worker script in workerd that
// imports the file as a module next to it. Each connects to a Node CSMS on 127.0.0.1 and boots.
// The test command builds first; this suite never builds or bundles anything itself.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  assertFreshBuild,
  type LaunchedChromium,
  launchChromium,
  runDeno,
  serveStatic,
  startWorkerd,
} from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callActions, startCsms } from './helpers/csms.js';

const cdnDir = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const BUNDLES = ['lite', 'ocpp1.6', 'ocpp2.0.1', 'ocpp2.1', 'all'] as const;

let dir: string;
beforeAll(async () => {
  // The CDN files are the build's: an old build would test code that no longer exists.
  assertFreshBuild();
  dir = await mkdtemp(join(tmpdir(), 'ocpp-cdn-'));
  // A copy of the files a CDN would serve, nothing else (the maps too: DevTools fetches them).
  for (const name of BUNDLES) {
    await copyFile(join(cdnDir, `${name}.min.js`), join(dir, `${name}.min.js`));
    await copyFile(join(cdnDir, `${name}.min.js.map`), join(dir, `${name}.min.js.map`));
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The boot every runtime performs, as module source: `boot(endpoint)` → the BootNotification result. */
const BOOT = (specifier: string, protocol: string, payload: object) => `
import { OCPPClient } from '${specifier}';
export async function boot(endpoint, identity) {
  const client = new OCPPClient({ endpoint, identity });
  await client.connect();
  const result = await client.call('BootNotification', ${JSON.stringify(payload)});
  const protocol = client.protocol;
  await client.close();
  if (protocol !== '${protocol}') throw new Error('negotiated ' + protocol);
  return result;
}`;
const BOOT16 = { chargePointVendor: 'Acme', chargePointModel: 'CDN' };
const BOOT201 = { chargingStation: { vendorName: 'Acme', model: 'CDN' }, reason: 'PowerUp' };

describe('CDN bundles in Chromium (no bundler)', () => {
  let chromium: LaunchedChromium;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    await writeFile(join(dir, 'boot16.js'), BOOT('./ocpp1.6.min.js', 'ocpp1.6', BOOT16));
    // <script type="module"> importing the files by relative URL.
    await writeFile(
      join(dir, 'plain.html'),
      `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="module">
import { boot } from './boot16.js';
import * as lite from './lite.min.js';
import * as v201 from './ocpp2.0.1.min.js';
Object.assign(globalThis, { boot, lite, v201 });
document.title = 'ready';
</script>`,
    );
    // An import map naming the packages, the way a page pins a CDN URL once.
    await writeFile(
      join(dir, 'importmap.html'),
      `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="importmap">
{ "imports": {
  "@ocpp-ws-io/browser": "./all.min.js",
  "@ocpp-ws-io/browser/cdn/ocpp2.0.1": "./ocpp2.0.1.min.js"
} }
</script>
<script type="module">
import { OCPPClient, ALL_VALIDATORS } from '@ocpp-ws-io/browser';
import * as v201 from '@ocpp-ws-io/browser/cdn/ocpp2.0.1';
Object.assign(globalThis, { OCPPClient, ALL_VALIDATORS, v201 });
document.title = 'ready';
</script>`,
    );
    site = await serveStatic(dir);
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await site?.close();
  });

  async function open(page: string) {
    const tab = await chromium.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('requestfailed', (r) => errors.push(`${r.url()} failed`));
    await tab.goto(new URL(page, site.url).href);
    await tab
      .waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 })
      .catch(() => {
        throw new Error(`${page} did not load: ${errors.join('; ') || 'no error reported'}`);
      });
    return tab;
  }

  it('a <script type="module"> page boots over OCPP 1.6 with the 1.6 bundle', async () => {
    const csms = await startCsms({ protocols: ['ocpp1.6'] });
    try {
      const tab = await open('plain.html');
      const result = await tab.evaluate(
        (url) =>
          (globalThis as unknown as { boot(u: string, i: string): Promise<unknown> }).boot(url, 'CDN-1'),
        csms.url,
      );
      expect(result).toMatchObject({ status: 'Accepted', interval: 300 });
      expect(callActions(csms.inbound)).toEqual(['BootNotification']);
      // Strict mode is on with the preset validators: an invalid payload never leaves the page.
      const presets = await tab.evaluate(async (url) => {
        const { v201 } = globalThis as unknown as { v201: typeof import('../dist/cdn/ocpp2.0.1.min.js') };
        const { lite } = globalThis as unknown as { lite: typeof import('../dist/cdn/lite.min.js') };
        // The lite bundle's client: strict mode without validators is refused before connecting.
        let liteError = '';
        try {
          await new lite.OCPPClient({ endpoint: url, identity: 'CDN-2' } as never).connect();
        } catch (e) {
          liteError = (e as Error).name;
        }
        return {
          protocols: Object.keys(v201.VALIDATORS),
          actions: Object.keys(v201.validators.actions).length,
          liteError,
        };
      }, csms.url);
      expect(presets.protocols).toEqual(['ocpp2.0.1']);
      expect(presets.actions).toBeGreaterThan(50);
      expect(presets.liteError).toBe('StateError');
      await tab.close();
    } finally {
      await csms.close();
    }
  });

  it('an import-map page boots over OCPP 2.0.1 through the mapped specifiers', async () => {
    const csms = await startCsms({ protocols: ['ocpp2.0.1'] });
    try {
      const tab = await open('importmap.html');
      const result = await tab.evaluate(
        async ({ url, payload }) => {
          const g = globalThis as unknown as { v201: typeof import('../dist/cdn/ocpp2.0.1.min.js') };
          const client = new g.v201.OCPPClient({ endpoint: url, identity: 'CDN-MAP' });
          await client.connect();
          const boot = await client.call('BootNotification', payload as never);
          let invalid = '';
          await client.call('BootNotification', { reason: 'NotAReason' } as never).catch((e: Error) => {
            invalid = e.name;
          });
          await client.close();
          return { boot, protocol: client.protocol, invalid };
        },
        { url: csms.url, payload: BOOT201 },
      );
      expect(result.protocol).toBe('ocpp2.0.1');
      expect(result.boot).toMatchObject({ status: 'Accepted' });
      expect(result.invalid).toBe('ValidationError');
      expect(callActions(csms.inbound)).toEqual(['BootNotification']);
      expect(
        await tab.evaluate(() =>
          Object.keys((globalThis as never as { ALL_VALIDATORS: object }).ALL_VALIDATORS),
        ),
      ).toEqual(['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1']);
      await tab.close();
    } finally {
      await csms.close();
    }
  });
});

describe('CDN bundle in Deno (imported by file URL, no npm: registry needed)', () => {
  it('boots over OCPP 1.6', async () => {
    const csms = await startCsms({ protocols: ['ocpp1.6'] });
    try {
      const script = join(dir, 'deno-boot.mjs');
      await writeFile(
        script,
        `${BOOT(pathToFileURL(join(dir, 'ocpp1.6.min.js')).href, 'ocpp1.6', BOOT16)}
console.log(JSON.stringify(await boot(Deno.args[0], 'CDN-DENO')));`,
      );
      const run = await runDeno(script, { args: [csms.url] });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout.trim())).toMatchObject({ status: 'Accepted' });
      expect(callActions(csms.inbound)).toEqual(['BootNotification']);
    } finally {
      await csms.close();
    }
  });
});

describe('CDN bundle in a Worker (workerd, the file imported as a module)', () => {
  it('imports at global scope without randomness or timers and connects out to a Node CSMS', async () => {
    const csms = await startCsms({ protocols: ['ocpp2.0.1'] });
    const workerDir = await mkdtemp(join(tmpdir(), 'ocpp-cdn-worker-'));
    try {
      await copyFile(join(cdnDir, 'ocpp2.0.1.min.js'), join(workerDir, 'ocpp2.0.1.min.js'));
      const worker = join(workerDir, 'worker.mjs');
      await writeFile(
        worker,
        `${BOOT('./ocpp2.0.1.min.js', 'ocpp2.0.1', BOOT201)}
export default {
  async fetch(request) {
    const endpoint = new URL(request.url).searchParams.get('csms');
    try {
      return Response.json(await boot(endpoint, 'CDN-WORKER'));
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};`,
      );
      const code = await readFile(join(workerDir, 'ocpp2.0.1.min.js'), 'utf8');
      const workerd = await startWorkerd({
        script: '',
        miniflare: {
          script: undefined,
          modulesRoot: workerDir,
          modules: [
            { type: 'ESModule', path: worker, contents: await readFile(worker, 'utf8') },
            { type: 'ESModule', path: join(workerDir, 'ocpp2.0.1.min.js'), contents: code },
          ],
        } as never,
      });
      try {
        const res = await fetch(`${workerd.url}/?csms=${encodeURIComponent(csms.url)}`);
        const body = await res.text();
        expect(res.status, body).toBe(200);
        expect(JSON.parse(body)).toMatchObject({ status: 'Accepted' });
        expect(callActions(csms.inbound)).toEqual(['BootNotification']);
      } finally {
        await workerd.dispose();
      }
    } finally {
      await csms.close();
      await rm(workerDir, { recursive: true, force: true });
    }
  });
});
