import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); override with `CHROMIUM_PATH`. */
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags live in a plain JS file so benchmarks (bench/*.mjs, run by node without a TS loader)
// launch Chromium exactly as the tests do.
import { CHROMIUM_ARGS } from '../fixtures/chromium-args.js';

export { CHROMIUM_ARGS };

// Profiles of browsers never closed (a test timed out, vitest stopped the worker): Playwright
// kills the browser on exit/SIGTERM, and this removes what it leaves in the temp directory.
const openProfiles = new Set<string>();
process.on('exit', () => {
  for (const dir of openProfiles) rmSync(dir, { recursive: true, force: true });
});

/** A running Chromium: one persistent context with its own throw-away profile. */
export interface LaunchedChromium {
  /** The Playwright context (one browser profile). */
  context: BrowserContext;
  /** Opens a new tab. */
  newPage(): Promise<Page>;
  /** Closes the browser and deletes its profile directory (unless given). Safe to call twice. */
  close(): Promise<void>;
  /**
   * Ends every process of this browser with SIGKILL, as a crash or a power cut of the machine
   * would from the page's point of view: nothing gets to flush or clean up. The profile stays,
   * so a new {@link launchChromium} with the same `userDataDir` sees what survived.
   */
  kill(): Promise<void>;
}

/** Options for {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Extra Chromium flags, appended to {@link CHROMIUM_ARGS}. */
  args?: string[];
  /** Launch timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** A profile directory of the caller's, kept on close (default: a fresh one, deleted on close). */
  userDataDir?: string;
}

/** Pids of the processes whose command line names `profileDir` (a browser and its helpers). */
function processesOf(profileDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profileDir)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * Starts the system Chromium through `playwright-core` (never `playwright install`: no browser
 * downloads here) with a fresh, empty `--user-data-dir` in the temp directory.
 *
 * Uses `launchPersistentContext` because that is Playwright's supported way to pass a user data
 * dir (a raw `--user-data-dir` in `args` is rejected by `chromium.launch`).
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<LaunchedChromium> {
  const owned = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'ocpp-chromium-')));
  if (owned) openProfiles.add(userDataDir);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      timeout: options.timeoutMs ?? 30_000,
    });
  } catch (err) {
    if (owned) {
      await rm(userDataDir, { recursive: true, force: true });
      openProfiles.delete(userDataDir);
    }
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    context,
    newPage: () => context.newPage(),
    close() {
      closed ??= (async () => {
        try {
          await context.close();
        } finally {
          if (owned) {
            await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
            openProfiles.delete(userDataDir);
          }
        }
      })();
      return closed;
    },
    async kill() {
      // The profile path is unique to this browser, and Chromium hands it to its helpers.
      for (const pid of processesOf(userDataDir)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      for (let i = 0; i < 200 && processesOf(userDataDir).length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (processesOf(userDataDir).length > 0) throw new Error('Chromium survived SIGKILL for 5 s');
      closed ??= context.close().catch(() => {});
      await closed;
    },
  };
}
