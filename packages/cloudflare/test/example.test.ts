// Starts examples/cloudflare-csms the way a user does (its start script: `wrangler dev` on
// 127.0.0.1) and drives one station through a charging session.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStation } from './helpers/stations.js';

const exampleDir = fileURLToPath(new URL('../../../examples/cloudflare-csms/', import.meta.url));
const PASSWORD = 'dev-station-password';
const TOKEN = 'dev-api-token';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Runs the example's start script; resolves once wrangler says it is ready (bounded). */
async function startExample(port: number, persistTo: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['scripts/start.mjs', '--port', String(port), '--persist-to', persistTo],
    {
      cwd: exampleDir,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so the cleanup below reaches wrangler's workerd child as well.
      detached: true,
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev not ready in 60 s:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/Ready on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited (${code}):\n${output}`));
    });
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(
          () => child.pid !== undefined && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'),
          5_000,
        ).unref();
      }),
  };
}

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
