// `npm run pack` as a user meets it (issue #16): the tarballs and CDN files it writes are installed
// into an empty app outside the workspace with plain npm, and that app runs a Node CSMS and a Node
// station, a plain HTML page in Chromium loading the CDN file from its own static server, a
// Worker CSMS in workerd and a Deno station — nothing from the workspace's src/ or node_modules.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildWorker,
  launchChromium,
  type RunningWorkerd,
  runDeno,
  serveStatic,
  startWorkerd,
} from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCsms } from './helpers/demo-csms.js';
import { readGuideFiles } from './helpers/guide-files.js';
import { makePackedApp, type PackedApp, run } from './helpers/packed-app.js';

let packedApp: PackedApp | undefined;
let work: string;
let app: string;
let packed: string;
let npmWarnings = '';

beforeAll(async () => {
  packedApp = await makePackedApp();
  ({ work, app, packed, npmStderr: npmWarnings } = packedApp);
}, 400_000);
afterAll(() => packedApp?.dispose());

/** Starts `node <file>` in the app; resolves with the first stdout line matching `ready`. */
async function startNode(
  file: string,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [file], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not ready in 20 s: ${out} ${err}`)), 20_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`${file} exited ${code}: ${out} ${err}`)));
  });
  return { child, match };
}

// A small CSMS of the user's: accepts CP-* stations with their password, answers boot and heartbeat.
const CSMS = `
import { OCPPServer } from '@ocpp-ws-io/node';
const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
server.auth(({ identity, password }) => identity.startsWith('CP-') && password === 'a-16-char-secret');
server.handle('BootNotification', () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }));
server.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
console.log('listening ' + port);
`;

describe('the packed tarballs, installed with npm into an app outside the workspace', () => {
  it('install without an engine warning on the Node versions package.json promises (>= 20.19)', () => {
    // nanoevents 10 declares Node >= 22 and made npm print EBADENGINE on Node 20.
    expect(npmWarnings).not.toMatch(/EBADENGINE/);
  });

  let csms: ChildProcess | undefined;
  let port: number;
  beforeAll(async () => {
    await writeFile(join(app, 'csms.mjs'), CSMS);
    const started = await startNode('csms.mjs', /listening (\d+)/);
    csms = started.child;
    port = Number(started.match[1]);
  }, 30_000);
  afterAll(() => csms?.kill());

  it('Node: a station from @ocpp-ws-io/node boots against a CSMS from @ocpp-ws-io/node', async () => {
    await writeFile(
      join(app, 'station.mjs'),
      `import { OCPPClient } from '@ocpp-ws-io/node';
