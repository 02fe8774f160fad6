// JSR readiness of the packages with a jsr.json (core, schemas, deno, browser), offline.
// 1. Each jsr.json mirrors its package.json: name, version, the `source` of every export, and
//    every dependency (siblings as jsr:, the rest as npm: at the version the lockfile holds).
// 2. `deno publish --dry-run` passes for all of them, slow-types check included. They are not on
//    JSR yet, so a package published alone could not resolve its `jsr:` siblings (Deno asks the
//    registry); here they are the members of a Deno workspace in a temp copy, where they resolve
//    each other locally, and valibot/nanoevents come from a node_modules (`nodeModulesDir: manual`).
// 3. A station importing `@ocpp-ws-io/deno` as a JSR user maps it (`jsr:@ocpp-ws-io/deno@^0.1.0`)
//    type-checks and runs against a Node CSMS on 127.0.0.1, loaded from the TypeScript sources.
// Every deno command runs with an empty cache of its own and both registries pointed at a closed
// loopback port: nothing is downloaded. The temp directory is removed afterwards.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './helpers/deno-run.js';
import { type NodeCsms, startNodeCsms } from './helpers/node-ws.js';
import {
  deno,
  JSR_PACKAGES,
  PACKAGE_DIRS,
  readJsrConfig,
  repoRoot,
  runStationApp,
  stageJsrWorkspace,
} from './helpers/packaged.js';
import { nodeCsmsCore } from './helpers/peers.js';

const PASSWORD = 'jsr-workspace-secret-16';

interface PackageJson {
  name: string;
  version: string;
  license: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
}
const packageJson = (name: string): PackageJson =>
  JSON.parse(readFileSync(join(repoRoot, PACKAGE_DIRS[name] as string, 'package.json'), 'utf8'));

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ocpp-deno-jsr-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(JSR_PACKAGES)('%s jsr.json', (name) => {
  const jsr = readJsrConfig(name);
  const pkg = packageJson(name);

  it('has the name, version and license of package.json', () => {
    expect({ name: jsr.name, version: jsr.version }).toEqual({ name: pkg.name, version: pkg.version });
    expect((jsr as { license?: string }).license).toBe(pkg.license);
  });

  it('exports the `source` of every package.json export that has one', () => {
    // Exports without a source (browser's ./cdn/* bundles, ./package.json) are build outputs.
    const sources = Object.fromEntries(
      Object.entries(pkg.exports).flatMap(([key, value]) =>
        typeof value === 'object' && value.source ? [[key, value.source]] : [],
      ),
    );
    expect(Object.keys(sources).length).toBeGreaterThan(0);
    expect(jsr.exports).toEqual(sources);
  });

  it('maps every dependency: siblings to jsr:, the rest to npm: at the locked version', () => {
    const lock = readFileSync(join(repoRoot, 'pnpm-lock.yaml'), 'utf8');
    const expected = Object.fromEntries(
      Object.entries(pkg.dependencies ?? {}).map(([dep, range]) => {
        if (dep.startsWith('@ocpp-ws-io/')) {
          expect(JSR_PACKAGES, `${dep} has no jsr.json`).toContain(dep);
          return [dep, `jsr:${dep}@${packageJson(dep).version}`];
        }
        // The packages pin exact versions; the lockfile must hold that very version.
        expect(lock).toContain(`\n  ${dep}@${range}:`);
        return [dep, `npm:${dep}@${range}`];
      }),
    );
    expect(jsr.imports ?? {}).toEqual(expected);
  });

  it('publishes sources and the README only, and npm does not ship the jsr.json', () => {
    expect(jsr.publish?.include).toEqual(['src/**/*.ts', 'README.md']);
    expect(pkg.files).toEqual(['dist']);
  });
});

