// An app as a user has it: `npm run pack`'s tarballs installed with plain npm into an empty folder
// outside the workspace. Shared by the tests that run what the README and the guides tell users.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A temp folder holding `packed/` (the script's output) and `app/` (npm-installed from it). */
export interface PackedApp {
  readonly work: string;
  readonly packed: string;
  readonly app: string;
  /** What npm printed on stderr while installing (warnings). */
  readonly npmStderr: string;
  dispose(): Promise<void>;
}

/**
 * Runs scripts/pack.mjs (without its build: the test command has built) into a temp folder and
 * installs the tarballs whose names match `only` (default: all) into an empty app with npm.
 */
export async function makePackedApp(only: RegExp = /./): Promise<PackedApp> {
  const work = await mkdtemp(join(tmpdir(), 'ocpp-packed-app-'));
  const packed = join(work, 'packed');
  const app = join(work, 'app');
  await run(process.execPath, [join(repoRoot, 'scripts/pack.mjs'), '--out', packed, '--no-build'], {
    cwd: repoRoot,
    timeout: 180_000,
  });
  await mkdir(app, { recursive: true });
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({ name: 'my-app', private: true, type: 'module' }),
  );
  const tarballs = (await readdir(packed))
    .filter((f) => f.endsWith('.tgz') && only.test(f))
    .map((f) => join(packed, f));
  // Plain npm, as a user has it; third-party dependencies (ws, valibot, …) come from the registry
  // or npm's cache. --ignore-scripts: nothing of ours needs an install script.
  const installed = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', ...tarballs],
    { cwd: app, timeout: 180_000 },
  );
  return {
    work,
    packed,
    app,
    npmStderr: installed.stderr,
    dispose: () => rm(work, { recursive: true, force: true }),
  };
}
