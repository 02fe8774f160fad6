import {
  type LaunchChromiumOptions,
  type LaunchedChromium,
  launchChromium,
  type StaticServer,
  serveStatic,
} from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildPageDir } from './bundle.js';
import { openPage } from './page.js';

/** What a browser test file gets from {@link chromiumSuite}. */
export interface ChromiumSuite {
  /** Runs `cleanup` after the current test; the last one registered runs first. */
  defer(cleanup: () => unknown): void;
  /** A fresh tab on the test page, bundles loaded; closed after the test. */
  newPage(): Promise<Page>;
  /**
   * A second Chromium of the test's own (e.g. to kill and start again on the same profile), whose
   * tabs open the same test page (same origin, so the same IndexedDB); closed after the test.
   */
  launch(options?: LaunchChromiumOptions): Promise<{ chromium: LaunchedChromium; newPage(): Promise<Page> }>;
}

/**
 * The hooks every browser test file needs: one real Chromium and one static server for the test
 * page per file (built once), and per-test cleanups. Call at the top level of the file.
 */
export function chromiumSuite(): ChromiumSuite {
  let browser: LaunchedChromium | undefined;
  let site: StaticServer | undefined;
  let disposePage: (() => Promise<void>) | undefined;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    const page = await buildPageDir();
    disposePage = page.dispose;
    [browser, site] = await Promise.all([launchChromium(), serveStatic(page.dir)]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await disposePage?.();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return {
    defer: (cleanup) => {
      cleanups.push(cleanup);
    },
    launch: async (options) => {
      if (!site) throw new Error('chromiumSuite: launch() called outside a test');
      const url = site.url;
      const chromium = await launchChromium(options);
      cleanups.push(() => chromium.close());
      return { chromium, newPage: () => openPage(() => chromium.newPage(), url) };
    },
    newPage: async () => {
      if (!browser || !site) throw new Error('chromiumSuite: newPage() called outside a test');
      const chromium = browser;
      const page = await openPage(() => chromium.newPage(), site.url);
      cleanups.push(() => page.close());
      return page;
    },
  };
}
