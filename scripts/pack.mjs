#!/usr/bin/env node
// `npm run pack`: the packages as npm users will get them, before they are published.
//
// Builds the workspace (unless --no-build), then `pnpm pack`s every public package (publishConfig
// applied, `workspace:` ranges rewritten to the real versions) into packed/ and copies the CDN
// bundles to packed/cdn/. The tarballs depend on each other by version, so install the ones you
// need in one command (npm then takes each dependency from its tarball instead of the registry):
//
//   npm install ./packed/ocpp-ws-io-node-0.1.0.tgz ./packed/ocpp-ws-io-core-0.1.0.tgz ./packed/ocpp-ws-io-schemas-0.1.0.tgz
//
//   node scripts/pack.mjs [--out DIR] [--no-build]
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpmSync } from './pnpm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, 'packed'));

/** The public packages: every workspace library not marked private. */
export function publicPackages() {
  const dirs = [...readdirSync(join(root, 'packages')).map((d) => join('packages', d)), 'schemas'];
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** What each runtime's users install, in one npm command each (dependencies included). */
export function installSets(packages) {
  const closure = (name) => {
    const seen = new Set();
    const visit = (n) => {
      const pkg = packages.find((p) => p.manifest.name === n);
      if (!pkg || seen.has(n)) return;
      seen.add(n);
      for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) visit(dep);
    };
    visit(name);
    return [...seen];
  };
  return Object.fromEntries(packages.map(({ manifest }) => [manifest.name, closure(manifest.name)]));
}

/** The file name pnpm gives a package's tarball. */
export const tarballName = (manifest) =>
  `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;

function pnpm(cwd, ...pnpmArgs) {
  const result = pnpmSync(pnpmArgs, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(
      `✖ pnpm ${pnpmArgs.join(' ')} in ${relative(root, cwd) || '.'} exited with ${result.status}`,
    );
    process.exit(result.status ?? 1);
  }
}

function main() {
  if (!args.includes('--no-build')) pnpm(root, 'run', 'build');
  const packages = publicPackages();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'cdn'), { recursive: true });
  for (const { dir, manifest } of packages) {
    if (!existsSync(join(root, dir, 'dist'))) {
      console.error(`✖ ${manifest.name} has no dist/: build first (npm run pack builds unless --no-build)`);
      process.exit(1);
    }
    pnpm(join(root, dir), 'pack', '--pack-destination', out);
  }
  // The browser client's files, and the station's (station + browser client in one file).
  const cdnFiles = [];
  for (const pkg of ['browser', 'station']) {
    const cdn = join(root, 'packages', pkg, 'dist', 'cdn');
    for (const file of readdirSync(cdn).filter((f) => f.endsWith('.min.js') || f.endsWith('.min.js.map'))) {
      copyFileSync(join(cdn, file), join(out, 'cdn', file));
      cdnFiles.push(file);
    }
  }

  const relPath = relative(process.cwd(), out) || '.';
  // npm reads `packed/x.tgz` as a GitHub shorthand: a path must start with ./ or /.
  const rel = relPath.startsWith('.') || relPath.startsWith('/') ? relPath : `./${relPath}`;
  const sets = installSets(packages);
  console.log(`\n✓ ${packages.length} packages and ${cdnFiles.length} CDN files in ${rel}/\n`);
  console.log('Install into your own app (one command, so each dependency comes from its tarball):');
  for (const name of [
    '@ocpp-ws-io/node',
    '@ocpp-ws-io/browser',
    '@ocpp-ws-io/cloudflare',
    '@ocpp-ws-io/deno',
    '@ocpp-ws-io/station',
  ]) {
    const pkgs = sets[name];
    if (!pkgs) continue;
    const files = pkgs.map(
      (n) => `${rel}/${tarballName(packages.find((p) => p.manifest.name === n).manifest)}`,
    );
    console.log(`  ${name.padEnd(24)} npm install ${files.join(' ')}`);
  }
  console.log(
    `CDN files for a page: serve ${rel}/cdn/ from your own static host (e.g. <script type="module" src="/cdn/ocpp1.6.min.js">;\n` +
      '  /cdn/station.min.js is the virtual station and fleet with the browser client, in one file).',
  );
  const cli = sets['@ocpp-ws-io/cli'];
  if (cli) {
    const files = cli.map(
      (n) => `${rel}/${tarballName(packages.find((p) => p.manifest.name === n).manifest)}`,
    );
    // The CLI's dependencies come from their tarballs too: one command, then npx finds the local bin.
    console.log(`The ocpp-ws-io command (test a CSMS, simulate, replay): npm install ${files.join(' ')}`);
    console.log('  then: npx --no ocpp-ws-io --help   (Deno: deno run -A npm:@ocpp-ws-io/cli --help)');
  }
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? '')) main();