const station = new OCPPClient({ endpoint: 'ws://127.0.0.1:${port}/ocpp', identity: 'CP-NODE', protocols: ['ocpp1.6'], password: 'a-16-char-secret' });
await station.connect();
const boot = await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
await station.close();
console.log('boot ' + boot.status + ' ' + station.protocol);`,
    );
    const { stdout } = await run(process.execPath, ['station.mjs'], { cwd: app, timeout: 20_000 });
    expect(stdout.trim()).toBe('boot Accepted ocpp1.6');
  });

  it("Node: the README's taste (a CSMS and a station in one script) runs as printed", async () => {
    const taste = (await readGuideFiles('README.md')).get('taste.mjs');
    expect(taste).toBeDefined();
    await writeFile(join(app, 'taste.mjs'), taste!);
    const { stdout } = await run(process.execPath, ['taste.mjs'], { cwd: app, timeout: 20_000 });
    expect(stdout.trim()).toBe('BootNotification: Accepted');
  });

  it("Chromium: the bundles guide's page, with packed/cdn/ on its own static server, boots at the demo Worker CSMS", async () => {
    const page = (await readGuideFiles('docs/guides/bundles.md')).get('index.html');
    expect(page, 'docs/guides/bundles.md shows index.html').toBeDefined();
    const csms = await startDemoCsms();
    const site = join(work, 'site');
    await run('mkdir', ['-p', site]);
    await run('cp', ['-r', join(packed, 'cdn'), site]);
    // The guide's page as it is, pointed at this test's CSMS instead of npm start's port 8787.
    expect(page).toContain('127.0.0.1:8787');
    await writeFile(join(site, 'index.html'), page!.replaceAll('127.0.0.1:8787', csms.host));
    const server = await serveStatic(site);
    const chromium = await launchChromium();
    try {
      const tab = await chromium.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(`${server.url}index.html`);
      await tab
        .waitForFunction(() => document.title.startsWith('Boot'), undefined, { timeout: 20_000 })
        .catch(async (e: Error) => {
          throw new Error(
            `${e.message}; page shows: ${await tab.locator('#log').innerText()} ${problems.join(' | ')}`,
          );
        });
      expect(await tab.title()).toBe('Boot Accepted');
      expect(await tab.locator('#log').innerText()).toContain('BootNotification: Accepted');
    } finally {
      await chromium.close();
      await server.close();
      await csms.stop();
    }
  }, 120_000);

  it('workerd: a Worker CSMS from @ocpp-ws-io/cloudflare accepts a station from @ocpp-ws-io/node', async () => {
    const script = await buildWorker({
      resolveDir: app,
      sourcefile: 'worker.js',
      contents: `
import { createOCPPRouter, OCPPStationObject, timingSafeEqualString } from '@ocpp-ws-io/cloudflare';
export class StationObject extends OCPPStationObject {
  serverOptions() { return { protocols: ['ocpp1.6'] }; }
  authenticate({ password }) { return typeof password === 'string' && timingSafeEqualString(password, 'a-16-char-secret'); }
  onStation(station) {
    station.handle('BootNotification', () => ({ currentTime: new Date().toISOString(), interval: 60, status: 'Accepted' }));
  }
}
const route = createOCPPRouter({ stations: (env) => env.STATIONS });
export default { fetch: async (req, env) => (await route(req, env)) ?? new Response('Not found', { status: 404 }) };
`,
    });
    let worker: RunningWorkerd | undefined;
    try {
      worker = await startWorkerd({ script, durableObjects: { STATIONS: 'StationObject' } });
      await writeFile(
        join(app, 'station-to-worker.mjs'),
        `import { OCPPClient } from '@ocpp-ws-io/node';
const station = new OCPPClient({ endpoint: '${worker.wsUrl}/ocpp', identity: 'CP-EDGE', protocols: ['ocpp1.6'], password: 'a-16-char-secret' });
await station.connect();
const boot = await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
await station.close();
console.log('boot ' + boot.status);`,
      );
      const { stdout } = await run(process.execPath, ['station-to-worker.mjs'], {
        cwd: app,
        timeout: 20_000,
      });
      expect(stdout.trim()).toBe('boot Accepted');
    } finally {
      await worker?.dispose();
    }
  });

  it('Deno: a station from npm:@ocpp-ws-io/deno (the app node_modules, nodeModulesDir manual) boots', async () => {
    await writeFile(join(app, 'deno.json'), JSON.stringify({ nodeModulesDir: 'manual' }));
    await writeFile(
      join(app, 'station.ts'),
      `import { OCPPClient } from 'npm:@ocpp-ws-io/deno';
const station = new OCPPClient({ endpoint: 'ws://127.0.0.1:${port}/ocpp', identity: 'CP-DENO', protocols: ['ocpp2.0.1'], password: 'a-16-char-secret' });
await station.connect();
const boot = await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Acme', model: 'X1' } });
await station.close();
console.log('boot ' + boot.status + ' ' + station.protocol);`,
    );
    const result = await runDeno(join(app, 'station.ts'), {
      cwd: app,
      config: join(app, 'deno.json'),
      timeoutMs: 60_000,
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.stdout.trim()).toBe('boot Accepted ocpp2.0.1');
  }, 90_000);
});
