// Starts examples/cloudflare-csms the way a user does (its start script: `wrangler dev` on
// 127.0.0.1) and drives one station through a charging session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startUntilReady } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStation } from './helpers/stations.js';

const exampleDir = fileURLToPath(new URL('../../../examples/cloudflare-csms/', import.meta.url));
const PASSWORD = 'dev-station-password';
const TOKEN = 'dev-api-token';

/** Runs the example's start script, as a user does; resolves once wrangler says it is ready. */
const startExample = (port: number, persistTo: string) =>
  startUntilReady(['scripts/start.mjs', '--port', String(port), '--persist-to', persistTo], {
    cwd: exampleDir,
    ready: /Ready on http/,
    withinMs: 60_000,
  });

describe('examples/cloudflare-csms under wrangler dev', () => {
  let example: Awaited<ReturnType<typeof startExample>>;
  let base: string;
  const persistTo = mkdtempSync(join(tmpdir(), 'ocpp-example-'));
  beforeAll(async () => {
    const port = await freePort();
    base = `127.0.0.1:${port}`;
    example = await startExample(port, persistTo);
  }, 70_000);
  afterAll(async () => {
    await example?.stop();
    rmSync(persistTo, { recursive: true, force: true });
  });

  it('ocpp1.6: boot → authorize → start → meter values → stop, recorded by the station object', async () => {
    const station = nodeStation(`ws://${base}`, 'CP-EXAMPLE', ['ocpp1.6'], { password: PASSWORD });
    expect(await station.connect()).toEqual({ protocol: 'ocpp1.6' });
    expect(
      await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' }),
    ).toMatchObject({
      status: 'Accepted',
    });
    expect(
      await station.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' }),
    ).toEqual({});
    expect(await station.call('Authorize', { idTag: 'TAG-1' })).toEqual({
      idTagInfo: { status: 'Accepted' },
    });
    const started = await station.call('StartTransaction', {
      connectorId: 1,
      idTag: 'TAG-1',
      meterStart: 1000,
      timestamp: new Date().toISOString(),
    });
    expect(started).toMatchObject({ transactionId: 1, idTagInfo: { status: 'Accepted' } });
    const sample = { timestamp: new Date().toISOString(), sampledValue: [{ value: '1500' }] };
    expect(
      await station.call('MeterValues', { connectorId: 1, transactionId: 1, meterValue: [sample, sample] }),
    ).toEqual({});
    expect(
      await station.call('StopTransaction', {
        transactionId: 1,
        meterStop: 2500,
        timestamp: new Date().toISOString(),
      }),
    ).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await station.call('Heartbeat', {})).toHaveProperty('currentTime');
    await station.close();

    const res = await fetch(`http://${base}/api/stations/CP-EXAMPLE/transactions`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(await res.json()).toMatchObject([
      { id: '1', idTag: 'TAG-1', meterStartWh: 1000, meterStopWh: 2500, meterSamples: 2 },
    ]);
  });
});
