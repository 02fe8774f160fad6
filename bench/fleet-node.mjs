#!/usr/bin/env node
// One Node process running a fleet for bench/fleet.mjs: direct WebSockets (Node has no cap, so no
// relay), the scenario of fleet-scenario.mjs, then the process's own heap, RSS and CPU over the
// measuring window. Talks to its parent in lines on stdout: `@measuring` when the window opens,
// `@result {json}` at the end.
//   node --expose-gc bench/fleet-node.mjs <size> <endpoint> <password> <windowMs> <warmupMs>
import { OCPPClient } from '@ocpp-ws-io/node';
import { Fleet, plugInRandomly } from '@ocpp-ws-io/station';
import { bootAndCharge } from './fleet-scenario.mjs';

const [size, endpoint, password, windowMs, warmupMs] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const settledMemory = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(50);
  }
  return process.memoryUsage();
};

const before = await settledMemory();
const { fleet, report } = await bootAndCharge(
  { Fleet, OCPPClient, plugInRandomly },
  { size: Number(size), endpoint, password },
);
await sleep(Number(warmupMs));
const after = await settledMemory();
console.log('@measuring');
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
await sleep(Number(windowMs));
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - wall0;
const summary = fleet.summary();
console.log(
  `@result ${JSON.stringify({
    ...report,
    summaryAfterWindow: summary,
    heapBytes: after.heapUsed - before.heapUsed,
    rssBytes: after.rss - before.rss,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
  })}`,
);
await fleet.stop({ deliveryTimeoutMs: 2_000 });
process.exit(0);
