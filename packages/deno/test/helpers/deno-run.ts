// Runs the Deno fixtures against this repo's @ocpp-ws-io/deno: bundled from source and mapped
// with an import map (scripts/deno-local.mjs), then `deno run` through @ocpp-ws-io/test-utils.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DenoRunOptions,
  type DenoRunResult,
  type RunningDeno,
  runDeno,
  startDeno,
} from '@ocpp-ws-io/test-utils';
import { CACHE_DIR, prepareDenoImportMap } from '../../scripts/deno-local.mjs';

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let importMap: Promise<string> | undefined;

/** Bundles once per test file, into its own directory (test files run in parallel workers). */
export function denoImportMap(): Promise<string> {
  importMap ??= (async () => {
    // On a fresh clone the cache folder does not exist yet, and test files run in parallel.
    mkdirSync(CACHE_DIR, { recursive: true });
    const dir = mkdtempSync(join(CACHE_DIR, 'run-'));
    return (await prepareDenoImportMap(dir)).importMap;
  })();
  return importMap;
}

// test-utils has no import-map option yet; its `permissions` flags go right before the script
// path, which is where `--import-map` belongs too.
async function options(extra: DenoRunOptions): Promise<DenoRunOptions> {
  return {
    ...extra,
    permissions: ['--allow-net', '--allow-read', '--allow-env', `--import-map=${await denoImportMap()}`],
  };
}

/** Starts a long-running fixture (prints `READY <port>`). */
export async function startFixture(name: string, config: unknown): Promise<RunningDeno> {
  return startDeno(fixture(name), await options({ args: [JSON.stringify(config)], timeoutMs: 20_000 }));
}

/** Runs a fixture to completion and returns its `RESULT {json}` line, parsed. */
export async function runFixture<T = Record<string, unknown>>(
  name: string,
  config: unknown = {},
): Promise<T> {
  const run = await runDeno(
    fixture(name),
    await options({ args: [JSON.stringify(config)], timeoutMs: 20_000 }),
  );
  return resultLine<T>(run, name);
}

/** The `RESULT {json}` line a fixture printed, parsed; an error with its output if none or it failed. */
export function resultLine<T>(run: DenoRunResult, name = 'fixture'): T {
  const line = /^RESULT (.*)$/m.exec(run.stdout);
  if (!line || run.code !== 0) {
    throw new Error(`deno ${name} exited ${run.code ?? run.signal}\n${run.stdout}\n${run.stderr}`);
  }
  return JSON.parse(line[1] as string) as T;
}

/** Waits (bounded) for an `EVENT {json}` line of a running fixture that matches `predicate`. */
export async function nextEvent(
  deno: RunningDeno,
  predicate: (event: Record<string, unknown>) => boolean,
  timeoutMs = 5_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const match of deno.stdout().matchAll(/^EVENT (.*)$/gm)) {
      const event = JSON.parse(match[1]!) as Record<string, unknown>;
      if (predicate(event)) return event;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no matching EVENT within ${timeoutMs} ms\n${deno.stdout()}\n${deno.stderr()}`);
}
