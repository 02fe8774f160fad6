// docs/guides/cloudflare-csms.md, "Your own Worker CSMS, from an empty folder", done as a reader
// does it (issue #16): every file the guide shows (each marked <!-- guide-file: PATH -->) is
// written into an app that has only the packed tarballs, `wrangler types` and `tsc` check it, and
// `wrangler dev` runs it; a station then boots with the guide's password, and the refusals the
// guide promises (wrong password, unknown identity, API without the token) hold.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConnectError, OCPPClient } from '@ocpp-ws-io/node';
import { freePort } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGuideFiles } from './helpers/guide-files.js';
import { makePackedApp, type PackedApp, repoRoot, run } from './helpers/packed-app.js';

let packedApp: PackedApp | undefined;
let wrangler: ChildProcess | undefined;
let base = '';
let output = '';
let files: Map<string, string>;

beforeAll(async () => {
  files = await readGuideFiles('docs/guides/cloudflare-csms.md');
  packedApp = await makePackedApp(/cloudflare|core|schemas/);
  const { app } = packedApp;
  for (const [path, text] of files) {
    await mkdir(dirname(join(app, path)), { recursive: true });
    await writeFile(join(app, path), text);
  }
  // The guide has the reader `npm install wrangler typescript`; the workspace's own copies are
  // linked instead of downloaded again (the same versions a reader would get).
  const require = createRequire(join(repoRoot, 'examples/cloudflare-csms/package.json'));
  const wranglerDir = await realpath(dirname(require.resolve('wrangler/package.json')));
  const typescriptDir = await realpath(
    dirname(createRequire(join(repoRoot, 'package.json')).resolve('typescript/package.json')),
  );
  await symlink(wranglerDir, join(app, 'node_modules', 'wrangler'), 'dir');
  await symlink(typescriptDir, join(app, 'node_modules', 'typescript'), 'dir');
}, 400_000);

afterAll(async () => {
  if (wrangler?.pid && wrangler.exitCode === null) process.kill(-wrangler.pid, 'SIGKILL');
  await packedApp?.dispose();
});

const wranglerBin = () => join(packedApp!.app, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: '1' };

describe('the Cloudflare guide, followed from an empty folder', () => {
  it('shows the four files of the project', () => {
    expect([...files.keys()].sort()).toEqual([
      '.dev.vars',
      'src/index.ts',
      'tsconfig.json',
      'wrangler.jsonc',
    ]);
  });

  it('type-checks after `wrangler types`, with the tarballs installed (tsc, strict)', async () => {
    const { app } = packedApp!;
    await run(process.execPath, [wranglerBin(), 'types'], { cwd: app, env, timeout: 120_000 });
    const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: app,
      timeout: 120_000,
    }).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`).toBe('');
  }, 240_000);

  it('runs under `wrangler dev`: CP-1 boots with its password; a wrong one, another identity and the API without its token are refused', async () => {
    const { app } = packedApp!;
    const port = await freePort();
    // Its own devtools port: the default 9229 (then 9230 …) is raced for by every wrangler dev the
    // suite starts at the same time, and the loser dies with "Address already in use".
    const inspector = await freePort();
    const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector)];
    wrangler = spawn(process.execPath, [wranglerBin(), ...args], {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    wrangler.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    wrangler.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
    const deadline = Date.now() + 90_000;
    while (!/Ready on http/.test(output)) {
      if (Date.now() > deadline || wrangler.exitCode !== null)
        throw new Error(`wrangler dev not ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    base = `127.0.0.1:${port}`;

    const station = (identity: string, password: string) =>
      new OCPPClient({
        endpoint: `ws://${base}/ocpp`,
        identity,
        password,
        protocols: ['ocpp1.6'],
        reconnect: false,
      });
    const cp1 = station('CP-1', 'a-16-char-secret');
    await cp1.connect();
    const boot = await cp1.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
    expect(boot.status).toBe('Accepted');
    await cp1.close();

    for (const [identity, password] of [
      ['CP-1', 'not-the-password'],
      ['CP-2', 'a-16-char-secret'], // another station's password opens nothing
    ] as const) {
      const refused = await station(identity, password)
        .connect()
        .catch((e: unknown) => e);
      expect(refused, `${identity} with ${password}`).toBeInstanceOf(ConnectError);
      expect((refused as ConnectError).message).toMatch(/401/);
    }
    expect((await fetch(`http://${base}/api/stations/CP-1`)).status).toBe(401);
    const dev = (files.get('.dev.vars') ?? '').match(/^API_TOKEN=(.+)$/m)?.[1];
    const authorized = await fetch(`http://${base}/api/stations/CP-1`, {
      headers: { Authorization: `Bearer ${dev}` },
    });
    expect(authorized.status).toBe(200);
  }, 180_000);
});
