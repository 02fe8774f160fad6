// End to end, in real Chromium, the BUILT page's traces: a station boots (the in-page demo CSMS,
// so no server is needed), its trace is exported as JSON Lines, imported back into the log
// read-only, and replayed against the same CSMS; a corrupted file says which line is wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrace } from '@ocpp-ws-io/scenarios';
import { type LaunchedChromium, launchChromium, type StaticServer } from '@ocpp-ws-io/test-utils';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, openStation } from './helpers.js';

let browser: LaunchedChromium;
let site: StaticServer;
const dir = mkdtempSync(join(tmpdir(), 'ocpp-traces-'));

beforeAll(async () => {
  [site, browser] = await Promise.all([buildAndServe('traces'), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The log rows shown: [direction, type, action], newest first. */
const logRows = (page: Page) =>
  page
    .locator('.log tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent)),
    );

describe('traces in the playground (Chromium)', () => {
  it('exports the station’s trace after a boot, imports it back read-only, replays it; a corrupted file names its line', async () => {
    const { page, errors } = await openStation(browser, site, {
      mode: 'inpage',
      identity: 'CP-TRACE',
      protocol: 'ocpp1.6',
      speed: '60',
    });
    await page.locator('.pill', { hasText: 'Boot Accepted' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.locator('.pill[data-tone="off"]').waitFor({ timeout: 10_000 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export trace' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^CP-TRACE-.*\.jsonl$/);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = parseTrace(text);
    expect(lines[0]).toMatchObject({
      v: 1,
      side: 'station',
      dir: 'out',
      identity: 'CP-TRACE',
      protocol: 'ocpp1.6',
      frame: [
        2,
        expect.any(String),
        'BootNotification',
        expect.objectContaining({ chargePointModel: 'Playground' }),
      ],
    });
    expect(lines[1]).toMatchObject({
      dir: 'in',
      frame: [3, lines[0]!.frame![1], expect.objectContaining({ status: 'Accepted' })],
    });
    // Every frame the log shows is in the trace, in the same order (rows come in 250 ms batches).
    await expect.poll(async () => (await logRows(page)).length).toBe(lines.length);
    const live = await logRows(page);
    expect([...live].reverse().map((r) => r[2])).toEqual(
      lines.map((l) => (l.frame![0] === 2 ? l.frame![2] : expect.any(String))),
    );

    // A file cut in the middle of its third line: the line number, and the live log untouched.
    const cut = text.split('\n');
    cut[2] = cut[2]!.slice(0, 40);
    await writeFile(join(dir, 'cut.jsonl'), cut.join('\n'));
    await page.locator('.log input[type=file]').setInputFiles(join(dir, 'cut.jsonl'));
    await page.locator('.log .banner', { hasText: 'Import failed' }).waitFor({ timeout: 5_000 });
    expect(await page.locator('.log .banner').textContent()).toMatch(
      /^Import failed: Trace line 3: not JSON \(/,
    );
    expect((await logRows(page)).length).toBe(lines.length);

    // The exported file, imported back: shown read-only, frame for frame.
    await writeFile(join(dir, 'boot.jsonl'), text);
    await page.locator('.log input[type=file]').setInputFiles(join(dir, 'boot.jsonl'));
    await page
      .locator('.log .banner', { hasText: 'Showing the imported trace boot.jsonl' })
      .waitFor({ timeout: 5_000 });
    expect(await page.locator('.log .banner').textContent()).toContain(
      `(${lines.length} frames of CP-TRACE, ocpp1.6), read-only`,
    );
    expect(await logRows(page)).toEqual(live);

    // Replayed against the in-page CSMS, which answers as it did.
    await page.getByRole('button', { name: 'Replay against the CSMS' }).click();
    await page.locator('.log .replay[data-outcome]').waitFor({ timeout: 20_000 });
    const replay = page.locator('.log .replay');
    expect(await replay.getAttribute('data-outcome'), (await replay.textContent()) ?? '').toBe('same');
    const calls = lines.filter((l) => l.frame![0] === 2 && l.dir === 'out').length;
    expect(await replay.textContent()).toBe(
      `Replayed ${calls} calls of CP-TRACE (ocpp1.6) against In-page demo CSMS: the CSMS answered as recorded.`,
    );

    // A recording whose CSMS said Pending to the boot: the replay lists the difference.
    await writeFile(join(dir, 'pending.jsonl'), text.replace('"status":"Accepted"', '"status":"Pending"'));
    await page.locator('.log input[type=file]').setInputFiles(join(dir, 'pending.jsonl'));
    await page.locator('.log .banner', { hasText: 'pending.jsonl' }).waitFor({ timeout: 5_000 });
    expect(await page.locator('.log .replay').isVisible()).toBe(false); // the last trace's result is gone
    await page.getByRole('button', { name: 'Replay against the CSMS' }).click();
    await page.locator('.log .replay[data-outcome="differences"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('.log .replay li').allTextContents()).toEqual([
      'frame 1: BootNotification: status is "Accepted", the recording has "Pending"',
    ]);

    await page.getByRole('button', { name: 'Clear' }).click();
    expect(await page.locator('.log .banner').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 90_000);
});
