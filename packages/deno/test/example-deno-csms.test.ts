// examples/deno-csms, started exactly as its README says (`pnpm start`'s command), driven by one
// Node station per version through boot → heartbeat → status.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStation } from './helpers/peers.js';

const exampleDir = fileURLToPath(new URL('../../../examples/deno-csms/', import.meta.url));

describe('examples/deno-csms', () => {
  let child: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    const { scripts } = JSON.parse(readFileSync(`${exampleDir}package.json`, 'utf8')) as {
      scripts: { start: string };
    };
    // The start script is `node <script> main.ts`; run that command itself (pnpm adds nothing but startup time).
    const [command, ...args] = scripts.start.split(' ');
    expect(command).toBe('node');
    child = spawn(process.execPath, args, {
      cwd: exampleDir,
      env: { ...process.env, PORT: '0', HOSTNAME: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`example did not start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp)\//.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`example exited (${code}):\n${output}`)));
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    }
  });

  it('serves a 1.6 station: boot → heartbeat → status', async () => {
    const station = nodeStation({ url, identity: 'EX-16', protocols: ['ocpp1.6'] });
    expect(await station.connect()).toEqual({ protocol: 'ocpp1.6' });
    expect(
      await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'EX' } as never),
    ).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(await station.call('Heartbeat', {} as never)).toHaveProperty('currentTime');
    expect(
      await station.call('StatusNotification', {
        connectorId: 1,
        errorCode: 'NoError',
        status: 'Available',
      } as never),
    ).toEqual({});
    await station.close();
    expect(output).toMatch(/EX-16 connected \(ocpp1\.6\)/);
  });

  it('serves a 2.0.1 station the same way, preferring 2.0.1 when both are offered', async () => {
    const station = nodeStation({ url, identity: 'EX-201', protocols: ['ocpp1.6', 'ocpp2.0.1'] });
    expect(await station.connect()).toEqual({ protocol: 'ocpp2.0.1' });
    expect(
      await station.call('BootNotification', {
        reason: 'PowerUp',
        chargingStation: { vendorName: 'Acme', model: 'EX' },
      } as never),
    ).toMatchObject({ status: 'Accepted' });
    expect(await station.call('Heartbeat', {} as never)).toHaveProperty('currentTime');
    expect(
      await station.call('StatusNotification', {
        timestamp: new Date().toISOString(),
        connectorStatus: 'Available',
        evseId: 1,
        connectorId: 1,
      } as never),
    ).toEqual({});
    await station.close();
  });

  it('stops on SIGTERM with exit code 0 (stations closed with 1001 first)', async () => {
    const station = nodeStation({ url, identity: 'EX-stay', protocols: ['ocpp1.6'] });
    await station.connect();
    const closed = new Promise((resolve) => station.on('close', resolve));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await closed).toMatchObject({ code: 1001 });
    expect(await exited).toBe(0);
  });
});
