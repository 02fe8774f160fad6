// What npm users get: every publishable package is packed with pnpm (which applies
// `publishConfig` and rewrites `workspace:` ranges) and the tarball itself is checked — its file
// list, its package.json, publint (strict) and Are-the-Types-Wrong (ESM-only profile, no
// DefinitelyTyped lookups). Everything runs offline against the built dist/ (the test command
// builds first).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertFreshBuild, BUILT_PACKAGES, packPackage } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const PACKAGES = BUILT_PACKAGES;

interface Packed {
  tarball: string;
  dir: string;
  files: string[];
  manifest: Record<string, unknown> & { exports: unknown; dependencies?: Record<string, string> };
}

let work: string;
const packed = new Map<string, Packed>();

beforeAll(async () => {
  // What is packed is the build: an old one would be checked instead of what the sources make.
  assertFreshBuild();
  work = await mkdtemp(join(tmpdir(), 'ocpp-pack-'));
  await Promise.all(
    PACKAGES.map(async (pkg) => {
      const out = join(work, pkg.replace('/', '-'));
      const tarball = await packPackage(join(root, pkg), out);
      await run('tar', ['xzf', tarball, '-C', out]);
      const { stdout } = await run('tar', ['tzf', tarball]);
      const files = stdout
        .split('\n')
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ''));
      const dir = join(out, 'package');
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      packed.set(pkg, { tarball, dir, files, manifest });
    }),
  );
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

const get = (pkg: string) => packed.get(pkg) as Packed;

describe.each(PACKAGES)('%s packed', (pkg) => {
  it('holds dist/, package.json and the README only: no sources, tests or fixtures', () => {
    const { files } = get(pkg);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(file, file).toMatch(/^(dist\/.+|package\.json|README\.md|LICENSE)$/);
      expect(file, file).not.toMatch(/(^|\/)(test|tests|fixtures|__tests__)\/|\.(test|spec)\.|\.test-d\./);
    }
  });

  it('exports no `source` condition and no workspace: ranges', () => {
    const { manifest } = get(pkg);
    expect(JSON.stringify(manifest.exports)).not.toContain('"source"');
    expect(JSON.stringify(manifest.exports)).not.toContain('src/');
    expect(manifest.publishConfig).toBeUndefined();
    for (const range of Object.values(manifest.dependencies ?? {})) expect(range).not.toMatch(/^workspace:/);
  });

  it('has source maps only where they resolve: the map is packed and carries every source', async () => {
    const { files, dir } = get(pkg);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = await readFile(join(dir, file), 'utf8');
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      if (!url) continue;
      const mapFile = posix.join(posix.dirname(file), url);
      expect(files, `${file} → ${url}`).toContain(mapFile);
      const map = JSON.parse(await readFile(join(dir, mapFile), 'utf8'));
      expect(map.sourcesContent?.length, mapFile).toBe(map.sources.length);
      for (const content of map.sourcesContent) expect(typeof content, mapFile).toBe('string');
    }
    for (const map of files.filter((f) => f.endsWith('.map'))) {
      expect(files, `${map} without its file`).toContain(map.slice(0, -'.map'.length));
    }
  });

  it('is publint-clean (strict: warnings fail too)', async () => {
    const { stdout } = await run(bin('publint'), ['run', get(pkg).tarball, '--strict']);
    expect(stdout).toContain('All good!');
  });

  it('has types that resolve for node16 ESM and bundlers (attw, ESM-only profile)', async () => {
    const result = await run(bin('attw'), [
      get(pkg).tarball,
      '--profile',
      'esm-only',
      '--no-definitely-typed',
      '--format',
      'json',
      // Pattern exports are not discovered: name the CDN bundles explicitly.
      ...(pkg === 'packages/browser'
        ? [
            '--include-entrypoints',
            ...['lite', 'ocpp1.6', 'ocpp2.0.1', 'ocpp2.1', 'all'].map((b) => `./cdn/${b}`),
          ]
        : []),
    ]).catch((error: { stdout: string }) => error);
    const report = JSON.parse(result.stdout) as {
      analysis: { entrypoints: Record<string, unknown>; problems: { resolutionKind?: string }[] };
    };
    // The profile ignores node10 and require() from CommonJS (we ship ESM only); all else counts.
    const problems = report.analysis.problems.filter(
      (p) => !['node10', 'node16-cjs'].includes(p.resolutionKind ?? ''),
    );
    expect(problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints)).toContain('.');
    if (pkg === 'packages/browser')
      expect(Object.keys(report.analysis.entrypoints)).toContain('./cdn/ocpp1.6');
  });
});
