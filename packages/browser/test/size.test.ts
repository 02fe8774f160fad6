// Byte budgets, min + gzip (KiB = 1024 bytes), measured on what users get: the built package
// (dist/, resolved without the workspace `source` condition) and the CDN files in dist/cdn/.
// The test command builds first. Budgets sit just above the measured figures so growth shows up
// here; raising one is a decision to write down, not a fix.
//
// Where the numbers come from (0.1.0, esbuild 0.28 minify, zlib default level):
//   app: lite client, no validators                          7.70 KiB  (target 5 — missed, see below)
//   app: client + 3 actions (BootNotification, Heartbeat, Reset)  11.55 KiB
//   app: client + every OCPP 1.6 validator                   17.81 KiB (target 20)
//   app: client + every OCPP 2.0.1 validator                 26.42 KiB
//   cdn/lite.min.js 11.0 · ocpp1.6.min.js 20.33 · ocpp2.0.1.min.js 28.9 · ocpp2.1.min.js 40.32 · all.min.js 61.02
// (Apps down from 7.71 / 11.58 / 17.84 / 26.44 when the runtime rules moved into the core — one
// close rule, binary frames refused unread instead of decoded, the subprotocol checked once by the
// client — and the browser transport shrank to a mapping; the CDN files grew by 6–22 bytes
// because the durable lane they all carry now reports its own store errors.)
// (1.6 figures down from 18.14 / 20.47 / 61.01 when the generator gave the objects OCA 1.6 writes
// out in several actions — ChargingProfile, MeterValue, IdTagInfo … — one definition each.)
// (Down from 8.18 / 12.03 / 18.58 / 26.83 and 11.21 / 20.9 / 29.12 / 40.53 / 61.49 when the
// engine's private state moved to # fields and its checks were folded into one path per direction;
// before that, from 9.21 / 12.05 / 19.33 / 28.15 when validation code started travelling with the
// validator set.)
// Durable delivery is an opt-in module (durableDelivery): apps without it ship none of it; the CDN
// files include it.
// The CDN files carry the whole station API (IndexedDB store, password rules, every error class)
// because nothing tree-shakes a file loaded by URL: ~1 KiB over the equivalent app.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { assertFreshBuild } from '@ocpp-ws-io/test-utils';
import { bundleApp, SIZE_APPS } from '@ocpp-ws-io/test-utils/app-bundle';
import { beforeAll, describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const cdn = (name: string) => fileURLToPath(new URL(`../dist/cdn/${name}.min.js`, import.meta.url));
const KiB = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;
const gz = (code: Uint8Array | string) => gzipSync(code).length;

/** Bundles an app the way a bundler user's build would: minified, tree-shaken, from dist/. */
const app = (contents: string) => bundleApp(contents, pkgDir);

const sizes = new Map<string, number>();
const measure = (name: string, bytes: number) => {
  sizes.set(name, bytes);
  return KiB(bytes);
};

// Sizes of an old build would be the wrong figures: refuse to measure one.
beforeAll(() => assertFreshBuild());

describe('budgets for apps (tree-shaken, min + gzip)', () => {
  it('client without validators: within the 7.9 KiB regression guard', async () => {
    const code = await app(SIZE_APPS['app: client, no validators']);
    expect(measure('app: client, no validators', gz(code))).toBeLessThanOrEqual(7.9);
  });

  // Issue 6 asks ≤ 5 KB. `pnpm --filter ./bench run size:ablation` (bench/size-ablation.md)
  // measures what each part costs this app: the texts (error messages, code names) 1.2 KiB, the
  // browser adapter 1.0, inbound frames 0.8 (of which the per-version frame parser 0.6), strict-mode
  // plumbing 0.5, connect 0.3, reconnect 0.2, durable hooks 0.1. Even with every message emptied
  // the app is 6.5 KiB, the engine alone (no adapter, no messages) 5.7 KiB, and a reduced profile
  // without reconnect, durable hooks and strict plumbing 5.9 KiB with no messages: 5 KiB means
  // dropping protocol features, not trimming bytes — a decision for the issue, not for this test. Flips to a failure the day it is met, so the budget can be tightened.
  it.fails('client without validators: the 5 KiB target (not met yet)', async () => {
    const code = await app(SIZE_APPS['app: client, no validators']);
    expect(KiB(gz(code))).toBeLessThanOrEqual(5);
  });

  it('client with every OCPP 1.6 validator: ≤ 20 KiB', async () => {
    const code = await app(SIZE_APPS['app: client + all 1.6 validators']);
    expect(measure('app: client + all 1.6 validators', gz(code))).toBeLessThanOrEqual(20);
  });

  it('client with every OCPP 2.0.1 validator: ≤ 26.7 KiB', async () => {
    const code = await app(SIZE_APPS['app: client + all 2.0.1 validators']);
    expect(measure('app: client + all 2.0.1 validators', gz(code))).toBeLessThanOrEqual(26.7);
  });

  it('an app using three actions ships only those three validators', async () => {
    const code = await app(SIZE_APPS['app: client + 3 actions']);
    expect(code).toContain('chargePointVendor'); // BootNotification
    // Fields and enum values of actions the app did not import.
    for (const absent of [
      'meterStart',
      'idTag',
      'SuspendedEVSE',
      'chargingProfilePurpose',
      'UploadFailed',
      'Celsius',
    ]) {
      expect(code, absent).not.toContain(absent);
    }
    const kib = measure('app: client + 3 actions', gz(code));
    expect(kib).toBeLessThanOrEqual(11.85);
    // Three actions' schemas, validate() and the valibot functions they use (validation code comes
    // with the validator set, so the app without validators has none): 3.87 KiB measured, against
    // ~10.4 KiB for all of 1.6.
    expect(kib - KiB(sizes.get('app: client, no validators') ?? 0)).toBeLessThan(4);
  });
});

describe('budgets for the CDN files (dist/cdn, min + gzip)', () => {
  // Each tight above its size when set. Raised by ~0.3 KiB when durable delivery became an
  // opt-in module (a URL-loaded file cannot tree-shake it) and handler contexts became a class;
  // the tree-shaken apps above got 0.6–0.7 KiB smaller in the same change. Raised by 0.05 KiB
  // (59 B measured) when the client gained setPassword() (a station takes the password a CSMS
  // rotates: 1.6 AuthorizationKey, 2.0.1 A01) and reconnectNow() (a network that comes back).
  const budgets: Record<string, number> = {
    lite: 11.1,
    'ocpp1.6': 20.4,
    'ocpp2.0.1': 29.0,
    'ocpp2.1': 40.4,
    all: 61.15,
  };
  it.each(Object.entries(budgets))('cdn/%s.min.js ≤ %d KiB', async (name, budget) => {
    const code = await readFile(cdn(name));
    expect(measure(`cdn/${name}.min.js`, gz(code))).toBeLessThanOrEqual(budget);
    expect(code.toString('utf8')).not.toMatch(/\bfrom\s*["'][^./]|\bimport\s*\(\s*["'][^./]/); // no bare imports
  });
});

describe('report', () => {
  it('prints every measured size', () => {
    const lines = [...sizes].map(
      ([name, bytes]) => `${name.padEnd(36)} ${String(bytes).padStart(6)} B  ${KiB(bytes)} KiB`,
    );
    console.info(`min + gzip:\n${lines.join('\n')}`);
    expect(sizes.size).toBeGreaterThan(0);
  });
});
