#!/usr/bin/env node
// `npm run bench` at the root: everything, side by side, in one run on this machine, and the
// Markdown table in bench/results.md. Each measurement runs in a fresh process; subjects are
// interleaved round by round so they share the machine's noise; figures are medians of rounds.
//   ROUNDS=5 node bench/run.mjs    (run after `npm run build`: it measures the built packages)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { writeFigures } from './figures-store.mjs';
import { median, memoryRound } from './memory-round.mjs';
import { SUBJECTS } from './subjects.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const STATIONS = Number(process.env.STATIONS ?? 3_000);
const spread = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const worker = (args, nodeArgs = []) =>
  JSON.parse(
    execFileSync(process.execPath, [...nodeArgs, join(here, 'worker.mjs'), ...args], {
      cwd: here,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop(),
  );

const rtt = Object.fromEntries(SUBJECTS.map((s) => [s, []]));
const tput = Object.fromEntries(SUBJECTS.map((s) => [s, []]));
const memHeap = Object.fromEntries(SUBJECTS.map((s) => [s, []]));
const memRss = Object.fromEntries(SUBJECTS.map((s) => [s, []]));
for (let r = 0; r < ROUNDS; r++) {
  // Rotate the order too, so no subject always runs first (or last) in a round.
  const order = SUBJECTS.map((_, i) => SUBJECTS[(i + r) % SUBJECTS.length]);
  for (const s of order) rtt[s].push(worker(['rtt', s]).us);
  for (const s of order) tput[s].push(worker(['throughput', s]).callsPerSecond);
  if (r < 3)
    for (const s of order) {
      const m = await memoryRound(s, STATIONS);
      memHeap[s].push(m.heap);
      memRss[s].push(m.rss);
    }
  console.error(`round ${r + 1}/${ROUNDS} done`);
}

// Validation and cold start: the existing benchmark, in its own process.
const validationOut = execFileSync(process.execPath, [join(here, 'validation.mjs')], {
  cwd: here,
  encoding: 'utf8',
});
const figuresLine = validationOut.split('\n').find((l) => l.startsWith('@figures '));
const validation = validationOut.replace(/^@figures .*$/m, '');
// The sizes users get (apps and CDN files): their own script, which writes its figures too.
execFileSync(process.execPath, [join(here, 'sizes.mjs')], { cwd: here, encoding: 'utf8' });

// Bundle sizes: what a browser page ships (esbuild, minified, everything inlined, gzip).
async function bundleSize(contents, platform = 'browser') {
  const out = await build({
    stdin: { contents, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform,
    logLevel: 'silent',
    external: platform === 'node' ? ['bufferutil', 'utf-8-validate'] : [],
  });
  const bytes = out.outputFiles[0].contents;
  return { min: bytes.length / 1024, gzip: gzipSync(bytes).length / 1024 };
}
const bundles = [
  [
    '@ocpp-ws-io/browser (client + all validators, 3 versions)',
    await bundleSize(`export * from '@ocpp-ws-io/browser';`),
  ],
  [
    '@ocpp-ws-io/browser/lite (client, no validators)',
    await bundleSize(`export * from '@ocpp-ws-io/browser/lite';`),
  ],
  [
    '@ocpp-ws-io/node (client + server + validators, ws inlined)',
    await bundleSize(`export * from '@ocpp-ws-io/node';`, 'node'),
  ],
  ['ocpp-rpc 2.2.1 (node only; ws + ajv inlined)', await bundleSize(`export * from 'ocpp-rpc';`, 'node')],
];

const m = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)]));
const R = m(rtt);
const T = m(tput);
const H = m(memHeap);
const S = m(memRss);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const pass = (ok) => (ok ? '✅' : '❌');
const rttRatio = R.ws / R.ours; // ≥ 0.85 means ours is at most ~18% slower than raw ws
const memRatio = H.ours / H.ws;
const today = new Date().toISOString().slice(0, 10);
const md = `# Benchmarks

Measured ${today} on ${cpus()[0]?.model.trim()} × ${cpus().length}, Node ${process.version}, by \`npm run bench\`
(${ROUNDS} rounds; subjects interleaved and rotated per round; each figure is the median of rounds,
range in brackets). Same frames for everyone: OCPP 1.6 \`MeterValues.req\` with 10 sampled values
(bench/messages.mjs) answered by an empty \`MeterValues.conf\`. Client and server of one subject share a
process for RTT and throughput; the memory test puts the CSMS and the ${STATIONS} stations in separate processes.

- **raw ws**: \`ws@8.23.0\`, \`JSON.parse\`/\`JSON.stringify\` only — no OCPP rules, no validation (the limit).
- **ocpp-rpc**: \`ocpp-rpc@2.2.1\`, \`strictMode: true\` on both sides (ajv).
- **ocpp-ws-io**: \`@ocpp-ws-io/node\` (built), strict validation on both sides (the default).

| measurement | raw ws | ocpp-rpc | ocpp-ws-io | ocpp-ws-io vs raw ws | vs ocpp-rpc | target |
|---|---:|---:|---:|---:|---:|---|
| sequential RTT, µs/call (lower is better) | ${R.ws.toFixed(1)} [${spread(rtt.ws)}] | ${R['ocpp-rpc'].toFixed(1)} [${spread(rtt['ocpp-rpc'])}] | ${R.ours.toFixed(1)} [${spread(rtt.ours)}] | ${rttRatio.toFixed(2)}× speed | ${(R['ocpp-rpc'] / R.ours).toFixed(2)}× speed | ≥ 0.85× raw ws ${pass(rttRatio >= 0.85)} |
| throughput, 1,000 stations, calls/s | ${T.ws.toFixed(0)} | ${T['ocpp-rpc'].toFixed(0)} | ${T.ours.toFixed(0)} | ${ratio(T.ours, T.ws)} | ${ratio(T.ours, T['ocpp-rpc'])} | — |
| CSMS memory per idle station, heapUsed + external + arrayBuffers (KiB) | ${(H.ws / 1024).toFixed(2)} | ${(H['ocpp-rpc'] / 1024).toFixed(2)} | ${(H.ours / 1024).toFixed(2)} | ${memRatio.toFixed(2)}× | ${ratio(H.ours, H['ocpp-rpc'])} | ≤ 1.3× raw ws ${pass(memRatio <= 1.3)} |
| CSMS memory per idle station, RSS (KiB, informative) | ${(S.ws / 1024).toFixed(2)} | ${(S['ocpp-rpc'] / 1024).toFixed(2)} | ${(S.ours / 1024).toFixed(2)} | ${ratio(S.ours, S.ws)} | ${ratio(S.ours, S['ocpp-rpc'])} | — |

Memory: after \`global.gc()\` (\`--expose-gc\`) in the CSMS process, (loaded − empty) / ${STATIONS}; each
station has made one Heartbeat call. RSS also counts socket buffers and allocator slack, so it is noisier.

## Validation and cold start (bench/validation.mjs)
${validation.replace(/^\s*\n/, '')}
Targets: validation ≤ 3× ajv, with no \`eval\`/\`new Function\` (the validators are generated ahead of time);
cold start ≤ 15 ms.

## Bundle sizes (esbuild, minified, all dependencies inlined)

| bundle | min KiB | min + gzip KiB |
|---|---:|---:|
${bundles.map(([n, b]) => `| ${n} | ${b.min.toFixed(1)} | ${b.gzip.toFixed(1)} |`).join('\n')}

## Raw rounds

\`\`\`json
${JSON.stringify({ rttMicros: rtt, throughput: tput, memHeapBytes: memHeap, memRssBytes: memRss }, (_, v) => (typeof v === 'number' ? Number(v.toFixed(1)) : v))}
\`\`\`
`;
writeFileSync(join(here, 'results.md'), md);
const round1 = (x) => Number(x.toFixed(1));
writeFigures({
  performance: {
    measured: today,
    machine: `${cpus()[0]?.model.trim()} × ${cpus().length}`,
    node: process.version,
    rounds: ROUNDS,
    rttUs: { ws: round1(R.ws), ocppRpc: round1(R['ocpp-rpc']), ours: round1(R.ours) },
    throughputCallsPerS: {
      ws: Math.round(T.ws),
      ocppRpc: Math.round(T['ocpp-rpc']),
      ours: Math.round(T.ours),
    },
    heapPerStationKiB: {
      ws: Number((H.ws / 1024).toFixed(2)),
      ocppRpc: Number((H['ocpp-rpc'] / 1024).toFixed(2)),
      ours: Number((H.ours / 1024).toFixed(2)),
    },
    ...JSON.parse(figuresLine.slice('@figures '.length)),
  },
});
console.log(md);
