// The README's `npm start` path (scripts/run.mjs start: build, then the demo CSMS in workerd and
// the playground's Vite server) stopped the way a person stops it: Ctrl+C, i.e. SIGINT to every
// process of the terminal's process group (issue #16: pnpm used to print ELIFECYCLE …
// ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL). Both servers must stop, the command must exit 0 and
// print nothing that reads as an error.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { OCPPClient } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';
import { freePort } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start', () => {
  it('Ctrl+C stops the playground and the demo CSMS and exits 0, with no error output', async () => {
    const [csmsPort, webPort] = [await freePort(), await freePort()];
    // Its own process group, as a terminal's foreground job.
    const child = spawn(process.execPath, ['scripts/run.mjs', 'start'], {
      cwd: root,
      env: { ...process.env, CSMS_PORT: String(csmsPort), PLAYGROUND_PORT: String(webPort), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 120_000;
      while (!output.includes('Ctrl+C stops both')) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`npm start did not get ready:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await listening(csmsPort)).toBe(true);
      expect(await listening(webPort)).toBe(true);
      // The terminal shows the demo CSMS's own lines (the password: .dev.vars's ENROLMENT_SECRET).
      const station = new OCPPClient({
        endpoint: `ws://127.0.0.1:${csmsPort}/ocpp`,
        identity: 'CP-START',
        password: 'dev-station-password',
        protocols: ['ocpp1.6'],
        reconnect: false,
      });
      await station.connect();
      await station.close();
      const lineDeadline = Date.now() + 10_000;
      while (!/csms │ \[csms\] station CP-START connected \(ocpp1\.6\)/.test(output)) {
        if (Date.now() > lineDeadline) throw new Error(`no connection line in:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // A refusal is a console.warn line, which wrangler colours even with NO_COLOR: the terminal
      // (or a log file) gets it as plain text.
      const intruder = new OCPPClient({
        endpoint: `ws://127.0.0.1:${csmsPort}/ocpp`,
        identity: 'CP-START',
        password: 'not-the-password-0',
        protocols: ['ocpp1.6'],
        reconnect: false,
      });
      await expect(intruder.connect()).rejects.toMatchObject({ status: 401 });
      const refusalDeadline = Date.now() + 10_000;
      while (!/csms │ \[auth\] station CP-START refused/.test(output)) {
        if (Date.now() > refusalDeadline) throw new Error(`no refusal line in:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // (The build before it is pnpm's and rollup's output, with their own colours.)
      expect(output.slice(output.indexOf('Ctrl+C stops both'))).not.toContain('\x1b[');
      const before = output.length;

      process.kill(-child.pid!, 'SIGINT');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000)),
      ]);
      expect(code).toBe(0);
      const afterCtrlC = output.slice(before);
      expect(afterCtrlC).not.toMatch(/ELIFECYCLE|ERR_PNPM|✖|error/i);
      expect(output).not.toMatch(/ELIFECYCLE|ERR_PNPM/);
      expect(await listening(csmsPort)).toBe(false);
      expect(await listening(webPort)).toBe(false);
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    }
  }, 180_000);
});
