// The example runs the way a user runs it: as a separate node process over loopback.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OCPPClient } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');

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

  it('csms.mjs serves a station that connects to the printed URL', async () => {
    const csms = run('csms.mjs', [], { PORT: '0' });
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
      const station = new OCPPClient({ endpoint: url, identity: 'EX-1', protocols: ['ocpp2.0.1'] });
      await station.connect();
      const boot = await station.call('BootNotification', {
        reason: 'PowerUp',
        chargingStation: { model: 'T', vendorName: 'V' },
      });
      expect(boot.status).toBe('Accepted');
      await station.close();
    } finally {
      csms.child.kill('SIGINT');
      await csms.exited;
    }
  });
});
