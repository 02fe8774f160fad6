// Test plumbing for the playground's end-to-end suite: the demo Worker CSMS under `wrangler dev`
// (through the example's own start script, as a user runs it), bounded polling, and the page's
// console watched for errors.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const exampleDir = fileURLToPath(new URL('../../examples/cloudflare-csms/', import.meta.url));
export const API_TOKEN = 'dev-api-token';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

/** Runs the example's start script on `port`; resolves once wrangler says it is ready (≤ 45 s). */
export async function startWorkerCsms(port: number, persistTo: string): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['scripts/start.mjs', '--port', String(port), '--persist-to', persistTo],
    {
      cwd: exampleDir,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so stop() reaches wrangler's workerd child as well.
      detached: true,
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev not ready in 45 s:\n${output}`)), 45_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/Ready on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited (${code}):\n${output}`));
    });
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
        }, 5_000).unref();
      }),
  };
}

/** Calls `read` every 200 ms until `ok` holds; fails with the last value after `timeoutMs`. */
export async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (error) {
      last = error as T;
    }
    if (Date.now() > deadline)
      throw new Error(`Condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Collects console errors and uncaught exceptions of a page. The 404s of the blank page a test
 * opens to reset localStorage (and its favicon request) are the test's own, not the app's.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    const source = msg.location().url;
    if (msg.type() === 'error' && !/\/(blank|favicon\.ico)$/.test(source))
      errors.push(`${msg.text()} (${source})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The demo Worker's HTTP API with the development token. */
export function csmsApi(base: string) {
  const headers = { Authorization: `Bearer ${API_TOKEN}`, 'Content-Type': 'application/json' };
  return {
    async transactions(identity: string): Promise<Array<Record<string, unknown>>> {
      const res = await fetch(`${base}/api/stations/${encodeURIComponent(identity)}/transactions`, {
        headers,
      });
      return (await res.json()) as Array<Record<string, unknown>>;
    },
    async stations(): Promise<Array<Record<string, unknown>>> {
      return (await (await fetch(`${base}/api/stations`, { headers })).json()) as Array<
        Record<string, unknown>
      >;
    },
    async command(identity: string, name: string, args: Record<string, unknown> = {}) {
      const res = await fetch(`${base}/api/stations/${encodeURIComponent(identity)}/command/${name}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(args),
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          call?: { action: string };
          outcome: { ok: boolean; response?: unknown };
        },
      };
    },
  };
}
