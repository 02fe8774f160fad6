// Test plumbing for the playground's end-to-end suite: the demo Worker CSMS under `wrangler dev`
// (through the example's own start script, as a user runs it), bounded polling, and the page's
// console watched for errors.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type LaunchedChromium,
  type ReadyProcess,
  type StaticServer,
  serveStatic,
  startUntilReady,
} from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';
import { build } from 'vite';

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

export const playgroundDir = fileURLToPath(new URL('..', import.meta.url));
/** Screenshots for the report and for a failing test's post-mortem (git-ignored). */
export const artifacts = join(playgroundDir, '.artifacts');

/**
 * Builds the page (vite build, as the static deployment is) into a folder of the test file's own
 * (files run in parallel: one shared dist/ would be rebuilt under another file's feet) and
 * serves it on 127.0.0.1.
 */
export async function buildAndServe(name: string): Promise<StaticServer> {
  mkdirSync(artifacts, { recursive: true });
  const outDir = join(artifacts, `site-${name}`);
  await build({
    root: playgroundDir,
    logLevel: 'warn',
    configFile: join(playgroundDir, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
  });
  return serveStatic(outDir);
}

/** Runs in the page: forgets settings, stations and stored transaction messages of this origin. */
export async function resetStorage(): Promise<void> {
  localStorage.clear();
  for (const db of await indexedDB.databases()) {
    if (!db.name) continue;
    await new Promise((resolve, reject) => {
      const req = indexedDB.deleteDatabase(db.name!);
      req.onsuccess = resolve;
      req.onerror = () => reject(req.error);
    });
  }
}

/**
 * Opens the playground with settings in the query string, from a station that never ran (the
 * browser profile, and so localStorage and IndexedDB, is shared by a file's tests), and connects.
 */
export async function openStation(
  browser: LaunchedChromium,
  site: StaticServer,
  query: Record<string, string>,
  viewport = { width: 1440, height: 1000 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${site.url}blank`);
  await page.evaluate(resetStorage);
  const errors = watchConsole(page);
  await page.goto(`${site.url}?${new URLSearchParams(query)}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  return { page, errors };
}

export const connector = (page: Page, id: number) => page.locator(`[data-connector="${id}"]`);

/**
 * Waits until a connector's facts (power, limit, register, transaction) show `text`. The page
 * draws them on its next frame, so a CSMS or a status can be ahead of them: never read them once.
 * `text` is matched against the text content, where the label and its value touch
 * ("Transactionnone"): write `\s*` between them in a pattern.
 */
export async function waitForFacts(
  page: Page,
  id: number,
  text: string | RegExp,
  timeout = 10_000,
): Promise<void> {
  await connector(page, id).locator('.facts', { hasText: text }).waitFor({ timeout });
}

/** Waits for a connector's status; on failure says where the station got stuck (its timeline). */
export async function waitForStatus(page: Page, id: number, status: string, timeout = 10_000): Promise<void> {
  try {
    await page.locator(`[data-connector="${id}"] .status[data-status="${status}"]`).waitFor({ timeout });
  } catch (error) {
    const timeline = await page
      .locator('.timeline')
      .innerText({ timeout: 2_000 })
      .catch(() => '(page unresponsive)');
    await page
      .screenshot({ path: join(artifacts, `stuck-${status}-${Date.now()}.png`), timeout: 2_000 })
      .catch(() => {});
    throw new Error(`Connector ${id} never reached ${status}. Timeline:\n${timeline}`, { cause: error });
  }
}

/** The in-page CSMS's records of a station (localStorage, as the page keeps them). */
export function inPageTransactions(page: Page, identity: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    (id) => JSON.parse(localStorage.getItem(`ocpp-playground:csms:${id}:transactions`) ?? '[]'),
    identity,
  );
}
