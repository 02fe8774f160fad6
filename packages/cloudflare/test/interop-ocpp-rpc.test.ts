// Interop with an independent OCPP-J implementation: ocpp-rpc 2.2.1 as the station (a Node
// child process), our Durable Object CSMS in workerd, over 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningWorkerd } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, apiCall, PASSWORD } from './helpers/stations.js';
import { startFixture } from './helpers/workerd.js';

const entry = fileURLToPath(new URL('./fixtures/csms-worker.ts', import.meta.url));

const stationScript = fileURLToPath(new URL('./fixtures/ocpp-rpc-station.cjs', import.meta.url));

type StationEvent = { event: string } & Record<string, unknown>;

/** Starts the ocpp-rpc station process; `next()` resolves its next JSON event line (bounded). */
function startRpcStation(args: string[]) {
  const { NODE_OPTIONS: _dropped, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, [stationScript, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const events: StationEvent[] = [];
  const waiters: Array<(e: StationEvent) => void> = [];
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const event = JSON.parse(buffer.slice(0, nl)) as StationEvent;
      buffer = buffer.slice(nl + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(event);
      else events.push(event);
    }
  });
  const next = (timeoutMs = 10_000) =>
    events.length > 0
      ? Promise.resolve(events.shift()!)
      : new Promise<StationEvent>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('ocpp-rpc station: no event in time')), timeoutMs);
          waiters.push((e) => {
            clearTimeout(timer);
            resolve(e);
          });
        });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.stdin?.end('close\n');
    });
  return { next, stop };
}

const boot201 = { chargingStation: { vendorName: 'Acme', model: 'X1' }, reason: 'PowerUp' };
const start2x = { idToken: { idToken: 'TAG-1', type: 'ISO14443' }, remoteStartId: 3 };

// ocpp-rpc bundles validators for 1.6 and 2.0.1 only, so its strict mode is off for 2.1.
const CASES = [
  [
    'ocpp1.6',
    true,
    { chargePointVendor: 'Acme', chargePointModel: 'X1' },
    'RemoteStartTransaction',
    { idTag: 'TAG-1' },
  ],
  ['ocpp2.0.1', true, boot201, 'RequestStartTransaction', start2x],
  ['ocpp2.1', false, boot201, 'RequestStartTransaction', start2x],
] as const;

describe('interop: ocpp-rpc station → Durable Object CSMS', () => {
  let worker: RunningWorkerd;
  beforeAll(async () => {
    worker = await startFixture(entry, { STATION_PASSWORD: PASSWORD, API_TOKEN });
  });
  afterAll(() => worker?.dispose());

  it.each(CASES)(
    '%s (ocpp-rpc strictMode %s): boot, heartbeat and a CSMS-initiated call',
    async (protocol, strict, boot, action, params) => {
      const identity = `RPC-${protocol}`;
      const station = startRpcStation([
        `${worker.wsUrl}/ocpp`,
        identity,
        protocol,
        String(strict),
        PASSWORD,
        JSON.stringify(boot),
        action,
      ]);
      try {
        const ready = await station.next();
        expect(ready).toMatchObject({
          event: 'ready',
          protocol,
          boot: { status: 'Accepted', interval: 300 },
        });
        expect(ready.heartbeat).toHaveProperty('currentTime');
        const { status, body } = await apiCall(worker.url, identity, action, params);
        expect({ status, body }).toEqual({
          status: 200,
          body: { ok: true, protocol, response: { status: 'Accepted' } },
        });
        expect(await station.next()).toEqual({ event: 'called', action, params });
      } finally {
        await station.stop();
      }
    },
  );
});
