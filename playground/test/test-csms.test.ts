// End to end, in real Chromium, the BUILT "Test a CSMS" page: real cases against the demo Worker
// CSMS under wrangler dev (one the CSMS must start, through its admin API from the page), a
// deliberately broken CSMS (the scenarios package's reference CSMS that answers every idTag
// Invalid) failing with its step and frames shown, and the report's JSON download and share link.

import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteReport } from '@ocpp-ws-io/scenarios';
import { type LaunchedChromium, launchChromium, type StaticServer } from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReferenceCsms,
  startReferenceCsms,
} from '../../packages/scenarios/test/helpers/reference-csms.js';
import { API_TOKEN, artifacts, buildAndServe, freePort, startWorkerCsms, watchConsole } from './helpers.js';

let browser: LaunchedChromium;
let site: StaticServer;
let worker: { stop(): Promise<void> } | undefined;
let broken: ReferenceCsms | undefined;
let csmsBase = '';
const persistTo = mkdtempSync(join(tmpdir(), 'ocpp-test-csms-'));

beforeAll(async () => {
  const port = await freePort();
  csmsBase = `http://127.0.0.1:${port}`;
  [site, worker, browser, broken] = await Promise.all([
    buildAndServe('test-csms'),
    startWorkerCsms(port, persistTo),
    launchChromium(),
    startReferenceCsms({ breakage: { everyIdTag: 'Invalid' } }),
  ]);
}, 60_000);
afterEach(async () => {
  await Promise.all(browser?.context.pages().map((p) => p.close()) ?? []);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await worker?.stop();
  await broken?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

/**
 * Opens the page with the form's values in the query string and watches every status each case
 * row shows (a MutationObserver in the page), so a test can tell that it ran live.
 */
async function openTestPage(query: Record<string, string>): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  const errors = watchConsole(page);
  await page.goto(`${site.url}test-csms.html?${new URLSearchParams(query)}`);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { seen });
    const note = (el: Element) => {
      const entry = `${el.getAttribute('data-case')}:${el.getAttribute('data-status')}`;
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes) {
          if (!(node instanceof Element) || !node.closest('.primary-col')) continue;
          // A row, or a section that arrives with its rows (the queued list).
          for (const row of node.matches('li.case') ? [node] : node.querySelectorAll('li.case')) note(row);
        }
    }).observe(document.body, { childList: true, subtree: true });
  });
  return { page, errors };
}

/** Each case row of the report: [id, mark, reason, failed step]. */
function reportRows(page: Page) {
  return page
    .locator('.report li.case')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.getAttribute('data-case'),
        r.querySelector('.mark')?.textContent,
        r.querySelector('.reason')?.textContent ?? null,
        r.querySelector('p.step')?.textContent ?? null,
      ]),
    );
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

