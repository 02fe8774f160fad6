// Scenarios run on the VirtualStation in every runtime the station runs in: the same cases
// (a boot with a station-time heartbeat, a remote stop through the CSMS control, a refused idTag)
// in a Chromium page and in Deno, against a CSMS on loopback. (Node: every other test file.)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, runDeno, serveStatic } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReport, type SuiteReport } from '../src/index.js';
import { bundle } from './helpers/bundle.js';
import { API_TOKEN, startControlApi } from './helpers/control-api.js';
import { type ReferenceCsms, startReferenceCsms } from './helpers/reference-csms.js';

const CASES = 'TC_001_CSMS,TC_012_CSMS,TC_023_1_CSMS';
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let dir: string;
let csms: ReferenceCsms;
let api: { url: string; close(): Promise<void> };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenarios-runtimes-'));
  csms = await startReferenceCsms();
  api = await startControlApi(csms.control);
}, 30_000);
afterAll(async () => {
  await api?.close();
  await csms?.close();
  await rm(dir, { recursive: true, force: true });
});

const expectAllPassed = (report: SuiteReport) =>
  expect(report.cases.map((c) => [c.id, c.status, c.reason])).toEqual([
    ['TC_001_CSMS', 'passed', undefined],
    ['TC_012_CSMS', 'passed', undefined],
    ['TC_023_1_CSMS', 'passed', undefined],
  ]);

describe('scenarios in the real runtimes', () => {
  it('run in Chromium on the page’s WebSocket; the report also survives the URL-fragment encoding', async () => {
    const site = join(dir, 'site');
    await mkdir(site, { recursive: true });
    await writeFile(join(site, 'suite.js'), await bundle(fixture('browser-entry.ts'), 'browser'));
    await writeFile(
      join(site, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>running</title><script type="module" src="suite.js"></script>',
    );
    const server = await serveStatic(site);
    const chromium = await launchChromium();
    try {
      const page = await chromium.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      const query = new URLSearchParams({ csms: csms.url, api: api.url, token: API_TOKEN, cases: CASES });
      await page.goto(`${server.url}index.html?${query}`);
      await page.waitForFunction(() => document.title !== 'running', undefined, { timeout: 60_000 });
      expect(await page.title(), problems.join('\n')).toBe('done');
      const report = (await page.evaluate('window.report')) as SuiteReport;
      expectAllPassed(report);
      const fragment = (await page.evaluate('window.fragment')) as string;
      expect((await decodeReport(fragment)).cases.map((c) => c.status)).toEqual([
        'passed',
        'passed',
        'passed',
      ]);
    } finally {
      await chromium.close();
      await server.close();
    }
  }, 90_000);

  it('run in Deno on Deno’s WebSocket', async () => {
    const script = join(dir, 'suite.js');
    await writeFile(script, await bundle(fixture('deno-entry.ts'), 'deno'));
    const result = await runDeno(script, { args: [csms.url, api.url, API_TOKEN, CASES], timeoutMs: 60_000 });
    const line = /^RESULT (.*)$/m.exec(result.stdout);
    expect(line, `${result.stdout}\n${result.stderr}`).not.toBeNull();
    expectAllPassed(JSON.parse(line![1]!) as SuiteReport);
  }, 90_000);
});
