// `npm:` specifiers as a Deno user writes them, against what npm would serve: core, schemas and
// deno packed with pnpm (publishConfig exports, dist/ only; the test command builds first) and
// extracted into a node_modules that Deno uses as it is (`nodeModulesDir: "manual"`). The Deno
// cache starts empty and both registries point at a closed loopback port, so every module has
// to come from the tarballs. Everything lives in a temp directory, removed afterwards.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './helpers/deno-run.js';
import { type NodeCsms, startNodeCsms } from './helpers/node-ws.js';
import { deno, layoutNpmApp, runStationApp } from './helpers/packaged.js';
import { nodeCsmsCore } from './helpers/peers.js';

const PASSWORD = 'packed-npm-secret-16';

let work: string;
let app: string;
let denoDir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ocpp-deno-npm-'));
  app = join(work, 'app');
  denoDir = join(work, 'deno-dir');
  const packed = await layoutNpmApp(app, ['@ocpp-ws-io/deno', '@ocpp-ws-io/schemas']);
  expect([...packed.keys()].sort()).toEqual(['@ocpp-ws-io/core', '@ocpp-ws-io/deno', '@ocpp-ws-io/schemas']);
  copyFileSync(fixture('packaged-station.js'), join(app, 'station.js'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const opts = (timeoutMs: number) => ({ cwd: app, denoDir, timeoutMs });

describe('npm: specifiers resolve to the packed packages', () => {
  it('the station imports npm:@ocpp-ws-io/deno and npm:@ocpp-ws-io/schemas/ocpp1.6 from their dist/', async () => {
    const source = readFileSync(join(app, 'station.js'), 'utf8');
    expect(source).toContain("from 'npm:@ocpp-ws-io/deno'");
    expect(source).toContain("from 'npm:@ocpp-ws-io/schemas/ocpp1.6'");
    const info = await deno(['info', '--no-lock', '--json', 'station.js'], opts(30_000));
    const modules = (JSON.parse(info.stdout) as { modules: Array<{ local?: string }> }).modules;
    const local = modules.flatMap((m) => (m.local ? [relative(app, m.local)] : []));
    expect(local).toEqual(
      expect.arrayContaining([
        'node_modules/@ocpp-ws-io/deno/dist/index.js',
        'node_modules/@ocpp-ws-io/deno/dist/index.d.ts',
        'node_modules/@ocpp-ws-io/schemas/dist/ocpp1.6.js',
        'node_modules/@ocpp-ws-io/schemas/dist/ocpp1.6.d.ts',
      ]),
    );
    for (const path of local) expect(path, path).not.toMatch(/^\.\.|\/src\//);
    expect(`${info.stdout}${info.stderr}`).not.toMatch(/Download/);
  });

  it('type-checks against the packed declarations, and a wrong type is reported', async () => {
    const ok = await deno(['check', '--no-lock', 'station.js'], opts(60_000));
    expect(ok.stderr).not.toMatch(/error|Download/i);
    // The declarations are really used (not an untyped `any`): assigning a client to a number fails.
    writeFileSync(
      join(app, 'wrong.ts'),
      "import { OCPPClient } from 'npm:@ocpp-ws-io/deno';\n" +
        "export const n: number = new OCPPClient({ endpoint: 'ws://127.0.0.1:1/ocpp', identity: 'CP' });\n",
    );
    const wrong = await deno(['check', '--no-lock', 'wrong.ts'], opts(60_000), true);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /TS2322 \[ERROR\]: Type 'OCPPClient<[^']*>' is not assignable to type 'number'/,
    );
  });

  describe('station → Node CSMS on 127.0.0.1', () => {
    let csms: NodeCsms | undefined;
    afterEach(async () => {
      await csms?.close();
      csms = undefined;
    });

    it('boots over OCPP 1.6, refuses an invalid call locally, answers Reset, closes with 1000', async () => {
      const core = nodeCsmsCore({ protocols: ['ocpp1.6'], password: PASSWORD });
      csms = await startNodeCsms(core.server);
      const run = await runStationApp(app, denoDir, {
        url: csms.url,
        identity: 'CP-NPM',
        password: PASSWORD,
      });
      expect(core.resets).toEqual([{ identity: 'CP-NPM', result: { status: 'Accepted' } }]);
      expect(csms.upgrades).toEqual([
        { status: 101, authorization: `Basic ${Buffer.from(`CP-NPM:${PASSWORD}`).toString('base64')}` },
      ]);
      expect(run.stderr).not.toMatch(/Download/);
    });
  });
});