describe('Test a CSMS (the page, in Chromium)', () => {
  it('is linked from the stations page’s header, and links back', async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Test a CSMS →' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/test-csms.html');
    await page.getByRole('link', { name: '← Virtual stations' }).click();
    await page.getByRole('button', { name: 'Connect', exact: true }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  });

  it('runs real cases against the demo Worker CSMS live, TC_012 started through its admin API from the page', async () => {
    const { page, errors } = await openTestPage({
      url: `ws://127.0.0.1:${new URL(csmsBase).port}/ocpp`,
      api: csmsBase,
      token: API_TOKEN,
      identity: 'CP-PG-SUITE',
      cases: 'TC_001_CSMS,TC_012_CSMS,TC_023_1_CSMS',
      timeout: '10',
    });
    await expect(page.locator('.picker').innerText()).resolves.toContain('3 of 55 runnable cases selected');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.report .summary').waitFor({ timeout: 90_000 });
    expect(await page.locator('.report .summary').textContent()).toBe(
      '3 cases: 3 passed, 0 failed, 0 skipped',
    );
    expect(await reportRows(page)).toEqual([
      ['TC_001_CSMS', 'PASS', null, null],
      ['TC_012_CSMS', 'PASS', null, null],
      ['TC_023_1_CSMS', 'PASS', null, null],
    ]);
    // Live: each case was shown running, then passed, one after the other in the document's
    // order; those after the first were queued before (the first starts as its list appears).
    const statuses = await seen(page);
    for (const id of ['TC_001_CSMS', 'TC_012_CSMS', 'TC_023_1_CSMS']) {
      const mine = statuses.filter((s) => s.startsWith(`${id}:`)).map((s) => s.split(':')[1]);
      if (id !== 'TC_001_CSMS') expect(mine[0], statuses.join(' ')).toBe('queued');
      expect(mine, statuses.join(' ')).toContain('running');
      expect(mine.at(-1)).toBe('passed');
    }
    expect(statuses.indexOf('TC_012_CSMS:running')).toBeGreaterThan(statuses.indexOf('TC_001_CSMS:passed'));
    expect(await page.locator('.report').innerText()).toContain(
      `control: the HTTP API at ${csmsBase}/api/stations`,
    );
    expect(errors).toEqual([]);
  }, 120_000);

  it.each([
    { protocol: 'ocpp1.6', summary: '55 cases: 54 passed, 0 failed, 1 skipped', skipped: 'TC_077_CSMS' },
    // TC_A_02 is not offered in a browser (NOT_IN_A_BROWSER): 64 of the 65 automated cases.
    { protocol: 'ocpp2.0.1', summary: '64 cases: 63 passed, 0 failed, 1 skipped', skipped: 'TC_A_14_CSMS' },
  ])(
    'runs the whole $protocol suite in the page: every case a browser can run passes against the demo Worker',
    async (row) => {
      const { page, errors } = await openTestPage({
        url: `ws://127.0.0.1:${new URL(csmsBase).port}/ocpp`,
        api: csmsBase,
        token: API_TOKEN,
        identity: `CP-PG-ALL-${row.protocol.replace(/\W/g, '')}`,
        protocol: row.protocol,
        timeout: '10',
      });
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.locator('.report .summary').waitFor({ timeout: 240_000 });
      const notPassed = (await reportRows(page)).filter((r) => r[1] !== 'PASS');
      expect(notPassed.map((r) => `${r[0]} ${r[1]}: ${r[3] ?? ''} ${r[2]}`)).toEqual([
        expect.stringMatching(
          new RegExp(`^${row.skipped} SKIP:  needs a CSMS that signs station certificates`),
        ),
      ]);
      expect(await page.locator('.report .summary').textContent()).toBe(row.summary);
      expect(errors).toEqual([]);
    },
    300_000,
  );

  it('Stop lets the running case end and skips the rest, saying why', async () => {
    // A CSMS that never answers StopTransaction: TC_032_1 waits its whole answer timeout.
    const silent = await startReferenceCsms({ breakage: { silentOnStop: true } });
    try {
      const { page, errors } = await openTestPage({
        url: silent.url,
        api: '',
        password: '',
        identity: 'CP-PG-STOP',
        cases: 'TC_001_CSMS,TC_032_1_CSMS,TC_037_1_CSMS,TC_039_CSMS',
        timeout: '3',
      });
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page
        .locator('li.case[data-case="TC_032_1_CSMS"][data-status="running"]')
        .waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.locator('.report .summary').waitFor({ timeout: 20_000 });
      expect(await reportRows(page)).toEqual([
        ['TC_001_CSMS', 'PASS', null, null],
        [
          'TC_032_1_CSMS',
          'FAIL',
          'the CSMS did not answer StopTransaction within 3 s',
          expect.stringMatching(/^Failed at step \d+: /),
        ],
        ['TC_037_1_CSMS', 'SKIP', 'the run was stopped', null],
        ['TC_039_CSMS', 'SKIP', 'the run was stopped', null],
      ]);
      // The form is back for the next run.
      expect(await page.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await silent.close();
    }
  }, 60_000);

  it('shows a broken CSMS’s failure with the step and the frames around it; the JSON download and the share link carry the same report', async () => {
    const { page, errors } = await openTestPage({
      url: broken!.url,
      api: '',
      password: '',
      identity: 'CP-PG-BROKEN',
      cases: 'TC_001_CSMS,TC_004_1_CSMS,TC_012_CSMS',
      timeout: '5',
    });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.report .summary').waitFor({ timeout: 60_000 });
    expect(await page.locator('.report .summary').textContent()).toBe(
      '3 cases: 1 passed, 1 failed, 1 skipped',
    );
    const rows = await reportRows(page);
    expect(rows).toEqual([
      ['TC_001_CSMS', 'PASS', null, null],
      [
        'TC_004_1_CSMS',
        'FAIL',
        'the CSMS answered Authorize, but idTagInfo.status is "Invalid", expected "Accepted"',
        expect.stringMatching(/^Failed at step \d+: the CSMS accepts the idTag \(Authorize\)$/),
      ],
      [
        'TC_012_CSMS',
        'SKIP',
        'needs the CSMS to send RemoteStopTransaction (OCTT asks an operator): give a CSMS control to run it',
        null,
      ],
    ]);
    await page.screenshot({ path: join(artifacts, 'test-csms-report.png'), fullPage: true });
    const frames = page.locator('.report [data-case="TC_004_1_CSMS"] details.context pre');
    expect(await frames.textContent()).toContain(
      'CSMS → station  Authorize answer {"idTagInfo":{"status":"Invalid"}}',
    );
    expect(await frames.isVisible()).toBe(true); // open for a failure

    // The JSON download: the whole report, frames included.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^csms-report-ocpp1\.6-.*\.json$/);
    const json = JSON.parse(await readFile((await download.path())!, 'utf8')) as SuiteReport;
    expect(json).toMatchObject({ protocol: 'ocpp1.6', endpoint: broken!.url, identity: 'CP-PG-BROKEN' });
    expect(json.summary).toEqual({ passed: 1, failed: 1, skipped: 1, total: 3 });
    expect(json.cases.map((c) => [c.id, c.status, c.reason ?? null])).toEqual(
      rows.map(([id, mark, reason]) => [
        id,
        { PASS: 'passed', FAIL: 'failed', SKIP: 'skipped' }[mark!],
        reason,
      ]),
    );
    expect(json.cases[1]!.context?.join('\n')).toContain(
      'Authorize answer {"idTagInfo":{"status":"Invalid"}}',
    );

    // The share link, opened in a new tab: the same report, read-only, nothing run.
    const href = await page.getByRole('link', { name: 'Share link' }).getAttribute('href');
    expect(href).toMatch(/test-csms\.html#report=[\w-]+$/);
    const shared = await browser.newPage();
    const sharedErrors = watchConsole(shared);
    await shared.goto(href!);
    await shared.locator('.report .summary').waitFor({ timeout: 10_000 });
    expect(await shared.getByRole('heading', { name: 'Shared report' }).isVisible()).toBe(true);
    await shared.screenshot({ path: join(artifacts, 'test-csms-shared.png'), fullPage: true });
    expect(await shared.locator('.report .summary').textContent()).toBe(
      '3 cases: 1 passed, 1 failed, 1 skipped',
    );
    expect(await reportRows(shared)).toEqual(rows);
    expect(await shared.getByRole('button', { name: 'Run', exact: true }).count()).toBe(0);

    // A link cut short when it was copied: a clear message, no crash.
    const cut = await browser.newPage();
    const cutErrors = watchConsole(cut);
    await cut.goto(href!.slice(0, -20));
    await cut
      .getByRole('heading', { name: 'This link’s report cannot be read' })
      .waitFor({ timeout: 10_000 });
    expect(await cut.getByRole('alert').textContent()).toMatch(
      /^The #report=… part of the address is damaged/,
    );
    expect([...errors, ...sharedErrors, ...cutErrors]).toEqual([]);
  }, 120_000);
});
