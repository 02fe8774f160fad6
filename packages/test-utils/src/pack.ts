import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
// The repository's one way to run its pinned pnpm (scripts/pnpm.mjs): this package is never
// built, so it may reach into the repository it lives in.
import { pnpm } from '../../../scripts/pnpm.mjs';

/**
 * Runs pnpm at the version the workspace pins (scripts/pnpm.mjs) in `cwd`. Resolves with stdout;
 * rejects on a non-zero exit.
 */
export function runPnpm(cwd: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return pnpm(cwd, args, timeoutMs);
}

/**
 * `pnpm pack`s the workspace package in `pkgDir` (publishConfig applied, `workspace:` ranges
 * rewritten: what npm users get) into the empty directory `outDir`; resolves with the tarball's path.
 */
export async function packPackage(pkgDir: string, outDir: string): Promise<string> {
  await runPnpm(pkgDir, ['pack', '--pack-destination', outDir]);
  const tarball = (await readdir(outDir)).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${pkgDir}`);
  return join(outDir, tarball);
}

/** A package as npm users get it: its tarball, unpacked. */
export interface UnpackedPackage {
  /** The tarball's path. */
  readonly tarball: string;
  /** The unpacked package's directory (`<outDir>/package`). */
  readonly dir: string;
  /** The tarball's files, relative to the package (`dist/index.js`, `package.json`, …). */
  readonly files: readonly string[];
  /** Its package.json, as published (publishConfig applied, ranges rewritten). */
  readonly manifest: Record<string, unknown>;
}

/**
 * {@link packPackage}, then the tarball unpacked into `outDir`: the file list and the published
 * package.json, for tests of what a package ships.
 *
 * @example
 * ```ts
 * const { files, manifest } = await unpackPackage(join(root, 'packages/cli'), work);
 * expect(files).toContain('dist/bin.js');
 * ```
 */
export async function unpackPackage(pkgDir: string, outDir: string): Promise<UnpackedPackage> {
  const run = promisify(execFile);
  const tarball = await packPackage(pkgDir, outDir);
  await run('tar', ['xzf', tarball, '-C', outDir]);
  const files = (await run('tar', ['tzf', tarball])).stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  const dir = join(outDir, 'package');
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  return { tarball, dir, files, manifest };
}
