#!/usr/bin/env node
// Renders every figure the docs quote from bench/figures.json (written by `npm run bench`), so no
// two places can disagree: each quoting place is a marked block
//   <!-- figures:NAME -->…<!-- /figures:NAME -->
// whose content this script owns.
//   node scripts/figures.mjs           rewrite the blocks in place
//   node scripts/figures.mjs --check   exit 1 and list the blocks that differ (a test runs this)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFigures } from '../bench/figures-store.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Files that quote figures. */
export const FILES = [
  'README.md',
  'docs/guides/bundles.md',
  'docs/guides/fleets.md',
  'packages/browser/README.md',
  'packages/station/README.md',
];

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);

/** Each block's content, from the figures. */
export function renderBlocks(figures) {
  const p = figures.performance;
  const s = figures.sizes;
  const speed = p.rttUs.ws / p.rttUs.ours; // fraction of raw ws's call rate
  const memory = p.heapPerStationKiB.ours / p.heapPerStationKiB.ws;
  const validationRatios = p.validation.map((v) => v.oursUs / v.ajvUs);
  const cold = p.coldStartMs;
  return {
    headline: [
      `A browser charge point with three validated actions is **${f1(s.apps['app: client + 3 actions'])} KiB**`,
      `(min + gzip); with every OCPP 1.6 validator **${f1(s.apps['app: client + all 1.6 validators'])} KiB**.`,
      `Calls run at **${f2(speed)}×** the speed of bare \`ws\` with strict validation on`,
      `(**${f1(p.rttUs.ocppRpc / p.rttUs.ours)}×** faster than ocpp-rpc), an idle station costs the CSMS`,
      `**${f2(p.heapPerStationKiB.ours)} KiB** of heap (${f1(p.heapPerStationKiB.ocppRpc)} KiB with ocpp-rpc), and a whole`,
      `OCPP 2.1 validator set loads in **${f1(cold['ocpp2.1'].ours)} ms** (ajv: ${f1(cold['ocpp2.1'].ajv)} ms).`,
    ].join('\n'),
    'performance-table': [
      `Measured ${p.measured} on ${p.machine}, Node ${p.node}, by \`npm run bench\` (median of ${p.rounds}`,
      'interleaved rounds; method and raw rounds in [bench/results.md](bench/results.md)).',
      '',
      '| measurement | bare ws | ocpp-rpc 2.2.1 | ocpp-ws-io | ocpp-ws-io vs bare ws |',
      '|---|---:|---:|---:|---|',
      `| sequential round trip, 1.6 MeterValues, strict, µs (lower is better) | ${f1(p.rttUs.ws)} | ${f1(p.rttUs.ocppRpc)} | ${f1(p.rttUs.ours)} | ${f2(speed)}× the speed |`,
      `| throughput, 1,000 stations, calls/s (higher is better) | ${p.throughputCallsPerS.ws} | ${p.throughputCallsPerS.ocppRpc} | ${p.throughputCallsPerS.ours} | ${f2(p.throughputCallsPerS.ours / p.throughputCallsPerS.ws)}× |`,
      `| CSMS heap per idle station, KiB (lower is better) | ${f2(p.heapPerStationKiB.ws)} | ${f2(p.heapPerStationKiB.ocppRpc)} | ${f2(p.heapPerStationKiB.ours)} | ${f2(memory)}× the memory |`,
      `| validating one message vs ajv (lower is better) | — | 1× (ajv) | ${f1(Math.min(...validationRatios))}–${f1(Math.max(...validationRatios))}× ajv's time | — |`,
      `| cold start: import + first validated message, ms, 1.6 / 2.0.1 / 2.1 | — | ajv ${f1(cold['ocpp1.6'].ajv)} / ${f1(cold['ocpp2.0.1'].ajv)} / ${f1(cold['ocpp2.1'].ajv)} | ${f1(cold['ocpp1.6'].ours)} / ${f1(cold['ocpp2.0.1'].ours)} / ${f1(cold['ocpp2.1'].ours)} | — |`,
    ].join('\n'),
    'cdn-sizes': [
      '| File | Contents | min + gzip |',
      '| --- | --- | --- |',
      `| \`lite.min.js\` | the client without validators (pass yours, or \`strictMode: false\`) | ${f1(s.cdn.lite)} KiB |`,
      `| \`ocpp1.6.min.js\` | client preset with every OCPP 1.6 (+ security extension) validator | ${f1(s.cdn['ocpp1.6'])} KiB |`,
      `| \`ocpp2.0.1.min.js\` | client preset with every OCPP 2.0.1 validator | ${f1(s.cdn['ocpp2.0.1'])} KiB |`,
      `| \`ocpp2.1.min.js\` | client preset with every OCPP 2.1 validator | ${f1(s.cdn['ocpp2.1'])} KiB |`,
      `| \`all.min.js\` | every version's validators (the package's main client) | ${f1(s.cdn.all)} KiB |`,
      `| \`station.min.js\` (in \`@ocpp-ws-io/station\`) | the virtual station, \`Fleet\` and \`relayConnector\` with the \`all\` client: one URL for a simulator page | ${f1(s.cdn.station)} KiB |`,
    ].join('\n'),
    'station-cdn-size': `\`station.min.js\` is **${f1(s.cdn.station)} KiB** min + gzip, of which the browser client with every version's validators (\`all.min.js\`) is ${f1(s.cdn.all)} KiB.`,
    'fleet-figures': fleetFigures(figures.fleet),
    'app-sizes': [
      '| App | min + gzip |',
      '| --- | --- |',
      `| lite client, no validators | ${f1(s.apps['app: client, no validators'])} KiB |`,
      `| lite client + BootNotification, Heartbeat, Reset | ${f1(s.apps['app: client + 3 actions'])} KiB |`,
      `| client + every 1.6 validator | ${f1(s.apps['app: client + all 1.6 validators'])} KiB |`,
      `| client + every 2.0.1 validator | ${f1(s.apps['app: client + all 2.0.1 validators'])} KiB |`,
    ].join('\n'),
    'browser-size': `**Size (min + gzip): a bundled app with the client and three 1.6 actions ${f1(s.apps['app: client + 3 actions'])} KiB; the single-file CDN build with every version's validators ${f1(s.cdn.all)} KiB.**`,
  };
}

