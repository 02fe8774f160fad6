// What npm users get from @ocpp-ws-io/station: the tarball pnpm packs (publishConfig applied,
// workspace: ranges rewritten) holds dist/ and the README only, and passes publint (strict) and
// Are-the-Types-Wrong. Runs against the built dist/ (the test command builds first).

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unpackPackage } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

let work: string;
let tarball: string;
let files: string[];
let manifest: {
  exports: unknown;
  dependencies: Record<string, string>;
  publishConfig?: unknown;
  sideEffects: boolean;
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'station-pack-'));
  const unpacked = await unpackPackage(join(root, 'packages/station'), work);
  tarball = unpacked.tarball;
  files = [...unpacked.files];
  manifest = unpacked.manifest as typeof manifest;
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('@ocpp-ws-io/station packed', () => {
  it('holds dist/, package.json and the README only', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('README.md');
    for (const file of files) expect(file, file).toMatch(/^(dist\/.+|package\.json|README\.md)$/);
  });

  it('exports no source condition, has no workspace: ranges, and is side-effect free', () => {
    expect(JSON.stringify(manifest.exports)).not.toContain('src/');
    expect(manifest.publishConfig).toBeUndefined();
    expect(manifest.sideEffects).toBe(false);
    for (const range of Object.values(manifest.dependencies)) expect(range).not.toMatch(/^workspace:/);
  });

  it('is publint-clean (strict)', async () => {
    const { stdout } = await run(bin('publint'), ['run', tarball, '--strict']);
    expect(stdout).toContain('All good!');
  });

  it('has types that resolve for node16 ESM and bundlers (attw, ESM-only profile)', async () => {
    const result = await run(bin('attw'), [
      tarball,
      '--profile',
      'esm-only',
      '--no-definitely-typed',
      '--format',
      'json',
    ]).catch((error: { stdout: string }) => error);
    const report = JSON.parse(result.stdout) as { analysis: { problems: { resolutionKind?: string }[] } };
    const problems = report.analysis.problems.filter(
      (p) => !['node10', 'node16-cjs'].includes(p.resolutionKind ?? ''),
    );
    expect(problems).toEqual([]);
  });
});
