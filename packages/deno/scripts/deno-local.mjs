#!/usr/bin/env node
// Runs Deno against THIS repo's @ocpp-ws-io/deno, without publishing or network.
//
// Deno cannot resolve pnpm workspace packages (and does not map `./x.js` imports onto `.ts`
// sources), so esbuild bundles src/index.ts with the `source` export condition — core, schemas,
// valibot and nanoevents included — into one ESM file, and an import map points the bare
// specifier `@ocpp-ws-io/deno` at it. Scripts then import it exactly as a user would. Bundling
// from source means no `pnpm run build` step and never a stale dist/.
//
//   node scripts/deno-local.mjs <script.ts|js> [script args…]   (used by examples/deno-csms)
//   import { prepareDenoImportMap } from './deno-local.mjs'     (used by the tests)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(packageRoot, 'package.json'));

/** Where bundles, the import map and DENO_DIR live: inside node_modules, so never in git. */
export const CACHE_DIR = join(packageRoot, 'node_modules', '.cache', 'deno-local');

/** Bundles the package for Deno and writes the import map; returns both absolute paths. */
export async function prepareDenoImportMap(outDir = CACHE_DIR) {
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'ocpp-ws-io-deno.js');
  await build({
    entryPoints: [join(packageRoot, 'src', 'index.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['source'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  const importMap = join(outDir, 'import_map.json');
  writeFileSync(
    importMap,
    JSON.stringify({ imports: { '@ocpp-ws-io/deno': './ocpp-ws-io-deno.js' } }, null, 2),
  );
  return { importMap, bundle };
}

/** The Deno binary of the pinned `deno` npm package (never the Node wrapper in .bin). */
export function denoBinary() {
  if (process.env.DENO_BIN) return process.env.DENO_BIN;
  const dir = dirname(require.resolve('deno/package.json'));
  const direct = join(dir, process.platform === 'win32' ? 'deno.exe' : 'deno');
  return existsSync(direct) ? direct : require(join(dir, 'install_api.cjs')).runInstall();
}

async function main(script, args) {
  if (!script) {
    console.error('usage: node deno-local.mjs <script> [args…]');
    process.exit(2);
  }
  const { importMap } = await prepareDenoImportMap();
  const child = spawn(
    denoBinary(),
    // --no-config: a user's deno.json maps to npm:/jsr: specifiers; here the import map wins.
    [
      'run',
      '--no-config',
      '--no-lock',
      '--cached-only',
      `--import-map=${importMap}`,
      '--allow-net',
      '--allow-env',
      resolve(script),
      ...args,
    ],
    {
      stdio: 'inherit',
      env: { DENO_DIR: join(CACHE_DIR, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', ...process.env },
    },
  );
  // Forward Ctrl-C / SIGTERM so the CSMS can close its stations with 1001 before exiting.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv[2], process.argv.slice(3));
}
