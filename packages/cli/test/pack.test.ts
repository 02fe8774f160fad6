// What npm users get from @ocpp-ws-io/cli: the tarball pnpm packs holds bin/, dist/ and the README
// only, declares the `ocpp-ws-io` bin (executable, with its shebang), and passes publint (strict)
// and Are-the-Types-Wrong. Runs against the built dist/ (the test command builds first).

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packPackage } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

let work: string;
let tarball: string;
let files: string[];
let manifest: {
  bin: Record<string, string>;
  exports: unknown;
  dependencies: Record<string, string>;
  publishConfig?: unknown;
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-pack-'));
  tarball = await packPackage(join(root, 'packages/cli'), work);
  await run('tar', ['xzf', tarball, '-C', work]);
  files = (await run('tar', ['tzf', tarball])).stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  manifest = JSON.parse(await readFile(join(work, 'package', 'package.json'), 'utf8'));
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('@ocpp-ws-io/cli packed', () => {
  it('holds bin/, dist/, package.json and the README only', () => {
    expect(files).toContain('bin/ocpp-ws-io.js');
    expect(files).toContain('dist/index.js');
    for (const file of files)
      expect(file, file).toMatch(/^(bin\/ocpp-ws-io\.js|dist\/.+|package\.json|README\.md)$/);
  });

  it('declares the ocpp-ws-io bin: an executable Node script', async () => {
    expect(manifest.bin).toEqual({ 'ocpp-ws-io': './bin/ocpp-ws-io.js' });
    const script = join(work, 'package', 'bin', 'ocpp-ws-io.js');
    expect((await readFile(script, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect((await stat(script)).mode & 0o111).not.toBe(0);
  });

  it('exports no source condition and has no workspace: ranges', () => {
    expect(JSON.stringify(manifest.exports)).not.toContain('src/');
    expect(manifest.publishConfig).toBeUndefined();
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
    expect(
      report.analysis.problems.filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind ?? '')),
    ).toEqual([]);
  });
});
