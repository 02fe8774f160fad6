// Lays out, in a temp directory and without any registry, what a Deno user gets from npm or
// JSR: the packed tarballs in a node_modules that Deno uses as it is (`nodeModulesDir: manual`),
// or the jsr.json packages as a Deno workspace. Third-party dependencies (valibot, nanoevents)
// are copied from the repo's own pnpm install, at the exact versions the manifests ask for.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  assertFreshBuild,
  type DenoRunResult,
  packPackage,
  runDeno,
  runDenoCommand,
} from '@ocpp-ws-io/test-utils';
import { expect } from 'vitest';
import { resultLine } from './deno-run.js';

const run = promisify(execFile);

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where each publishable package lives in the repo. */
export const PACKAGE_DIRS: Record<string, string> = {
  '@ocpp-ws-io/core': 'packages/core',
  '@ocpp-ws-io/schemas': 'schemas',
  '@ocpp-ws-io/deno': 'packages/deno',
  '@ocpp-ws-io/browser': 'packages/browser',
  '@ocpp-ws-io/cloudflare': 'packages/cloudflare',
  '@ocpp-ws-io/node': 'packages/node',
};

/** A loopback port nothing listens on: a registry request fails at once instead of going out. */
const NO_REGISTRY = 'http://127.0.0.1:9/';

/**
 * Environment of every deno command here: an empty cache of its own (`denoDir`, inside the temp
 * directory) and both registries pointed at a closed loopback port, so anything that is not
 * already on disk fails instead of being downloaded.
 */
export function offlineEnv(denoDir: string): Record<string, string> {
  return { DENO_DIR: denoDir, NPM_CONFIG_REGISTRY: NO_REGISTRY, JSR_URL: NO_REGISTRY };
}

