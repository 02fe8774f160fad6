// The example runs the way a user runs it: as a separate node process over loopback.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OCPPClient } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Waits (at most 5 s) until the child's output contains `text`: a refusal's log line reaches us
 * through a pipe, possibly after the client already saw the 401.
 */
async function printed(output: () => string, text: string): Promise<void> {
  for (let waited = 0; !output().includes(text); waited += 20) {
    if (waited > 5_000) throw new Error(`not printed within 5 s: ${text}\n--- output ---\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(here, script), ...args], { env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => out };
}

describe('examples/node-csms', () => {
  it.each(['--ocpp1.6', '--ocpp2.0.1'])('demo charges a car end to end (%s)', async (flag) => {
    const demo = run('demo.mjs', [flag], { PORT: '0' });
    const timer = setTimeout(() => demo.child.kill(), 20_000);
    const code = await demo.exited;
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(demo.output()).toContain('Charging session complete.');
    expect(demo.output()).toMatch(/(stopped transaction 1 at 3000 Wh|transaction demo-tx-1: Ended)/);
  });

  /** Starts csms.mjs with `env`; resolves the URL it prints, and stops it after `use`. */
  async function withCsms(
    env: Record<string, string>,
    use: (url: string, output: () => string) => Promise<void>,
  ) {
    const csms = run('csms.mjs', [], { PORT: '0', ...env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${csms.output()}`)), 10_000);
        csms.child.stdout.on('data', () => {
          const match = /connect to (ws:\/\/\S+)\/<identity>/.exec(csms.output());
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      await use(url, csms.output);
    } finally {
      csms.child.kill('SIGINT');
      await csms.exited;
    }
  }

  const station = (url: string, identity: string, password?: string) =>
    new OCPPClient({
      endpoint: url,
      identity,
      protocols: ['ocpp2.0.1'],
      reconnect: false,
      ...(password === undefined ? {} : { password }),
    });

  it('csms.mjs serves a station that connects to the printed URL with its own password', async () => {
    await withCsms(
      { STATION_PASSWORDS: 'EX-1=ex-one-password-16,EX-2=ex-two-password-16' },
      async (url, output) => {
        const ex1 = station(url, 'EX-1', 'ex-one-password-16');
        await ex1.connect();
        const boot = await ex1.call('BootNotification', {
          reason: 'PowerUp',
          chargingStation: { model: 'T', vendorName: 'V' },
        });
        expect(boot.status).toBe('Accepted');
        await ex1.close();
        // Another station's password does not open EX-1 (OCPP 1.6 security whitepaper A01.FR.06).
        await expect(station(url, 'EX-1', 'ex-two-password-16').connect()).rejects.toMatchObject({
          status: 401,
        });
        await expect(station(url, 'EX-3', 'ex-two-password-16').connect()).rejects.toMatchObject({
          status: 401,
        });
        await printed(output, '[csms] EX-1 refused: wrong password');
        await printed(output, '[csms] EX-3 refused: unknown identity');
        expect(output()).not.toContain('ex-two-password-16');
      },
    );
  });

  it('csms.mjs without STATION_PASSWORDS refuses every station (fail closed) and says why', async () => {
    await withCsms({ STATION_PASSWORDS: '' }, async (url, output) => {
      expect(output()).toContain('STATION_PASSWORDS is not set: every station is refused');
      await expect(station(url, 'EX-1').connect()).rejects.toMatchObject({ status: 401 });
      await expect(station(url, 'EX-1', 'any-password-16ch').connect()).rejects.toMatchObject({
        status: 401,
      });
    });
  });

  it('csms.mjs ignores a password no OCPP version allows, naming the station, not the password', async () => {
    await withCsms({ STATION_PASSWORDS: 'EX-1=tiny-pw-7' }, async (url, output) => {
      expect(output()).toContain('STATION_PASSWORDS entry ignored, EX-1:');
      expect(output()).not.toContain('tiny-pw-7');
      await expect(station(url, 'EX-1', 'tiny-pw-7').connect()).rejects.toMatchObject({ status: 401 });
    });
  });
});
