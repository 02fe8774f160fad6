// No side effects at import, for every published entry (and every CDN file): each is imported
// from its built dist/ file in a fresh Node process whose globals are spied on first. Importing
// must not draw randomness (Workers forbid it at global scope), start a timer or a microtask, or
// add, remove or replace a global. `cloudflare:workers` is stubbed (a class, as in workerd), so
// the Cloudflare entry loads in Node; the CDN Worker test in packages/browser imports a bundle in
// workerd itself. The test command builds first.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { assertFreshBuild, BUILT_PACKAGES } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = BUILT_PACKAGES;

/** Every entry a user can import: the published `exports` (JS files only) plus the CDN files. */
const entries: [string, string][] = PACKAGES.flatMap((dir): [string, string][] => {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const exports = (pkg.publishConfig?.exports ?? pkg.exports) as Record<string, string | { default: string }>;
  return Object.entries(exports)
    .filter(([subpath, target]) => typeof target !== 'string' && !subpath.includes('*'))
    .map(([subpath, target]) => [
      `${pkg.name}${subpath.slice(1)}`,
      join(root, dir, (target as { default: string }).default),
    ]);
});
for (const bundle of ['lite', 'ocpp1.6', 'ocpp2.0.1', 'ocpp2.1', 'all']) {
  entries.push([
    `@ocpp-ws-io/browser/cdn/${bundle}`,
    join(root, 'packages/browser/dist/cdn', `${bundle}.min.js`),
  ]);
}

// Loaded with --import before the entry: spies on every source of randomness and time, and
// snapshots the global object. Runs before Node's loader reaches the entry.
const PRELOAD = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  if (specifier === 'cloudflare:workers') return { url: 'data:text/javascript,export class DurableObject {}', shortCircuit: true };
  return next(specifier, context);
}\`));
const calls = [];
const spy = (owner, key, label) => {
  const original = owner[key];
  const replacement = function (...args) { calls.push(label); return original.apply(this, args); };
  owner[key] = replacement;
  return [owner, key, replacement];
};
const spies = [
  spy(Math, 'random', 'Math.random'),
  spy(globalThis.crypto, 'getRandomValues', 'crypto.getRandomValues'),
  spy(globalThis.crypto, 'randomUUID', 'crypto.randomUUID'),
  spy(globalThis, 'setTimeout', 'setTimeout'),
  spy(globalThis, 'setInterval', 'setInterval'),
  spy(globalThis, 'setImmediate', 'setImmediate'),
  spy(globalThis, 'queueMicrotask', 'queueMicrotask'),
  spy(Date, 'now', 'Date.now'),
  spy(performance, 'now', 'performance.now'),
];
// Values, not descriptors: Node defines some globals (TextEncoder, …) as getters that turn into
// values on first read, so the snapshot reads each one (twice is the same as once).
const read = (k) => { try { return globalThis[k]; } catch { return undefined; } };
const snapshot = () => new Map(Reflect.ownKeys(globalThis).map((k) => [k, read(k)]));
snapshot();
globalThis[Symbol.for('hygiene')] = { calls, spies, before: snapshot(), snapshot };
`;
const MAIN = `
const h = globalThis[Symbol.for('hygiene')];
const before = h.before;
h.calls.length = 0;
await import(process.argv[1]);
const calls = [...h.calls];
const after = h.snapshot();
const changed = [];
for (const [key, value] of after) {
  if (key === Symbol.for('hygiene')) continue;
  if (!before.has(key)) changed.push('added ' + String(key));
  else if (!Object.is(before.get(key), value)) changed.push('replaced ' + String(key));
}
for (const key of before.keys()) if (!after.has(key)) changed.push('removed ' + String(key));
const replaced = h.spies.filter(([owner, key, fn]) => owner[key] !== fn).map(([, key]) => key);
console.log(JSON.stringify({ calls, changed, replaced }));
`;

let dir: string;
beforeAll(async () => {
  // What is imported is the build: an old one would test code that no longer exists.
  assertFreshBuild();
  dir = await mkdtemp(join(tmpdir(), 'ocpp-hygiene-'));
  await writeFile(join(dir, 'preload.mjs'), PRELOAD);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(entries)('import %s', (_name, file) => {
  it('draws no randomness, schedules nothing and touches no global', async () => {
    expect(existsSync(file), `${file} (build first)`).toBe(true);
    const { stdout } = await run(process.execPath, [
      '--import',
      pathToFileURL(join(dir, 'preload.mjs')).href,
      '--input-type=module',
      '-e',
      MAIN,
      pathToFileURL(file).href,
    ]);
    expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({
      calls: [],
      changed: [],
      replaced: [],
    });
  });
});
