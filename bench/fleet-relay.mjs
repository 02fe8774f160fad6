#!/usr/bin/env node
// The relay for bench/fleet.mjs, in a process of its own so its CPU and memory are measured apart
// from the tab's and the CSMS's. Prints `@relay <url>` once listening.
//   node bench/fleet-relay.mjs <allowed target>
import { startRelay } from '@ocpp-ws-io/node';

const relay = await startRelay({ allowedTargets: [process.argv[2]] });
console.log(`@relay ${relay.url}`);
process.on('SIGTERM', () => relay.close().then(() => process.exit(0)));