describe('deno publish --dry-run, the jsr.json packages as a workspace', () => {
  let output: string;
  let stderr: string;

  beforeAll(async () => {
    const dir = join(work, 'publish');
    mkdirSync(dir);
    stageJsrWorkspace(dir);
    // Unfurling (bare and sloppy specifiers → what is uploaded) is logged at debug level.
    const run = await deno(['publish', '--dry-run', '--allow-dirty'], {
      cwd: dir,
      denoDir: join(work, 'deno-dir-publish'),
      timeoutMs: 150_000,
      env: { DENO_LOG: 'deno::tools::publish=debug' },
    });
    output = `${run.stdout}\n${run.stderr}`;
    stderr = run.stderr;
  }, 180_000);

  it('succeeds for every package, slow-types check included, with nothing downloaded', () => {
    expect(output).toContain('Checking for slow types in the public API');
    expect(output).toMatch(/Success Dry run complete/);
    expect(output).not.toMatch(/Download|slow-types|allow-slow-types/i);
    for (const name of JSR_PACKAGES) expect(output).toContain(`Simulating publish of ${name}@0.1.0`);
    expect(stderr).not.toMatch(/^warning/im);
  });

  it.each(JSR_PACKAGES)('%s would upload its sources, README and jsr.json, no tests', (name) => {
    const folder = (PACKAGE_DIRS[name] as string).split('/').pop() as string;
    const section = new RegExp(`Simulating publish of ${name}@[^\\n]*\\n((?:\\s+file:[^\\n]*\\n?)+)`).exec(
      output,
    );
    expect(section, `no file list for ${name}`).not.toBeNull();
    const files = [...(section?.[1] ?? '').matchAll(/file:\/\/\S+?\/publish\/([^ ]+) \(/g)].map(
      (m) => m[1] as string,
    );
    for (const file of files) {
      expect(file, file).toMatch(new RegExp(`^${folder}/(src/.+\\.ts|README\\.md|jsr\\.json)$`));
      expect(file, file).not.toMatch(/\.test\.|\/test\//);
    }
    for (const target of Object.values(readJsrConfig(name).exports)) {
      expect(files).toContain(`${folder}/${target.slice(2)}`);
    }
  });

  it('rewrites imports to what consumers resolve: siblings to jsr:, npm deps pinned, ./x.js to ./x.ts', () => {
    const unfurled = [...output.matchAll(/Unfurled specifier: (\S+) from (\S+) -> (\S+)/g)].map(
      ([, from, referrer, to]) => ({ from: from as string, referrer: referrer as string, to: to as string }),
    );
    expect(unfurled.length, 'no unfurl debug lines: did the log format change?').toBeGreaterThan(100);
    const bare = new Map<string, string>();
    for (const { from, to } of unfurled) {
      if (from.startsWith('.')) {
        // The sources import `./x.js`; the uploaded files must name the real `.ts`.
        expect(`${from} -> ${to}`).toMatch(/\.js -> .*\.ts$/);
      } else bare.set(from, to);
    }
    expect(Object.fromEntries(bare)).toEqual({
      '@ocpp-ws-io/core': 'jsr:@ocpp-ws-io/core@0.1.0',
      '@ocpp-ws-io/schemas': 'jsr:@ocpp-ws-io/schemas@0.1.0',
      '@ocpp-ws-io/schemas/ocpp1.6': 'jsr:@ocpp-ws-io/schemas@0.1.0/ocpp1.6',
      '@ocpp-ws-io/schemas/ocpp2.0.1': 'jsr:@ocpp-ws-io/schemas@0.1.0/ocpp2.0.1',
      '@ocpp-ws-io/schemas/ocpp2.1': 'jsr:@ocpp-ws-io/schemas@0.1.0/ocpp2.1',
      nanoevents: 'npm:nanoevents@9.1.0',
      valibot: 'npm:valibot@1.5.0',
    });
  });
});

describe('a station importing @ocpp-ws-io/deno from the jsr.json workspace', () => {
  let dir: string;
  let app: string;
  let denoDir: string;
  let csms: NodeCsms | undefined;

  beforeAll(() => {
    dir = join(work, 'run');
    app = join(dir, 'app');
    denoDir = join(work, 'deno-dir-run');
    mkdirSync(app, { recursive: true });
    const members = stageJsrWorkspace(dir, ['./app']);
    // `deno publish` reads jsr.json; `deno run`/`check` want a deno.json in every workspace member.
    for (const member of members) copyFileSync(join(dir, member, 'jsr.json'), join(dir, member, 'deno.json'));
    // What `deno add jsr:@ocpp-ws-io/deno jsr:@ocpp-ws-io/schemas` writes; the workspace answers it.
    writeFileSync(
      join(app, 'deno.json'),
      JSON.stringify({
        imports: {
          '@ocpp-ws-io/deno': 'jsr:@ocpp-ws-io/deno@^0.1.0',
          '@ocpp-ws-io/schemas': 'jsr:@ocpp-ws-io/schemas@^0.1.0',
        },
      }),
    );
    const station = readFileSync(fixture('packaged-station.js'), 'utf8').replaceAll(
      "'npm:@ocpp-ws-io/",
      "'@ocpp-ws-io/",
    );
    expect(station).toContain("from '@ocpp-ws-io/deno'");
    writeFileSync(join(app, 'station.js'), station);
  });
  afterAll(async () => {
    await csms?.close();
  });

  it('resolves to the deno package sources and type-checks', async () => {
    const opts = { cwd: app, denoDir, timeoutMs: 90_000 };
    const info = await deno(['info', '--no-lock', '--json', 'station.js'], opts);
    const modules = (JSON.parse(info.stdout) as { modules: Array<{ local?: string }> }).modules;
    const local = modules.flatMap((m) => (m.local ? [relative(dir, m.local)] : []));
    expect(local).toEqual(
      expect.arrayContaining(['deno/src/index.ts', 'core/src/index.ts', 'schemas/src/ocpp1.6.ts']),
    );
    // Ours from src/ (never a dist/ or anything outside the workspace); valibot's own files are fine.
    for (const path of local)
      expect(path, path).toMatch(/^(app\/station\.js$|node_modules\/|(core|schemas|deno)\/src\/)/);
    await deno(['check', '--no-lock', 'station.js'], opts);
  }, 120_000);

  it('boots over OCPP 1.6 against a Node CSMS, refuses an invalid call, answers Reset', async () => {
    const core = nodeCsmsCore({ protocols: ['ocpp1.6'], password: PASSWORD });
    csms = await startNodeCsms(core.server);
    await runStationApp(app, denoDir, { url: csms.url, identity: 'CP-JSR', password: PASSWORD });
    expect(core.resets).toEqual([{ identity: 'CP-JSR', result: { status: 'Accepted' } }]);
    expect(csms.upgrades.map((u) => u.status)).toEqual([101]);
  }, 60_000);
});
