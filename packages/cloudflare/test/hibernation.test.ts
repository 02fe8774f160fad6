import { fileURLToPath } from 'node:url';
import type { RunningWorkerd } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_TOKEN, apiCall, nodeStation, PASSWORD } from './helpers/stations.js';
import { startFixture } from './helpers/workerd.js';

const entry = fileURLToPath(new URL('./fixtures/csms-worker.ts', import.meta.url));

interface Debug {
  constructions: number;
  instanceId: string;
  restores: boolean[];
  info: { connected: boolean; identity?: string; protocol?: string; session?: Record<string, unknown> };
}

let worker: RunningWorkerd;
beforeAll(async () => {
  worker = await startFixture(entry, { STATION_PASSWORD: PASSWORD, API_TOKEN });
});
afterAll(() => worker?.dispose());

const debug = async (identity: string) =>
  (await (await fetch(`${worker.url}/debug/${identity}`)).json()) as Debug;

// The one slow test of the suite: workerd hibernates an idle object after 10 s (no timers, no
// pending I/O, no request in progress), so this waits 12 s.
it('after hibernation the rebuilt connection keeps identity, protocol and session; calls work both ways', async () => {
  const station = nodeStation(worker.wsUrl, 'CP-SLEEPY', ['ocpp1.6']);
  station.handle('RemoteStartTransaction', () => ({ status: 'Accepted' }));
  await station.connect();
  await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
  const before = await debug('CP-SLEEPY');
  expect(before.restores).toEqual([false]);
  expect(before.info).toMatchObject({ connected: true, identity: 'CP-SLEEPY', protocol: 'ocpp1.6' });

  await new Promise((r) => setTimeout(r, 12_000));

  // Station → CSMS first: the message wakes the object, whose constructor runs again.
  const report = (await station.call('DataTransfer', { vendorId: 'test' })) as {
    status: string;
    data: string;
  };
  expect(report.status).toBe('Accepted');
  const seen = JSON.parse(report.data) as { constructions: number; restores: boolean[] };
  expect(seen).toEqual({
    identity: 'CP-SLEEPY',
    protocol: 'ocpp1.6',
    tenant: 'acme',
    constructions: before.constructions + 1,
    restores: [true],
  });

  // CSMS → station through the HTTP API, still on the same socket.
  expect(await apiCall(worker.url, 'CP-SLEEPY', 'RemoteStartTransaction', { idTag: 'TAG-9' })).toEqual({
    status: 200,
    body: { ok: true, protocol: 'ocpp1.6', response: { status: 'Accepted' } },
  });
  const after = await debug('CP-SLEEPY');
  expect(after.instanceId).not.toBe(before.instanceId);
  expect(after.info).toEqual({ ...before.info });
  expect(station.state).toBe('open');
  await station.close();
}, 30_000);
