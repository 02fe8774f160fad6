#!/usr/bin/env node
// Fleet benchmark: what a virtual station costs, per station, in a Chromium tab (through the
// relay: one page WebSocket, 255-socket cap or not) and in a Node process (direct WebSockets),
// against the demo Worker CSMS under `wrangler dev` on 127.0.0.1. Every station boots (the
// Fleet's default stagger), then a car arrives at each and charges, so each sends MeterValues at
// the station's default sample interval (60 s). Over a measuring window it reads:
//   - the tab: JS heap (CDP Performance.getMetrics after a forced GC) and the renderer's RSS and
//     CPU time (/proc of the renderer pid CDP SystemInfo names), against the empty page;
//   - Node: heapUsed and RSS (after gc) against the empty process, and process.cpuUsage();
//   - the relay's process and the CSMS's processes (wrangler + workerd) the same way.
// Writes bench/fleet-results.md and the `fleet` section of bench/figures.json. Takes about
// 2–3 minutes per size and runtime (the window is 2 minutes by default), so `npm run bench` does
// not run it:
//   npm run build && pnpm --filter ./bench run fleet [--sizes 100,500,1000] [--runtimes chromium,node]
//                                                     [--window-s 120] [--warmup-s 15]
import { spawn } from 'node:child_process';
import { copyFileSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '@ocpp-ws-io/test-utils/chromium-args';
import { chromium } from 'playwright-core';
import { writeFigures } from './figures-store.mjs';
import { commOf, cpuMs, groupPids, rssBytes } from './fleet-procs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SIZES = arg('sizes', '100,500,1000').split(',').map(Number);
const RUNTIMES = arg('runtimes', 'chromium,node').split(',');
const WINDOW_MS = Number(arg('window-s', '120')) * 1000;
const WARMUP_MS = Number(arg('warmup-s', '15')) * 1000;
const PASSWORD = 'bench-enrol-secret-1'; // enrols each new identity (the CSMS's ENROLMENT_SECRET)
const API_TOKEN = 'bench-api-token-0123456';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => console.error('[fleet]', ...args);
const work = mkdtempSync(join(tmpdir(), 'fleet-bench-'));
const children = [];

/**
 * Starts `node <args>` in its own process group; resolves with it once a line matches `ready`
 * (within `readyMs`).
 */
function startChild(args, ready, options = {}, readyMs = 90_000) {
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    ...options,
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')} not ready within ${readyMs / 1000} s`)),
      readyMs,
    );
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code})`)));
    lines.on('line', (line) => {
      const match = ready.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, lines });
      }
    });
  });
}

function stopChild(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
}

/** CPU ms and RSS of a set of pids, by pid. */
const sample = (pids) =>
  Object.fromEntries(pids.map((pid) => [pid, { cpuMs: cpuMs(pid), rss: rssBytes(pid) }]));
const sum = (s, key) => Object.values(s).reduce((n, v) => n + v[key], 0);

// ── the CSMS, the relay and the page's files ──────────────────────────────────────────────────
const stationCdn = join(dirname(require.resolve('@ocpp-ws-io/station/package.json')), 'dist', 'cdn');
const site = join(work, 'site');
rmSync(site, { recursive: true, force: true });
await import('node:fs/promises').then((fs) => fs.mkdir(site, { recursive: true }));
copyFileSync(join(stationCdn, 'station.min.js'), join(site, 'station.min.js'));
copyFileSync(join(here, 'fleet-scenario.mjs'), join(site, 'fleet-scenario.mjs'));
copyFileSync(join(here, 'fleet-page.js'), join(site, 'fleet-page.js'));
writeFileSync(
  join(site, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="./fleet-page.js"></script>',
);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };
const http = createServer((req, res) => {
  const file = join(site, new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html'));
  if (!file.startsWith(site) || !TYPES[extname(file)]) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] });
  createReadStream(file)
    .on('error', () => res.end())
    .pipe(res);
});
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const siteUrl = `http://127.0.0.1:${http.address().port}/`;

