import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Entry points the page loads, each bundled into one self-contained ESM file. */
export const ENTRIES = {
  browser: here('../../src/index.ts'),
  'lite-app': here('../fixtures/lite-app.ts'),
} as const;

/** Loaded by the test page only (not a bundle whose size is budgeted): the cross-runtime table's program. */
const PAGE_ONLY = { edge: here('../../../test-utils/fixtures/edge-endpoint.js') } as const;

/**
 * Bundles the entries for Chromium: everything inlined (core, schemas, valibot, nanoevents) so the
 * page has no bare imports, built from sources through the `source` export condition (no package
 * build needed). Returns the directory holding the bundles and an index.html that exposes them as
 * `globalThis.ocpp`, `globalThis.lite` and `globalThis.edge`, and sets the title to `ready` once loaded.
 */
export async function buildPageDir(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ocpp-browser-page-'));
  await bundle({ ...ENTRIES, ...PAGE_ONLY }, dir, { minify: false });
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="module">
import * as ocpp from './browser.js';
import { lite } from './lite-app.js';
import * as edge from './edge.js';
Object.assign(globalThis, { ocpp, lite, edge });
document.title = 'ready';
</script>`,
  );
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** esbuild with the settings a CDN build would use: browser platform, ESM, ES2022. */
export async function bundle(
  entryPoints: Record<string, string>,
  outdir: string,
  options: { minify: boolean },
): Promise<void> {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    minify: options.minify,
    logLevel: 'silent',
  });
}
