#!/usr/bin/env node
// Single-file ESM bundles for CDNs (jsDelivr, unpkg, esm.sh's raw files) and <script type="module">
// pages without a bundler: everything inlined (core, schemas, the valibot functions they use,
// nanoevents), no bare imports left, minified, with a source map whose sources are embedded.
// Runs after the package build (`npm run build`) and bundles the built dist/ files, so what the
// CDN serves is exactly what npm users get.
//
//   dist/cdn/lite.min.js        the client without validators (strict mode needs yours, or off)
//   dist/cdn/ocpp1.6.min.js     client preset with every OCPP 1.6 (+ security) validator
//   dist/cdn/ocpp2.0.1.min.js   client preset with every OCPP 2.0.1 validator
//   dist/cdn/ocpp2.1.min.js     client preset with every OCPP 2.1 validator
//   dist/cdn/all.min.js         every version's validators (the main entry's client)
//
// Each bundle exports the station side of the lite API (client, errors, stores, defineValidators,
// …): the CSMS side of core (OCPPServer, StationConnection, handshake parsing, the in-memory pair)
// is left out — it costs ~2 KiB gzip on every page and has no use in a station; it is in the npm
// package. In the per-version bundles `OCPPClient` defaults `validators` to that version's set and
// `protocols` to that version only, and `validators` / `VALIDATORS` are exported.
import { readFileSync, realpathSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import { SERVER_SIDE } from './server-side.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(pkgDir, 'dist', 'cdn');
const VERSIONS = ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'];

const lite = await import(pathToFileURL(join(pkgDir, 'dist', 'lite.js')).href);
const STATION = Object.keys(lite).filter((name) => !SERVER_SIDE.has(name));
const stationExports = (without = []) => STATION.filter((n) => !without.includes(n)).join(', ');

/** Entry module of a per-version bundle (bundled from dist/lite.js and the built schemas). */
const versionEntry = (version) => `
import { OCPPClient as LiteClient } from '../lite.js';
import { validators } from '@ocpp-ws-io/schemas/${version}';
export { ${stationExports(['OCPPClient'])} } from '../lite.js';
export { validators };
export const VALIDATORS = { '${version}': validators };
export class OCPPClient extends LiteClient {
  // A subclass, not a wrapper: instanceof and every method stay the lite client's.
  constructor(options) {
    super({ ...options, protocols: options.protocols ?? ['${version}'], validators: options.validators ?? VALIDATORS });
  }
}
`;

/** Declarations next to each bundle, so `// @ts-types` / `@deno-types` users get the real types. */
const versionTypes = (
  version,
) => `import { type BrowserClientBaseOptions, OCPPClient as LiteClient, type OCPPProtocol, type Validators } from '../lite.js';
export type * from '../lite.js';
export { ${stationExports(['OCPPClient'])} } from '../lite.js';
export { validators } from '@ocpp-ws-io/schemas/${version}';
/** Every ${version} validator, keyed by version: the default of this bundle's {@link OCPPClient}. */
export declare const VALIDATORS: Validators;
/** The browser client preset with every ${version} validator; \`protocols\` defaults to ['${version}']. */
export declare class OCPPClient<TProtocol extends OCPPProtocol = '${version}'> extends LiteClient<TProtocol> {
  constructor(options: BrowserClientBaseOptions<TProtocol>);
}
`;

const entries = {
  lite: {
    contents: `export { ${stationExports()} } from '../lite.js';`,
    types: `export type * from '../lite.js';\nexport { ${stationExports()} } from '../lite.js';\n`,
  },
  all: {
    contents: `export { ${stationExports()}, ALL_VALIDATORS } from '../index.js';`,
    types: `export type * from '../index.js';\nexport { ${stationExports()}, ALL_VALIDATORS } from '../index.js';\n`,
  },
  ...Object.fromEntries(VERSIONS.map((v) => [v, { contents: versionEntry(v), types: versionTypes(v) }])),
};

/**
 * Error classes name themselves from the class (`this.name = new.target.name`), which minifying
 * would turn into `'Q'`. esbuild's keepNames keeps every function's name (~+2 KiB gzip per file),
 * so it is applied to the modules that define error classes only.
 */
const keepErrorNames = {
  name: 'keep-error-names',
  setup(b) {
    b.onLoad({ filter: /[\\/]core[\\/]dist[\\/](errors|server)\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const { code } = await transform(source, {
        loader: 'js',
        format: 'esm',
        keepNames: true,
        sourcefile: args.path,
      });
      return { contents: code, loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

for (const [name, { contents, types }] of Object.entries(entries)) {
  const file = `${name}.min.js`;
  const result = await build({
    stdin: { contents, resolveDir: outdir, sourcefile: `cdn-${name}.js`, loader: 'js' },
    outfile: join(outdir, file),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: true,
    legalComments: 'none',
    plugins: [keepErrorNames],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external));
  if (imports.length)
    throw new Error(`${file}: external imports left: ${imports.map((i) => i.path).join(', ')}`);
  for (const out of result.outputFiles) {
    if (out.path.endsWith('.map')) {
      // Sources become `<package>/<path in package>` (their text is embedded in sourcesContent),
      // instead of paths into this machine's workspace.
      const map = JSON.parse(out.text);
      map.sources = map.sources.map((s) => packageRelative(resolve(outdir, s)));
      await writeFile(out.path, JSON.stringify(map));
    } else {
      await writeFile(out.path, out.contents);
    }
  }
  await writeFile(join(outdir, `${name}.min.d.ts`), types);
}

/** `/…/packages/core/dist/client.js` → `@ocpp-ws-io/core/dist/client.js` (nearest package.json). */
function packageRelative(path) {
  const real = realpath(path);
  for (let dir = dirname(real); dir !== dirname(dir); dir = dirname(dir)) {
    const name = readName(join(dir, 'package.json'));
    if (name) return `${name}/${relative(dir, real).split('\\').join('/')}`;
  }
  return relative(pkgDir, real);
}
function realpath(p) {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
function readName(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).name;
  } catch {
    return undefined;
  }
}
