#!/usr/bin/env node
// One measurement in a fresh process, printed as one JSON line. Driven by run.mjs:
//   node worker.mjs rtt <subject>            sequential RTT of 1.6 MeterValues (µs, mean of a round)
//   node worker.mjs throughput <subject>     1,000 stations calling concurrently (calls/s)
//   node --expose-gc worker.mjs memory-server <subject>   CSMS side of the memory test (see run.mjs)
//   node worker.mjs memory-clients <subject> <url> <n>    opens n idle stations and holds them
import { meterValues16 } from './messages.mjs';
import { connectClient, startServer } from './subjects.mjs';

const [mode, subject, ...rest] = process.argv.slice(2);
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function rtt() {
  const server = await startServer(subject);
  const client = await connectClient(subject, server.url, 'CP-RTT');
  for (let i = 0; i < 2_000; i++) await client.call('MeterValues', meterValues16); // warm-up (JIT)
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const n = 2_000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await client.call('MeterValues', meterValues16);
    rounds.push(Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
  rounds.sort((a, b) => a - b);
  out({ us: rounds[2] });
  await client.close();
  await server.close();
}

async function throughput() {
  const server = await startServer(subject);
  const stations = [];
  for (let i = 0; i < 1_000; i += 100)
    stations.push(
      ...(await Promise.all(
        Array.from({ length: 100 }, (_, j) => connectClient(subject, server.url, `CP-${i + j}`)),
      )),
    );
  const perStation = 20;
  const burst = () =>
    Promise.all(
      stations.map(async (s) => {
        for (let k = 0; k < perStation; k++) await s.call('MeterValues', meterValues16);
      }),
    );
  await burst(); // warm-up
  const t0 = process.hrtime.bigint();
  await burst();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  out({ callsPerSecond: (stations.length * perStation) / seconds });
  await Promise.all(stations.map((s) => s.close()));
  await server.close();
}

async function memoryServer() {
  // The CSMS alone in this process. Prints its URL, then a baseline and a loaded sample on request.
  const server = await startServer(subject);
  const sample = () => {
    for (let i = 0; i < 3; i++) global.gc();
    const m = process.memoryUsage();
    return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
  };
  out({ url: server.url });
  process.stdin.setEncoding('utf8');
  let buffer = '';
  process.stdin.on('data', async (chunk) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const cmd = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (cmd === 'sample') {
        await new Promise((r) => setTimeout(r, 200));
        out(sample());
      } else if (cmd === 'exit') {
        await server.close();
        process.exit(0);
      }
      nl = buffer.indexOf('\n');
    }
  });
}

async function memoryClients() {
  const [url, n] = rest;
  const stations = [];
  for (let i = 0; i < Number(n); i += 100) {
    const batch = Math.min(100, Number(n) - i);
    stations.push(
      ...(await Promise.all(
        Array.from({ length: batch }, (_, j) => connectClient(subject, url, `CP-${i + j}`)),
      )),
    );
  }
  // One call each, so every station's server-side state is in its steady, post-boot shape.
  await Promise.all(stations.map((s) => s.call('Heartbeat', {})));
  out({ connected: stations.length });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

await { rtt, throughput, 'memory-server': memoryServer, 'memory-clients': memoryClients }[mode]();
