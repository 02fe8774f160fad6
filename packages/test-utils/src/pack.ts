import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
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