/** A failed run's error without the machine-specific command line before it. */
const failureOf = (error) => error.replace(/^.*?\s(not ready within|exited)/, '$1');

/** The fleet benchmark's table (bench/fleet.mjs), per runtime and size; failed runs are listed. */
function fleetFigures(fleet) {
  if (!fleet) return 'Not measured yet: run `pnpm --filter ./bench run fleet`.';
  const tab = fleet.runs.filter((r) => r.runtime === 'chromium').at(-1);
  return [
    `Measured ${fleet.measured} on ${fleet.machine}, Node ${fleet.node}, everything on one machine (the`,
    `CSMS, the relay and the stations share its cores); CPU over a ${fleet.windowS} s window while every station`,
    `charges, MeterValues every ${fleet.meterSampleIntervalS} s. CPU is in % of one core.`,
    '',
    '| runtime | stations | booted / charging | boot, s | JS heap / station, KiB | RSS / station, KiB | CPU, all stations (per station) | relay CPU % | CSMS CPU % |',
    '|---|---:|---|---:|---:|---:|---|---:|---:|',
    ...fleet.runs.map(
      (r) =>
        `| ${r.runtime === 'chromium' ? 'Chromium tab, via the relay' : 'Node process'} | ${r.stations} | ${r.booted} / ${r.charging} | ${f1(r.bootS)} | ${f1(r.heapPerStationKiB)} | ${f1(r.rssPerStationKiB)} | ${f1(r.cpuPct)} % (${r.cpuPerStationPct.toFixed(3)} %) | ${r.relayCpuPct === undefined ? '—' : f1(r.relayCpuPct)} | ${f1(r.csmsCpuPct)} |`,
    ),
    ...(fleet.failed?.length
      ? [
          '',
          `Runs that did not finish: ${fleet.failed.map((f) => `${f.runtime === 'chromium' ? 'Chromium' : 'Node'} × ${f.stations} (${failureOf(f.error)})`).join('; ')}.`,
        ]
      : []),
    '',
    tab
      ? `${tab.stations.toLocaleString('en')} stations in one tab: **${fleet.oneTab1000 ? 'reached' : 'not reached'}**.`
      : 'No Chromium run.',
  ].join('\n');
}

const BLOCK = /<!-- figures:([a-z-]+) -->\n?([\s\S]*?)\n?<!-- \/figures:\1 -->/g;

/** `text` with each block's content replaced; names of unknown blocks are reported. */
export function renderFile(text, blocks, unknown = []) {
  return text.replace(BLOCK, (whole, name) => {
    if (!(name in blocks)) {
      unknown.push(name);
      return whole;
    }
    return `<!-- figures:${name} -->\n${blocks[name]}\n<!-- /figures:${name} -->`;
  });
}

function main() {
  const check = process.argv.includes('--check');
  const blocks = renderBlocks(readFigures());
  const stale = [];
  const unknown = [];
  for (const file of FILES) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const rendered = renderFile(text, blocks, unknown);
    if (rendered === text) continue;
    if (check) stale.push(file);
    else writeFileSync(path, rendered);
  }
  if (unknown.length > 0) {
    console.error(`✖ unknown figure blocks: ${unknown.join(', ')}`);
    process.exit(1);
  }
  if (stale.length > 0) {
    console.error(
      `✖ figures differ from bench/figures.json in: ${stale.join(', ')} (run node scripts/figures.mjs)`,
    );
    process.exit(1);
  }
  console.log(check ? '✓ every figure block matches bench/figures.json' : '✓ figure blocks rendered');
}

if (fileURLToPath(import.meta.url) === process.argv[1]) main();
