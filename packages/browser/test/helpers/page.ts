import type * as Edge from '@ocpp-ws-io/test-utils/edge-endpoint';
import type { Page } from 'playwright-core';
import type * as Full from '../../src/index.js';
import type { lite as Lite } from '../fixtures/lite-app.js';

/** What index.html puts on `globalThis`; use inside `page.evaluate` callbacks. */
export interface PageGlobals {
  ocpp: typeof Full;
  lite: typeof Lite;
  /** The cross-runtime table's endpoint program (packages/test-utils/fixtures/edge-endpoint.js). */
  edge: typeof Edge;
  /** Scratch space tests keep state in between two `evaluate` calls. */
  t: Record<string, unknown>;
}

/** The full client class's instance type, for state kept in `t` between two evaluates. */
export type PageClient = InstanceType<typeof Full.OCPPClient>;

/** Opens a tab on the test page and waits (bounded) until the bundles loaded. */
export async function openPage(newPage: () => Promise<Page>, url: string): Promise<Page> {
  const page = await newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page
    .waitForFunction(() => document.title === 'ready', undefined, { timeout: 10_000 })
    .catch(() => {
      throw new Error(`Test page did not load: ${errors.join('; ') || 'no page error reported'}`);
    });
  await page.evaluate(() => {
    (globalThis as unknown as { t: Record<string, unknown> }).t = {};
  });
  return page;
}