writeFileSync(join(work, 'csms.env'), `API_TOKEN=${API_TOKEN}\nENROLMENT_SECRET=${PASSWORD}\n`);
const exampleDir = join(here, '..', 'examples', 'cloudflare-csms');

/**
 * A fresh CSMS (its own state directory) and relay for one run. Runs used to share one CSMS:
 * after a 1,000-station run, the next run's stations (same identities) found the CSMS still
 * busy with the last run's connections and did not get ready in 30 minutes, although the same
 * run against a fresh CSMS boots 1,000 Node stations in ~30 s. A run measures its own fleet.
 */
async function startRig(name) {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const csms = await startChild(
    [
      'scripts/start.mjs',
      '--port',
      String(port),
      '--persist-to',
      join(work, `state-${name}`),
      '--env-file',
      join(work, 'csms.env'),
    ],
    /Ready on http/,
    { cwd: exampleDir },
  );
  const endpoint = `ws://127.0.0.1:${port}/ocpp`;
  const relay = await startChild([join(here, 'fleet-relay.mjs'), endpoint], /^@relay (\S+)/);
  log(`CSMS ${endpoint}, relay ${relay.match[1]}, page ${siteUrl}`);
  return {
    endpoint,
    relayUrl: relay.match[1],
    /** The CSMS's and the relay's CPU and memory, sampled now. */
    others() {
      const pids = groupPids(csms.child.pid);
      return {
        csms: sample(pids),
        workerdRss: pids.filter((p) => commOf(p) === 'workerd').reduce((n, p) => n + rssBytes(p), 0),
        relay: sample([relay.child.pid]),
      };
    },
    async stop() {
      stopChild(csms.child);
      stopChild(relay.child);
      await sleep(2_000);
    },
  };
}
function othersDelta(a, b, wallMs) {
  const pct = (x, y) => ((sum(y, 'cpuMs') - sum(x, 'cpuMs')) / wallMs) * 100;
  return {
    csmsCpuPct: pct(a.csms, b.csms),
    csmsWorkerdRssMiB: b.workerdRss / 2 ** 20,
    relayCpuPct: pct(a.relay, b.relay),
    relayRssMiB: sum(b.relay, 'rss') / 2 ** 20,
  };
}

// ── one run in a Chromium tab ─────────────────────────────────────────────────────────────────
async function runChromium(size, rig) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(siteUrl);
    await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 20_000 });
    const tab = await page.context().newCDPSession(page);
    const system = await browser.newBrowserCDPSession();
    await tab.send('Performance.enable');
    const renderers = async () =>
      (await system.send('SystemInfo.getProcessInfo')).processInfo
        .filter((p) => p.type === 'renderer')
        .map((p) => p.id);
    const heap = async () => {
      for (let i = 0; i < 3; i++) await tab.send('HeapProfiler.collectGarbage');
      const { metrics } = await tab.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    };
    const heap0 = await heap();
    const before = sample(await renderers());
    const boot = await page.evaluate((o) => globalThis.bench.boot(o), {
      size,
      endpoint: rig.endpoint,
      password: PASSWORD,
      relayUrl: rig.relayUrl,
    });
    log(`chromium ${size}: booted in ${(boot.bootMs / 1000).toFixed(1)} s`, JSON.stringify(boot.started));
    await sleep(WARMUP_MS);
    const heap1 = await heap();
    const after = sample(await renderers());
    // The tab's renderer: the one that worked while the fleet booted (the others are Chromium's
    // spare renderers, idle).
    const grew = (p) => after[p].cpuMs - (before[p]?.cpuMs ?? 0);
    const pid = Number(Object.keys(after).sort((a, b) => grew(b) - grew(a))[0]);
    const o0 = rig.others();
    const cpu0 = cpuMs(pid);
    const wall0 = performance.now();
    await sleep(WINDOW_MS);
    const cpu1 = cpuMs(pid);
    const wallMs = performance.now() - wall0;
    const o1 = rig.others();
    const summary = await page.evaluate(() => globalThis.bench.summary());
    await page.evaluate(() => globalThis.bench.stop());
    return {
      runtime: 'chromium',
      stations: size,
      boot,
      summary,
      errors,
      heapPerStationKiB: (heap1 - heap0) / size / 1024,
      rssPerStationKiB: (after[pid].rss - (before[pid]?.rss ?? 0)) / size / 1024,
      cpuPct: ((cpu1 - cpu0) / wallMs) * 100,
      ...othersDelta(o0, o1, wallMs),
    };
  } finally {
    await browser.close();
  }
}

