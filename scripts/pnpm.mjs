#!/usr/bin/env node
// The workspace's pinned pnpm, found and run one way by every script, benchmark and test helper:
// the pnpm that is running us (npm_execpath) when there is one, else the version package.json
// pins in "packageManager", through npx (corepack fails on machines whose registry metadata
// carries no signatures it accepts). Also a command of its own:
//   node scripts/pnpm.mjs run build        (any pnpm arguments)
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The pnpm version the workspace pins ("packageManager" in package.json), e.g. `12.4.2`. */
export const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];

/** The command and arguments that run the pinned pnpm with `args`. */
export function pnpmCommand(args) {
  const running = process.env.npm_execpath ?? '';
  return running.includes('pnpm')
    ? { command: process.execPath, args: [running, ...args] }
    : { command: 'npx', args: ['-y', `pnpm@${PNPM_VERSION}`, ...args] };
}

/** Runs pnpm synchronously (default: in the root, output inherited); returns spawnSync's result. */
export function pnpmSync(args, options = {}) {
  const { command, args: all } = pnpmCommand(args);
  return spawnSync(command, all, { cwd: ROOT, stdio: 'inherit', ...options });
}

/** Runs pnpm in `cwd` and resolves with its stdout; rejects on a non-zero exit or after `timeoutMs`. */
export async function pnpm(cwd, args, timeoutMs = 60_000) {
  const { command, args: all } = pnpmCommand(args);
  const { stdout } = await promisify(execFile)(command, all, { cwd, timeout: timeoutMs });
  return stdout;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = pnpmSync(process.argv.slice(2), { cwd: process.cwd() }).status ?? 1;
}
