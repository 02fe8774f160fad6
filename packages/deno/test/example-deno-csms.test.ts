// examples/deno-csms, started exactly as its README says (`pnpm start`'s command), driven by one
// Node station per version through boot → heartbeat → status, each with its own password; and
// started without STATION_PASSWORDS, where it must refuse everyone.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStation } from './helpers/peers.js';

const exampleDir = fileURLToPath(new URL('../../../examples/deno-csms/', import.meta.url));

/** The example started with `env` as its README says, and the URL it printed. */
async function startExample(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const { scripts } = JSON.parse(readFileSync(`${exampleDir}package.json`, 'utf8')) as {
    scripts: { start: string };
  };
  // The start script is `node <script> main.ts`; run that command itself (pnpm adds nothing but startup time).
  const [command, ...args] = scripts.start.split(' ');
  expect(command).toBe('node');
  const child = spawn(process.execPath, args, {
    cwd: exampleDir,
    env: { ...process.env, PORT: '0', HOSTNAME: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
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
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(killer);
  }
}

const PASSWORDS = {
  'EX-16': 'ex-16-password-16ch',
  'EX-201': 'ex-201-password-16c',
  'EX-stay': 'ex-stay-password-16',
};

describe('examples/deno-csms', () => {
  let child: ChildProcess;
  let url: string;
  let output: () => string;

  beforeAll(async () => {
    const entries = Object.entries(PASSWORDS).map(([id, pw]) => `${id}=${pw}`);
    ({ child, url, output } = await startExample({ STATION_PASSWORDS: entries.join(',') }));
  });
  afterAll(() => stop(child));

  it("refuses a wrong password, another station's password and an unknown identity with 401", async () => {
    for (const [identity, password] of [
      ['EX-16', 'not-the-password-16'],
      ['EX-16', PASSWORDS['EX-201']],
      ['EX-unknown', PASSWORDS['EX-16']],
    ] as const) {
      const station = nodeStation({ url, identity, protocols: ['ocpp1.6'], password });
      await expect(station.connect()).rejects.toMatchObject({ name: 'ConnectError', status: 401 });
    }
    await expect.poll(output, { timeout: 2_000 }).toContain('EX-unknown refused: unknown identity');
    expect(output()).not.toContain(PASSWORDS['EX-201']);
  });

  it('serves a 1.6 station: boot → heartbeat → status', async () => {
    const station = nodeStation({
      url,
      identity: 'EX-16',
      protocols: ['ocpp1.6'],
      password: PASSWORDS['EX-16'],
    });
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
    expect(output()).toMatch(/EX-16 connected \(ocpp1\.6\)/);
  });

  it('serves a 2.0.1 station the same way, preferring 2.0.1 when both are offered', async () => {
    const station = nodeStation({
      url,
      identity: 'EX-201',
      protocols: ['ocpp1.6', 'ocpp2.0.1'],
      password: PASSWORDS['EX-201'],
    });
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
    const station = nodeStation({
      url,
      identity: 'EX-stay',
      protocols: ['ocpp1.6'],
      password: PASSWORDS['EX-stay'],
    });
    await station.connect();
    const closed = new Promise((resolve) => station.on('close', resolve));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await closed).toMatchObject({ code: 1001 });
    expect(await exited).toBe(0);
  });
});

describe('examples/deno-csms without STATION_PASSWORDS', () => {
  let example: Awaited<ReturnType<typeof startExample>> | undefined;
  afterAll(() => stop(example?.child));

  it('refuses every station (fail closed) and says why', async () => {
    example = await startExample({ STATION_PASSWORDS: '' });
    expect(example.output()).toContain('STATION_PASSWORDS is not set: every station is refused');
    for (const password of [undefined, 'any-password-16ch']) {
      const station = nodeStation({
        url: example.url,
        identity: 'EX-16',
        protocols: ['ocpp1.6'],
        ...(password === undefined ? {} : { password }),
      });
      await expect(station.connect()).rejects.toMatchObject({ name: 'ConnectError', status: 401 });
    }
  });
});
