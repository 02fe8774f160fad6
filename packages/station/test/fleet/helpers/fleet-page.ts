// A page for Chromium holding the station package and the browser client in one ESM bundle
// (esbuild from sources, everything inlined), served from a temporary directory.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** What the page puts on globalThis. */
export type FleetPageModule = typeof import('../fixtures/fleet-page.js');

export async function buildFleetPage(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'fleet-page-'));
  await build({
    entryPoints: { 'fleet-page': fileURLToPath(new URL('../fixtures/fleet-page.ts', import.meta.url)) },
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    logLevel: 'silent',
  });
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="module">
import * as fleet from './fleet-page.js';
globalThis.fleet = fleet;
document.title = 'ready';
</script>`,
  );
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
