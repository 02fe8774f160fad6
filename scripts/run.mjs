#!/usr/bin/env node
// One entry point for the README's two commands (`npm start`, `npm test`) and `npm run check`.
// It needs nothing but Node and npm: pnpm is fetched at the pinned version through npx, the
// workspace is installed from the lockfile, and system tools the tests need (Debian's Chromium)
// are installed here, so a fresh clone and CI follow exactly the same path.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pnpmCommand, ROOT as root } from './pnpm.mjs';

function run(cmd, args, opts = {}) {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}

function pnpm(...args) {
  const { command, args: all } = pnpmCommand(args);
  run(command, all);
}

function installWorkspace() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  pnpm('install', ...(process.env.CI || !process.stdin.isTTY ? ['--frozen-lockfile'] : []));
}

/** Debian packages the test suites drive: Chromium (browser tests), openssl (TLS test PKI). */
function ensureSystemPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (spawnSync('openssl', ['version']).status !== 0) missing.push('openssl');
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...a) =>
    sudo.length ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...a], { env }) : run('apt-get', a, { env });
  apt('update', '-q');
  apt('install', '-y', '-q', '--no-install-recommends', ...missing);
}

const task = process.argv[2];
installWorkspace();
switch (task) {
  case 'start': {
    pnpm('run', 'build');
    // The demo CSMS (Cloudflare Worker example in workerd) and the playground, wired together.
    // Started directly, not through `pnpm run`: Ctrl+C reaches every process of the terminal's
    // group, and pnpm reported the stopped child as a failure (ELIFECYCLE). The script stops its
    // servers on SIGINT and exits 0; we wait for it and exit with its code.
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => {});
    const child = spawn(process.execPath, ['playground/scripts/start.mjs'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
    break;
  }
  case 'test':
  case 'check':
    // The whole gate, in order of cost: format + lint, build, types, then every test suite.
    ensureSystemPackages();
    pnpm('exec', 'biome', 'ci', '.');
    pnpm('run', 'build');
    pnpm('exec', 'tsc', '-p', 'tsconfig.json', '--noEmit');
    // The playground and the Worker example carry their own tsconfig (vite/client, Workers types).
    pnpm('exec', 'tsc', '-p', 'playground/tsconfig.json', '--noEmit');
    pnpm('exec', 'tsc', '-p', 'examples/cloudflare-csms/tsconfig.json', '--noEmit');
    pnpm('exec', 'vitest', 'run');
    // The docs site builds from the same sources and fails on a broken internal link.
    pnpm('run', 'docs');
    break;
  case 'pack':
    // Tarballs of every public package and the CDN files in packed/ (scripts/pack.mjs builds first).
    run(process.execPath, ['scripts/pack.mjs', ...process.argv.slice(3)]);
    break;
  case 'bench':
    pnpm('run', 'build');
    pnpm('--filter', './bench', 'run', 'bench');
    break;
  default:
    console.error('usage: node scripts/run.mjs <start|test|check|bench|pack>');
    process.exit(2);
}
