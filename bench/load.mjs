#!/usr/bin/env node
// Load benchmark: N stations × M calls each through one Node OCPPServer over 127.0.0.1. The CSMS
// runs in a worker thread (its own core), the stations in the main thread. Every call is a 1.6
// DataTransfer whose answer echoes the station and call number, so each response is checked
// against its own call. Prints throughput and latency percentiles as a Markdown table.
// Runs on the BUILT packages:
//   node scripts/pnpm.mjs run build && node bench/load.mjs [--stations 1000] [--calls 300] [--inflight 1]
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { OCPPClient, OCPPServer } from '@ocpp-ws-io/node';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

if (!isMainThread) {
  // ── the CSMS ──
  const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp', pingIntervalMs: 0 });
  let served = 0;
  server.on('client', (station) => {
    station.handle('DataTransfer', ({ params }) => {
      served++;
      return { status: 'Accepted', data: `${station.identity}|${params.data}` };
    });
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  parentPort.postMessage({ url });
  parentPort.on('message', async (msg) => {
    if (msg === 'stats') parentPort.postMessage({ served, stations: server.stations.size });
    if (msg === 'close') {
      await server.close();
      parentPort.close();
    }
  });
} else {
  const STATIONS = arg('stations', 1000);
  const CALLS = arg('calls', 300);
  const INFLIGHT = arg('inflight', 1);
  const worker = new Worker(new URL(import.meta.url), { workerData: {} });
  const ask = (msg) =>
    new Promise((resolve) => {
      worker.once('message', resolve);
      if (msg) worker.postMessage(msg);
    });
  const { url } = await ask();

  const clients = Array.from(
    { length: STATIONS },
    (_, i) =>
      new OCPPClient({
        endpoint: url,
        identity: `LOAD-${i}`,
        protocols: ['ocpp1.6'],
        pingIntervalMs: 0,
        callTimeoutMs: 120_000,
        maxInFlightCalls: INFLIGHT,
      }),
  );
  const connectStart = performance.now();
  for (let i = 0; i < STATIONS; i += 100)
    await Promise.all(clients.slice(i, i + 100).map((c) => c.connect()));
  const connectMs = performance.now() - connectStart;

  // Latency per call, in ms, in one preallocated array (no growth while measuring).
  const latencies = new Float64Array(STATIONS * CALLS);
  let next = 0;
  let mismatched = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      const lanes = Array.from({ length: INFLIGHT }, async (_, lane) => {
        for (let n = lane; n < CALLS; n += INFLIGHT) {
          const t0 = performance.now();
          try {
            const res = await client.call('DataTransfer', { vendorId: 'load', data: String(n) });
            latencies[next++] = performance.now() - t0;
            if (res.data !== `${client.identity}|${n}`) mismatched++;
          } catch {
            failed++;
          }
        }
      });
      await Promise.all(lanes);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { served } = await ask('stats');
  await Promise.all(clients.map((c) => c.close()));
  worker.postMessage('close');

  const sorted = latencies.subarray(0, next).sort();
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  const total = STATIONS * CALLS;
  const rows = [
    ['stations', STATIONS],
    ['calls per station', CALLS],
    ['calls in flight per station', INFLIGHT],
    ['calls answered and matched', `${next - mismatched} / ${total}`],
    ['served by the CSMS', served],
    ['mismatched / failed', `${mismatched} / ${failed}`],
    ['connect (all stations, waves of 100)', `${connectMs.toFixed(0)} ms`],
    ['duration', `${seconds.toFixed(2)} s`],
    ['throughput', `${Math.round(next / seconds).toLocaleString('en-US')} calls/s`],
    ['latency p50', `${pct(50).toFixed(2)} ms`],
    ['latency p99', `${pct(99).toFixed(2)} ms`],
    ['latency max', `${sorted[sorted.length - 1]?.toFixed(2)} ms`],
  ];
  console.log(`\n### Load: ${STATIONS} stations × ${CALLS} calls, one Node server, 127.0.0.1`);
  console.log(`\nNode ${process.version}, strict validation both ways, CSMS in a worker thread.\n`);
  console.log('| measure | value |\n| --- | --- |');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  if (mismatched || failed || next !== total || served !== total) process.exitCode = 1;
}
