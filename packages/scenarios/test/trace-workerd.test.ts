// recordTrace in a Worker: a Durable Object CSMS (one object per station, hibernating WebSockets)
// records its station's frames with the same call as every other runtime, and serves them as JSONL.
import { fileURLToPath } from 'node:url';
import { OCPPClient } from '@ocpp-ws-io/node';
import { buildWorker, type RunningWorkerd, startWorkerd } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrace } from '../src/index.js';

const WORKER = `
import { createOCPPRouter, OCPPStationObject } from '@ocpp-ws-io/cloudflare';
import { recordTrace, traceToJsonl } from '@ocpp-ws-io/scenarios';
export class StationObject extends OCPPStationObject {
  lines = [];
  serverOptions() { return { protocols: ['ocpp1.6'] }; }
  authenticate() { return true; }
  onStation(station) {
    recordTrace(station, (line) => this.lines.push(line));
    station.handle('BootNotification', () => ({ currentTime: new Date().toISOString(), interval: 60, status: 'Accepted' }));
  }
  async trace() { return traceToJsonl(this.lines); }
}
const route = createOCPPRouter({ stations: (env) => env.STATIONS });
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/trace/')) return new Response(await env.STATIONS.getByName(pathname.slice(7)).trace());
    return (await route(request, env)) ?? new Response('Not found', { status: 404 });
  },
};
`;

let worker: RunningWorkerd | undefined;
beforeAll(async () => {
  const script = await buildWorker(
    { contents: WORKER, resolveDir: fileURLToPath(new URL('.', import.meta.url)), sourcefile: 'worker.js' },
    { fromSource: true },
  );
  worker = await startWorkerd({ script, durableObjects: { STATIONS: 'StationObject' } });
}, 60_000);
afterAll(() => worker?.dispose());

describe('recordTrace in workerd', () => {
  it('records a station’s frames on the CSMS side of a Durable Object', async () => {
    const client = new OCPPClient({
      endpoint: `${worker!.wsUrl}/ocpp`,
      identity: 'CP-W',
      protocols: ['ocpp1.6'],
      reconnect: false,
    });
    await client.connect();
    await client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
    await client.close();
    const lines = parseTrace(await (await fetch(`${worker!.url}/trace/CP-W`)).text());
    expect(lines.map((l) => [l.side, l.dir, l.identity, l.protocol, l.frame?.[0]])).toEqual([
      ['csms', 'in', 'CP-W', 'ocpp1.6', 2],
      ['csms', 'out', 'CP-W', 'ocpp1.6', 3],
    ]);
    expect(lines[1]?.frame?.[2]).toMatchObject({ status: 'Accepted' });
  });
});
