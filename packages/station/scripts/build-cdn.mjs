#!/usr/bin/env node
// The virtual station as one file for pages without a bundler: dist/cdn/station.min.js holds
// @ocpp-ws-io/station (VirtualStation, Fleet, relayConnector, the clocks …) TOGETHER with the
// browser client of @ocpp-ws-io/browser — its OCPPClient with every version's validators (the
// station's profiles speak whatever the CSMS negotiates, so a page should not have to pick), its
// browserConnector and IndexedDB store, and the core's station-side API. One URL, no bare
// imports, minified, with a source map whose sources are embedded.
//
// Runs after the package build and bundles the built dist/ files of both packages, so the file is
// what npm users get. The CSMS side of the core (OCPPServer and the handshake helpers) is left
// out, as in the browser package's own CDN files (packages/browser/scripts/build-cdn.mjs).
import { readFileSync, realpathSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// The browser package's list: what a CSMS needs and a station page does not.
import { SERVER_SIDE } from '../../browser/scripts/server-side.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(pkgDir, 'dist', 'cdn');
const require = createRequire(join(pkgDir, 'package.json'));

const browserEntry = require.resolve('@ocpp-ws-io/browser');
const station = Object.keys(await import(pathToFileURL(join(pkgDir, 'dist', 'index.js')).href));
const browser = Object.keys(await import(pathToFileURL(browserEntry).href)).filter(
  (name) => !SERVER_SIDE.has(name) && !station.includes(name),
);

const contents = `export * from '../index.js';
export { ${browser.join(', ')} } from '@ocpp-ws-io/browser';
`;
// Declarations next to the file, for `// @ts-types` users; they name @ocpp-ws-io/browser, so
// its types must be installed beside the station's to resolve.
const types = `export * from '../index.js';
export { ${browser.join(', ')} } from '@ocpp-ws-io/browser';
export type * from '@ocpp-ws-io/browser';
`;

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const result = await build({
  stdin: { contents, resolveDir: outdir, sourcefile: 'cdn-station.js', loader: 'js' },
  outfile: join(outdir, 'station.min.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  sourcesContent: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
});
const external = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external));
if (external.length)
  throw new Error(`station.min.js: external imports left: ${external.map((i) => i.path).join(', ')}`);
for (const out of result.outputFiles) {
  if (out.path.endsWith('.map')) {
    // Sources as `<package>/<path in package>` rather than paths into this machine's workspace.
    const map = JSON.parse(out.text);
    map.sources = map.sources.map((s) => packageRelative(resolve(outdir, s)));
    await writeFile(out.path, JSON.stringify(map));
  } else await writeFile(out.path, out.contents);
}
await writeFile(join(outdir, 'station.min.d.ts'), types);

/** `/…/packages/core/dist/client.js` → `@ocpp-ws-io/core/dist/client.js` (nearest package.json). */
function packageRelative(path) {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {}
  for (let dir = dirname(real); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (name) return `${name}/${relative(dir, real).split('\\').join('/')}`;
    } catch {}
  }
  return relative(pkgDir, real);
}
