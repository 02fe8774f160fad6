import { build } from 'esbuild';
import { Log, LogLevel, Miniflare, type MiniflareOptions } from 'miniflare';

/** What {@link buildWorker} bundles: an entry file, or module text resolved from a folder. */
export type WorkerSource = string | { contents: string; resolveDir: string; sourcefile?: string };

/**
 * Bundles a Worker (TypeScript or JS) into one ES module with esbuild, the way Wrangler resolves
 * packages (`workerd`, `worker`, `browser` conditions on the browser platform), leaving
 * `cloudflare:*` and `node:*` imports to the runtime. `fromSource` adds the workspace `source`
 * condition first, so workspace packages resolve to their src/ and need no build.
 */
export async function buildWorker(input: WorkerSource, { fromSource = false } = {}): Promise<string> {
  const result = await build({
    ...(typeof input === 'string' ? { entryPoints: [input] } : { stdin: { ...input, loader: 'js' } }),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: [...(fromSource ? ['source'] : []), 'workerd', 'worker', 'browser'],
    external: ['cloudflare:*', 'node:*'],
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no output for ${typeof input === 'string' ? input : 'stdin'}`);
  return out.text;
}

/** Options for {@link startWorkerd}. Give exactly one of `script`, `scriptPath` or `entry`. */
export interface StartWorkerdOptions {
  /** ES-module Worker source text. */
  script?: string;
  /** Path to an already bundled ES-module Worker (`.js`/`.mjs`). */
  scriptPath?: string;
  /** Path to a TS/JS entry bundled first with {@link buildWorker}. */
  entry?: string;
  /** Durable Object bindings: binding name → exported class name (SQLite-backed). */
  durableObjects?: Record<string, string>;
  /** Default `2026-04-01` (must not be newer than the installed workerd supports). */
  compatibilityDate?: string;
  compatibilityFlags?: string[];
  /** Plain JSON-able `env` bindings. */
  bindings?: Record<string, unknown>;
  /** Escape hatch: extra raw Miniflare options merged last. */
  miniflare?: Partial<MiniflareOptions>;
}

/** A running workerd (through Miniflare) on loopback. */
export interface RunningWorkerd {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** The same origin as `ws://127.0.0.1:<port>`. */
  wsUrl: string;
  port: number;
  mf: Miniflare;
  dispose(): Promise<void>;
}

/**
 * Starts a real workerd process via Miniflare's API, listening on `127.0.0.1:<random port>`, so
 * real Node clients (`ws`, fetch) can talk to the Worker over TCP. Durable Objects are in-memory
 * and really hibernate (after 10 s idle, see runtime-notes §1).
 */
export async function startWorkerd(options: StartWorkerdOptions): Promise<RunningWorkerd> {
  const durableObjects = Object.fromEntries(
    Object.entries(options.durableObjects ?? {}).map(([binding, className]) => [
      binding,
      { className, useSQLite: true },
    ]),
  );
  let code: { script: string } | { scriptPath: string };
  if (options.entry) code = { script: await buildWorker(options.entry) };
  else if (options.scriptPath) code = { scriptPath: options.scriptPath };
  else if (options.script !== undefined) code = { script: options.script };
  else throw new Error('startWorkerd: give script, scriptPath or entry');

  const mf = new Miniflare({
    modules: true,
    ...code,
    compatibilityDate: options.compatibilityDate ?? '2026-04-01',
    compatibilityFlags: options.compatibilityFlags ?? [],
    durableObjects,
    bindings: (options.bindings ?? {}) as Record<string, never>,
    host: '127.0.0.1',
    port: 0,
    // Never fetch the `request.cf` blob from Cloudflare: no network here, and it would wait 3 s.
    cf: false,
    // Warnings and errors only (console.log from the Worker still reaches stdout).
    log: new Log(LogLevel.WARN),
    ...(options.miniflare as object),
  } as MiniflareOptions);
  let url: URL;
  try {
    url = await mf.ready;
  } catch (err) {
    await mf.dispose().catch(() => {});
    throw err;
  }
  const port = Number(url.port);
  let disposed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    mf,
    dispose: () => {
      disposed ??= mf.dispose();
      return disposed;
    },
  };
}
