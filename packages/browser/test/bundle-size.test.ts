// Budget the bytes: the lite entry exists so a CDN page ships only the schemas it uses. Bundles
// the way a CDN build would (esbuild, minified, everything inlined) and compares gzip sizes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, ENTRIES } from './helpers/bundle.js';

let dir: string;
const gzipKiB = async (name: string) => gzipSync(await readFile(join(dir, `${name}.js`))).length / 1024;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-browser-size-'));
  await bundle(ENTRIES, dir, { minify: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bundle size (minified + gzip)', () => {
  it('lite with three 1.6 actions stays under 20 KiB and under a quarter of the full entry', async () => {
    const [full, lite] = await Promise.all([gzipKiB('browser'), gzipKiB('lite-app')]);
    console.info(
      `browser (all validators): ${full.toFixed(1)} KiB gzip; lite + 3 actions: ${lite.toFixed(1)} KiB gzip`,
    );
    expect(lite).toBeLessThan(20);
    expect(lite).toBeLessThan(full / 4);
  });
});