// ── one run in a Node process ─────────────────────────────────────────────────────────────────
async function runNode(size, rig) {
  const { child, lines } = await startChild(
    [
      '--expose-gc',
      join(here, 'fleet-node.mjs'),
      String(size),
      rig.endpoint,
      PASSWORD,
      String(WINDOW_MS),
      String(WARMUP_MS),
    ],
    /^@measuring/,
    {},
    // Boot, cars and warm-up come first: a thousand stations against a slow CSMS take minutes.
    30 * 60_000,
  );
  const o0 = rig.others();
  const wall0 = performance.now();
  const result = await new Promise((resolve) =>
    lines.on('line', (line) => {
      if (line.startsWith('@result ')) resolve(JSON.parse(line.slice(8)));
    }),
  );
  const o1 = rig.others();
  const wallMs = performance.now() - wall0;
  await new Promise((r) => child.once('exit', r));
  log(`node ${size}: booted in ${(result.bootMs / 1000).toFixed(1)} s`, JSON.stringify(result.started));
  return {
    runtime: 'node',
    stations: size,
    boot: result,
    summary: result.summaryAfterWindow,
    errors: [],
    heapPerStationKiB: result.heapBytes / size / 1024,
    rssPerStationKiB: result.rssBytes / size / 1024,
    cpuPct: (result.cpuMs / result.wallMs) * 100,
    ...othersDelta(o0, o1, wallMs),
  };
}

// ── all runs ──────────────────────────────────────────────────────────────────────────────────
const runs = [];
const failed = [];
try {
  for (const size of SIZES)
    for (const runtime of RUNTIMES) {
      log(`${runtime}, ${size} stations …`);
      try {
        const rig = await startRig(`${runtime}-${size}`);
        try {
          const run = runtime === 'chromium' ? await runChromium(size, rig) : await runNode(size, rig);
          runs.push(run);
          log(JSON.stringify({ ...run, boot: undefined, summary: undefined }));
        } finally {
          await rig.stop();
        }
      } catch (error) {
        // One run failing (a time-out, a crash) is a result too: say so and go on.
        log(`${runtime} ${size} failed: ${error.stack ?? error}`);
        failed.push({ runtime, stations: size, error: String(error.message ?? error) });
      }
    }
} finally {
  for (const child of children) stopChild(child);
  http.close();
  await sleep(1_000);
  rmSync(work, { recursive: true, force: true });
}

