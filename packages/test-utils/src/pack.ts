import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs pnpm at the version the workspace pins: the pnpm running us if any, else the pinned one
 * through npx (cached after the first use). Resolves with stdout; rejects on a non-zero exit.
 */
export async function runPnpm(cwd: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const execPath = process.env.npm_execpath ?? '';
  const pinned = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')).packageManager as string;
  const { stdout } = execPath.includes('pnpm')
    ? await run(process.execPath, [execPath, ...args], { cwd, timeout: timeoutMs })
    : await run('npx', ['-y', pinned, ...args], { cwd, timeout: timeoutMs });
  return stdout;
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
