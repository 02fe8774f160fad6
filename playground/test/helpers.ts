// Test plumbing for the playground's end-to-end suite: the demo Worker CSMS under `wrangler dev`
// (through the example's own start script, as a user runs it), bounded polling, and the page's
// console watched for errors.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ReadyProcess, startUntilReady } from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';

export const exampleDir = fileURLToPath(new URL('../../examples/cloudflare-csms/', import.meta.url));
export const API_TOKEN = 'playground-test-api-token';
/** The playground's default password, enrolling each new identity as under `npm start`. */
export const ENROLMENT_SECRET = 'dev-station-password';

export { freePort } from '@ocpp-ws-io/test-utils';

/**
 * Runs the example's start script on `port`, as a user does; resolves once wrangler is ready.
 * The secrets come from a file of the test's own (`--env-file`), so a developer's .dev.vars
 * neither changes the test nor is written by it.
 */
export function startWorkerCsms(port: number, persistTo: string): Promise<ReadyProcess> {
  const envFile = join(persistTo, 'test.env');
  // The development settings npm start writes too (scripts/dev-vars.mjs), with a token of our own.
  writeFileSync(envFile, `API_TOKEN=${API_TOKEN}\nENROLMENT_SECRET=${ENROLMENT_SECRET}\nDEV_DIAGNOSTICS=1\n`);
  return startUntilReady(
    ['scripts/start.mjs', '--port', String(port), '--persist-to', persistTo, '--env-file', envFile],
    { cwd: exampleDir, ready: /Ready on http/, withinMs: 45_000 },
  );
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
    /** PUT /api/stations/:id/credential; resolves with the HTTP status. */
    async setCredential(identity: string, password: string): Promise<number> {
      const res = await fetch(`${base}/api/stations/${encodeURIComponent(identity)}/credential`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ password }),
      });
      return res.status;
    },
    async credential(identity: string): Promise<Record<string, unknown>> {
      const res = await fetch(`${base}/api/stations/${encodeURIComponent(identity)}/credential`, { headers });
      return (await res.json()) as Record<string, unknown>;
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