// ── results ───────────────────────────────────────────────────────────────────────────────────
const r1 = (x) => Math.round(x * 10) / 10;
const r3 = (x) => Math.round(x * 1000) / 1000;
const row = (r) => ({
  runtime: r.runtime,
  stations: r.stations,
  started: r.boot.started.started,
  failed: r.boot.started.failed,
  booted: r.summary.booted,
  charging: r.summary.charging,
  bootS: r1(r.boot.bootMs / 1000),
  bootsPerS: r1(r.stations / (r.boot.bootMs / 1000)),
  heapPerStationKiB: r1(r.heapPerStationKiB),
  rssPerStationKiB: r1(r.rssPerStationKiB),
  cpuPct: r1(r.cpuPct),
  cpuPerStationPct: r3(r.cpuPct / r.stations),
  relayCpuPct: r.runtime === 'chromium' ? r1(r.relayCpuPct) : undefined,
  relayRssMiB: r.runtime === 'chromium' ? r1(r.relayRssMiB) : undefined,
  csmsCpuPct: r1(r.csmsCpuPct),
  csmsWorkerdRssMiB: r1(r.csmsWorkerdRssMiB),
  errors: Object.keys(r.boot.errors ?? {}).length ? r.boot.errors : undefined,
});
const rows = runs.map(row);
const tab1000 = rows.find((r) => r.runtime === 'chromium' && r.stations >= 1000);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}`;
const measured = new Date().toISOString().slice(0, 10);
writeFigures({
  fleet: {
    measured,
    machine,
    node: process.version,
    meterSampleIntervalS: 60,
    windowS: WINDOW_MS / 1000,
    oneTab1000: tab1000 ? tab1000.booted === tab1000.stations && tab1000.charging === tab1000.stations : null,
    runs: rows,
    failed,
  },
});
const table = [
  '| runtime | stations | booted / charging | boot, s | JS heap / station, KiB | RSS / station, KiB | CPU, % of a core (per station) | relay CPU % / RSS MiB | CSMS CPU % / workerd RSS MiB |',
  '|---|---:|---|---:|---:|---:|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.runtime} | ${r.stations} | ${r.booted} / ${r.charging} | ${r.bootS} | ${r.heapPerStationKiB} | ${r.rssPerStationKiB} | ${r.cpuPct} (${r.cpuPerStationPct}) | ${r.relayCpuPct === undefined ? '—' : `${r.relayCpuPct} / ${r.relayRssMiB}`} | ${r.csmsCpuPct} / ${r.csmsWorkerdRssMiB} |`,
  ),
];
writeFileSync(
  join(here, 'fleet-results.md'),
  `# Fleet benchmark

Measured ${measured} on ${machine}, Node ${process.version}, Chromium at /usr/bin/chromium, by
\`pnpm --filter ./bench run fleet\` (bench/fleet.mjs). The CSMS is the demo Worker
(examples/cloudflare-csms) under \`wrangler dev\`, on the same machine; so are the relay and the
stations, all on 127.0.0.1 — the machine's cores are shared by everything measured.

Scenario: N stations (OCPP 1.6, one connector) boot with the Fleet's defaults (20 ms stagger, at
most 32 at once); then a car arrives at every station within N × 20 ms and starts a transaction,
so every station charges and sends MeterValues every 60 s (the station's default
MeterValueSampleInterval) and a Heartbeat at the CSMS's interval. After a ${WARMUP_MS / 1000} s warm-up,
CPU is measured over a ${WINDOW_MS / 1000} s window.

- **Chromium**: one tab; its stations reach the CSMS through the relay (one WebSocket from the
  page). JS heap: CDP \`Performance.getMetrics\` JSHeapUsedSize after forced GCs, minus the empty
  page's; RSS and CPU: /proc of the tab's renderer process (found through CDP
  \`SystemInfo.getProcessInfo\`). The relay runs in its own Node process.
- **Node**: one process, a direct WebSocket per station (Node has no cap). Heap and RSS:
  \`process.memoryUsage()\` after \`gc()\`, minus the empty process's; CPU: \`process.cpuUsage()\`.
- **CSMS**: every process of \`wrangler dev\` (its Node process and workerd), CPU over the window;
  workerd's RSS at its end.

CPU is in % of one core over the window (100 % = one core busy).

${table.join('\n')}

${failed.length ? `Runs that failed: ${failed.map((f) => `${f.runtime} × ${f.stations} (${f.error})`).join('; ')}.\n\n` : ''}1,000 stations in one tab: **${tab1000 ? (tab1000.booted === tab1000.stations ? 'reached' : `not reached (${tab1000.booted} booted)`) : 'not measured'}**.

Raw runs (boot reports, summaries, error counts):

\`\`\`json
${JSON.stringify(runs, null, 2)}
\`\`\`
`,
);
console.log(table.join('\n'));
process.exit(0);