/** `deno <args>` offline in `cwd`; throws with the output unless it exits 0 (or `allowFailure`). */
export async function deno(
  args: string[],
  options: { cwd: string; denoDir: string; timeoutMs: number; env?: Record<string, string> },
  allowFailure = false,
): Promise<DenoRunResult> {
  const result = await runDenoCommand(args, {
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
    env: { ...offlineEnv(options.denoDir), ...options.env },
  });
  if (!allowFailure && (result.code !== 0 || result.timedOut)) {
    throw new Error(
      `deno ${args.join(' ')} exited ${result.timedOut ? 'on timeout' : (result.code ?? result.signal)}\n` +
        `--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`,
    );
  }
  return result;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/**
 * `pnpm pack`s a workspace package (publishConfig applied, workspace: ranges rewritten) into
 * `packsDir` and extracts the tarball into `target`, as npm would install it.
 */
async function packInto(name: string, packsDir: string, target: string): Promise<Manifest> {
  const pkgDir = join(repoRoot, PACKAGE_DIRS[name] as string);
  // The test packs the built package: an old build would be tested instead of the sources.
  assertFreshBuild();
  const tarball = await packPackage(pkgDir, join(packsDir, basename(pkgDir)));
  mkdirSync(target, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
  return readManifest(target);
}

/** The installed package `name` as Node would find it from `fromDir` (pnpm layout, symlinks resolved). */
function findInstalled(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed above ${fromDir}: run pnpm install`);
  }
}

/**
 * Copies the installed third-party package `name` (and what it depends on) into `nodeModules`,
 * flat, checking each is exactly the pinned `version`. Ranges are refused rather than guessed.
 */
function copyInstalled(
  name: string,
  version: string,
  fromDir: string,
  nodeModules: string,
  laidOut: Map<string, string>,
): void {
  if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) {
    throw new Error(`${name}@${version}: only exact versions are laid out (the packages pin theirs)`);
  }
  const seen = laidOut.get(name);
  if (seen !== undefined) {
    if (seen !== version) throw new Error(`${name} is needed at ${seen} and ${version}`);
    return;
  }
  const source = findInstalled(name, fromDir);
  const manifest = readManifest(source);
  if (manifest.version !== version) {
    throw new Error(`${name}: ${version} is asked for, the repo has ${manifest.version} installed`);
  }
  // Its own node_modules (pnpm puts none inside a package, but be safe) is laid out flat instead.
  cpSync(source, join(nodeModules, name), {
    recursive: true,
    dereference: true,
    filter: (path) => !relative(source, path).split(sep).includes('node_modules'),
  });
  laidOut.set(name, version);
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
    copyInstalled(dep, range, source, nodeModules, laidOut);
  }
}

/**
 * A Deno app in `dir` that depends on `entries` (package names of this repo) through npm:
 * `package.json` + `deno.json` (`nodeModulesDir: "manual"`) + a `node_modules` holding the
 * packed tarballs of the entries and of every @ocpp-ws-io package they depend on, and copies of
 * their third-party dependencies. Returns the manifests of the packed packages.
 */
export async function layoutNpmApp(dir: string, entries: string[]): Promise<Map<string, Manifest>> {
  const nodeModules = join(dir, 'node_modules');
  const packsDir = join(dir, '.packs');
  const packed = new Map<string, Manifest>();
  const laidOut = new Map<string, string>();
  const versionOf = (name: string) => readManifest(join(repoRoot, PACKAGE_DIRS[name] as string)).version;
  const queue: Array<[string, string]> = entries.map((name) => [name, versionOf(name)]);
  while (queue.length > 0) {
    const [name, version] = queue.shift() as [string, string];
    if (packed.has(name)) continue;
    const manifest = await packInto(name, packsDir, join(nodeModules, name));
    if (manifest.version !== version)
      throw new Error(`${name}: ${version} is asked for, packed ${manifest.version}`);
    packed.set(name, manifest);
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (dep.startsWith('@ocpp-ws-io/')) queue.push([dep, range]);
      else copyInstalled(dep, range, join(repoRoot, PACKAGE_DIRS[name] as string), nodeModules, laidOut);
    }
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(entries.map((name) => [name, versionOf(name)])),
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(dir, 'deno.json'), `${JSON.stringify({ nodeModulesDir: 'manual' }, null, 2)}\n`);
  return packed;
}

/** The packages that carry a jsr.json (published to JSR from their TypeScript sources). */
export const JSR_PACKAGES = [
  '@ocpp-ws-io/core',
  '@ocpp-ws-io/schemas',
  '@ocpp-ws-io/deno',
  '@ocpp-ws-io/browser',
];

export interface JsrConfig {
  name: string;
  version: string;
  exports: Record<string, string>;
  imports?: Record<string, string>;
  publish?: { include?: string[]; exclude?: string[] };
  compilerOptions?: Record<string, unknown>;
}

export const readJsrConfig = (name: string): JsrConfig =>
  JSON.parse(readFileSync(join(repoRoot, PACKAGE_DIRS[name] as string, 'jsr.json'), 'utf8'));

/**
 * Copies every JSR package (its whole directory but node_modules/ and dist/, so jsr.json's
 * `publish` filter decides what goes out) into `dir/<folder>`, lays out the `npm:` imports of the
 * jsr.json files in `dir/node_modules`, and writes the workspace root `dir/deno.json`.
 * `sloppy-imports` lets Deno resolve the sources' `./x.js` specifiers to `./x.ts`; `deno publish`
 * rewrites them to `.ts` in what it uploads, so consumers need no flag. Returns member folders.
 */
export function stageJsrWorkspace(dir: string, extraMembers: string[] = []): string[] {
  const members: string[] = [];
  const laidOut = new Map<string, string>();
  for (const name of JSR_PACKAGES) {
    const source = join(repoRoot, PACKAGE_DIRS[name] as string);
    const folder = basename(source);
    cpSync(source, join(dir, folder), {
      recursive: true,
      filter: (path) => {
        const parts = relative(source, path).split(sep);
        return !parts.includes('node_modules') && parts[0] !== 'dist';
      },
    });
    members.push(`./${folder}`);
    for (const target of Object.values(readJsrConfig(name).imports ?? {})) {
      const npm = /^npm:((?:@[^/]+\/)?[^@/]+)@([^/]+)$/.exec(target);
      if (npm) copyInstalled(npm[1] as string, npm[2] as string, source, join(dir, 'node_modules'), laidOut);
    }
  }
  writeFileSync(
    join(dir, 'deno.json'),
    `${JSON.stringify(
      {
        workspace: [...members, ...extraMembers],
        nodeModulesDir: 'manual',
        unstable: ['sloppy-imports'],
      },
      null,
      2,
    )}\n`,
  );
  return members;
}

/**
 * Runs the app's `station.js` (what both the npm: and the JSR app hold: boot, an invalid call,
 * answer Reset, heartbeat, close) offline against a CSMS, with network to loopback only — the
 * library needs no other permission — and checks what it reports.
 */
export async function runStationApp(
  app: string,
  denoDir: string,
  station: { url: string; identity: string; password: string },
): Promise<DenoRunResult> {
  const run = await runDeno(join(app, 'station.js'), {
    config: join(app, 'deno.json'),
    cwd: app,
    env: offlineEnv(denoDir),
    permissions: ['--allow-net=127.0.0.1'],
    args: [JSON.stringify(station)],
    timeoutMs: 30_000,
  });
  const result = resultLine<Record<string, unknown>>(run);
  expect(result.error).toBeUndefined();
  expect(result).toMatchObject({
    protocol: 'ocpp1.6',
    boot: { status: 'Accepted', interval: 300 },
    invalid: { name: 'ValidationError', direction: 'request' },
    reset: { type: 'Soft' },
    heartbeat: { currentTime: expect.any(String) },
    close: { code: 1000 },
  });
  return run;
}
