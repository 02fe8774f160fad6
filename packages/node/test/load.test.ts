// Load: many stations × many calls through one Node server over 127.0.0.1, every call answered
// and matched to its own response. Bounded for CI; bench/load.mjs is the longer, timed run.
import { afterEach, describe, expect, it } from 'vitest';
import { OCPPClient, OCPPServer } from '../src/index.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const STATIONS = 1_000;
// The full 100 calls per station (100 000 strict, validated calls): about 8 s on the 2-core
// machine, client and server in this one process. LOAD_CALLS lowers it if a slower machine must.
const CALLS = Number(process.env.LOAD_CALLS ?? 100);

describe('load over loopback', () => {
  it(`${STATIONS} stations × ${CALLS} calls through one server: all answered and matched`, async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp', pingIntervalMs: 0 });
    let served = 0;
    server.on('client', (station) => {
      station.handle('DataTransfer', ({ params }) => {
        served++;
        return { status: 'Accepted', data: `${station.identity}|${params.data}` };
      });
    });
    const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => server.close());

    const clients = Array.from(
      { length: STATIONS },
      (_, i) =>
        new OCPPClient({
          endpoint: url,
          identity: `LOAD-${i}`,
          protocols: ['ocpp1.6'],
          pingIntervalMs: 0,
          callTimeoutMs: 60_000,
        }),
    );
    cleanups.push(() => Promise.all(clients.map((c) => c.close())));
    // Connect in waves, as a fleet does after a CSMS deploy.
    for (let i = 0; i < STATIONS; i += 100)
      await Promise.all(clients.slice(i, i + 100).map((c) => c.connect()));
    expect(server.stations.size).toBe(STATIONS);

    const started = performance.now();
    let mismatched = 0;
    await Promise.all(
      clients.map(async (client) => {
        for (let n = 0; n < CALLS; n++) {
          const res = await client.call('DataTransfer', { vendorId: 'load', data: String(n) });
          if (res.data !== `${client.identity}|${n}`) mismatched++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[load] ${JSON.stringify({ stations: STATIONS, callsPerStation: CALLS, calls: STATIONS * CALLS, served, mismatched, seconds: Number(seconds.toFixed(2)), callsPerSecond: Math.round((STATIONS * CALLS) / seconds) })}`,
    );
    expect(mismatched).toBe(0);
    expect(served).toBe(STATIONS * CALLS);
  }, 120_000);
});
