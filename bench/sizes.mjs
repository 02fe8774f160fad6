#!/usr/bin/env node
// Bundle sizes users get, min + gzip (KiB = 1024 B): the apps the budget test measures (tree-shaken
// from the built packages) and the CDN files (the browser client's and the station's). Writes the
// `sizes` section of bench/figures.json.
//   pnpm --filter ./bench run sizes     (after `npm run build`; `npm run bench` runs it too)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleApp, CDN_FILES, SIZE_APPS } from '@ocpp-ws-io/test-utils/app-bundle';
import { writeFigures } from './figures-store.mjs';

const require = createRequire(import.meta.url);
const browserDir = dirname(require.resolve('@ocpp-ws-io/browser/package.json'));
const stationDir = dirname(require.resolve('@ocpp-ws-io/station/package.json'));
const kib = (bytes) => Math.round((bytes / 1024) * 100) / 100;

const apps = {};
for (const [name, contents] of Object.entries(SIZE_APPS)) {
  apps[name] = kib(gzipSync(await bundleApp(contents, browserDir)).length);
}
const cdn = {};
for (const name of CDN_FILES) {
  cdn[name] = kib(gzipSync(readFileSync(join(browserDir, 'dist', 'cdn', `${name}.min.js`))).length);
}
// The station's file: @ocpp-ws-io/station with the browser client and every version's validators.
cdn.station = kib(gzipSync(readFileSync(join(stationDir, 'dist', 'cdn', 'station.min.js'))).length);
writeFigures({ sizes: { measured: new Date().toISOString().slice(0, 10), unit: 'KiB min+gzip', apps, cdn } });
console.log(JSON.stringify({ apps, cdn }, null, 2));
