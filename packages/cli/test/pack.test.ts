// What npm users get from @ocpp-ws-io/cli beyond what every package is checked for
// (packages/core/test/pack.test.ts: dist/ only, no workspace: ranges, publint, attw): the
// `ocpp-ws-io` bin, an executable Node script in dist/ that runs the CLI.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertFreshBuild, unpackPackage } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

let work: string;
let files: string[];
let manifest: { bin: Record<string, string> };

beforeAll(async () => {
  assertFreshBuild(['packages/cli']);
  work = await mkdtemp(join(tmpdir(), 'cli-pack-'));
  const unpacked = await unpackPackage(join(root, 'packages/cli'), work);
  files = [...unpacked.files];
  manifest = unpacked.manifest as typeof manifest;
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('@ocpp-ws-io/cli packed', () => {
  it('declares the ocpp-ws-io bin: dist/bin.js, executable, with its shebang, in the tarball', async () => {
    expect(manifest.bin).toEqual({ 'ocpp-ws-io': './dist/bin.js' });
    expect(files).toContain('dist/bin.js');
    const script = join(work, 'package', 'dist', 'bin.js');
    expect((await readFile(script, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect((await stat(script)).mode & 0o111).not.toBe(0);
  });

  it('runs: --version prints the package version', async () => {
    const { stdout } = await run(process.execPath, [join(root, 'packages/cli/dist/bin.js'), '--version']);
    const own = JSON.parse(await readFile(join(root, 'packages/cli/package.json'), 'utf8'));
    expect(stdout.trim()).toBe(own.version);
  });
});
