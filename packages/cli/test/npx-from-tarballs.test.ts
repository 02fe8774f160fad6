// The CLI as users get it: `npm run pack`'s tarballs installed with plain npm into an app outside
// the workspace, then `npx ocpp-ws-io test …` in Node and `deno run -A npm:@ocpp-ws-io/cli test …`
// in Deno (the app's node_modules, nodeModulesDir manual), both against a CSMS of the app's own.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runDenoCommand } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePackedApp, type PackedApp } from '../../../test/helpers/packed-app.js';

const run = promisify(execFile);

// A CSMS of the user's, from the installed @ocpp-ws-io/node: enough for TC_001 (boot, statuses, heartbeat).
const CSMS = `
import { OCPPServer } from '@ocpp-ws-io/node';
const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
server.handle('BootNotification', () => ({ currentTime: new Date().toISOString(), interval: 30, status: 'Accepted' }));
server.handle('StatusNotification', () => ({}));
server.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
server.handle('Authorize', () => ({ idTagInfo: { status: 'Accepted' } }));
const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
console.log('listening ' + port);
`;

let packed: PackedApp | undefined;
let csms: ChildProcess | undefined;
let url: string;

beforeAll(async () => {
  packed = await makePackedApp(/ocpp-ws-io-(cli|scenarios|station|node|core|schemas)-/);
  await writeFile(join(packed.app, 'csms.mjs'), CSMS);
  csms = spawn(process.execPath, ['csms.mjs'], { cwd: packed.app, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the CSMS did not start: ${out}`)), 20_000);
    csms!.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  url = `ws://127.0.0.1:${port}/ocpp`;
}, 400_000);
afterAll(async () => {
  csms?.kill();
  await packed?.dispose();
});

describe('the packed @ocpp-ws-io/cli', () => {
  it('runs with npx in Node: TC_001 passes, the JSON report is written, TC_004_1 fails (exit 1)', async () => {
    const app = packed!.app;
    const ok = await run(
      'npx',
      [
        '--no',
        'ocpp-ws-io',
        'test',
        url,
        '--protocol',
        'ocpp1.6',
        '--cases',
        'TC_001_CSMS',
        '--json',
        'report.json',
      ],
      {
        cwd: app,
        timeout: 60_000,
      },
    );
    expect(ok.stdout).toMatch(/^PASS +TC_001_CSMS +Cold Boot Charge Point$/m);
    const report = JSON.parse(await readFile(join(app, 'report.json'), 'utf8'));
    expect(report.cases).toEqual([
      expect.objectContaining({ id: 'TC_001_CSMS', name: 'Cold Boot Charge Point', status: 'passed' }),
    ]);
    // Its CSMS has no StartTransaction handler: the session case fails, and the exit code says so.
    const failed = await run(
      'npx',
      ['--no', 'ocpp-ws-io', 'test', url, '--cases', 'TC_004_1_CSMS', '--timeout', '3000'],
      {
        cwd: app,
        timeout: 60_000,
      },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect((failed as { code?: number }).code).toBe(1);
    expect(failed.stderr).toContain('the CSMS answered StartTransaction with CALLERROR NotSupported');
  }, 120_000);

  it('runs under Deno from the same node_modules: deno run -A npm:@ocpp-ws-io/cli test …', async () => {
    const app = packed!.app;
    await writeFile(join(app, 'deno.json'), JSON.stringify({ nodeModulesDir: 'manual' }));
    const result = await runDenoCommand(
      [
        'run',
        '-A',
        '--config',
        join(app, 'deno.json'),
        'npm:@ocpp-ws-io/cli',
        'test',
        url,
        '--cases',
        'TC_001_CSMS',
        '--json',
        'deno-report.json',
      ],
      { cwd: app, timeoutMs: 90_000 },
    );
    expect(result.stderr).not.toMatch(/error:/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}TC_001_CSMS/m);
    const report = JSON.parse(await readFile(join(app, 'deno-report.json'), 'utf8'));
    expect(report.cases[0]).toMatchObject({ id: 'TC_001_CSMS', status: 'passed' });
  }, 120_000);
});
