// @vitest-environment happy-dom
// The "Test a CSMS" page's panels (issue #15): the checklist grouped by block with its filter,
// the form's defaults and refusals, the live rows, the report with its failed step and frames,
// and the share link read back — a damaged one as a message, never a throw.
import {
  type CaseReport,
  OCPP16_SUITE,
  OCPP201_SUITE,
  type SuiteReport,
  summarize,
} from '@ocpp-ws-io/scenarios';
import { describe, expect, it } from 'vitest';
import { casePicker } from '../src/test-csms/case-picker.js';
import { reportFileName, reportView } from '../src/test-csms/report-view.js';
import { runForm } from '../src/test-csms/run-form.js';
import { runView } from '../src/test-csms/run-view.js';
import { setupDefaults, setupProblem, suiteOptions } from '../src/test-csms/setup.js';
import { readSharedReport, shareLink } from '../src/test-csms/share.js';
import { caseGroups, matchesFilter } from '../src/test-csms/suites.js';

const PAGE = 'http://127.0.0.1:5173/test-csms.html';

const FAILED: CaseReport = {
  id: 'TC_004_1_CSMS',
  name: 'Regular Charging Session - Cached Id',
  status: 'failed',
  reason: 'the CSMS answered Authorize, but idTagInfo.status is "Invalid", expected "Accepted"',
  step: { index: 3, description: 'the CSMS accepts the idTag (Authorize)' },
  context: [
    'station → CSMS  Authorize {"idTag":"VALID-TAG-1"}',
    'CSMS → station  Authorize answer {"idTagInfo":{"status":"Invalid"}}',
  ],
  durationMs: 120,
};
const CASES: CaseReport[] = [
  { id: 'TC_001_CSMS', name: 'Cold Boot Charge Point', status: 'passed', durationMs: 80 },
  FAILED,
  {
    id: 'TC_012_CSMS',
    name: 'Remote Stop Charging Session',
    status: 'skipped',
    reason: 'needs the CSMS to send RemoteStopTransaction',
  },
];
const REPORT: SuiteReport = {
  version: 1,
  protocol: 'ocpp1.6',
  endpoint: 'ws://127.0.0.1:9/ocpp',
  identity: 'CP-T',
  startedAt: '2026-12-03T10:00:00.000Z',
  durationMs: 1234,
  summary: summarize(CASES),
  cases: CASES,
};

const texts = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent);

describe('the checklist', () => {
  it('groups the documented cases by block; not automatable ones are listed but cannot be checked', () => {
    const { groups, undocumented } = caseGroups(OCPP16_SUITE);
    expect(groups.map((g) => g.block)).toContain('Core');
    expect(groups.flatMap((g) => g.cases)).toHaveLength(
      OCPP16_SUITE.scenarios.length + OCPP16_SUITE.manual.length,
    );
    expect(undocumented).toBe(
      OCPP16_SUITE.catalogue.length - OCPP16_SUITE.scenarios.length - OCPP16_SUITE.manual.length,
    );

    const picker = casePicker();
    document.body.replaceChildren(picker.root);
    picker.show('ocpp1.6');
    expect(picker.selected().sort()).toEqual(OCPP16_SUITE.scenarios.map((s) => s.id).sort());
    const tc086 = picker.root.querySelector<HTMLInputElement>('input[value=TC_086_CSMS]')!;
    expect(tc086.disabled).toBe(true);
    expect(tc086.closest('label')!.title).toMatch(/^Not automatable: checks the CSMS’s TLS handshake/);
    expect(picker.root.textContent).toContain(
      `${OCPP16_SUITE.scenarios.length} of ${OCPP16_SUITE.scenarios.length} runnable cases selected`,
    );
  });

  it('filters with selects patterns (a bare prefix too); Select shown / Unselect shown act on what is shown only', () => {
    expect(matchesFilter('TC_012_CSMS', 'TC_01')).toBe(true);
    expect(matchesFilter('TC_012_CSMS', 'TC_0?2_CSMS')).toBe(true);
    expect(matchesFilter('TC_012_CSMS', 'TC_02*, TC_1*')).toBe(false);
    expect(matchesFilter('TC_012_CSMS', '')).toBe(true);

    const picker = casePicker();
    document.body.replaceChildren(picker.root);
    picker.show('ocpp1.6', 'TC_001_CSMS');
    expect(picker.selected()).toEqual(['TC_001_CSMS']);
    const filter = picker.root.querySelector<HTMLInputElement>('input[type=search]')!;
    filter.value = 'TC_04*';
    filter.dispatchEvent(new Event('input'));
    const shown = [...picker.root.querySelectorAll<HTMLElement>('.pick')]
      .filter((p) => !p.hidden)
      .map((p) => p.dataset.case);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.every((id) => id!.startsWith('TC_04'))).toBe(true);
    const groups = [...picker.root.querySelectorAll<HTMLElement>('.case-group')].filter((g) => !g.hidden);
    expect(groups.map((g) => g.querySelector('legend')!.textContent)).not.toContain('Security');
    const button = (name: string) =>
      [...picker.root.querySelectorAll('button')].find((b) => b.textContent === name)!;
    button('Select shown').click();
    const forty = OCPP16_SUITE.scenarios.map((s) => s.id).filter((id) => id.startsWith('TC_04'));
    expect(picker.selected()).toEqual(['TC_001_CSMS', ...forty]);
    button('Unselect shown').click();
    expect(picker.selected()).toEqual(['TC_001_CSMS']);

    // A case a page cannot run truthfully is listed, not offered.
    picker.show('ocpp2.0.1');
    const a02 = picker.root.querySelector<HTMLInputElement>('input[value=TC_A_02_CSMS]')!;
    expect(a02.disabled).toBe(true);
    expect(a02.closest('label')!.title).toMatch(
      /^Not in a browser: sends Basic auth with a username other than/,
    );
    expect(picker.selected()).toHaveLength(OCPP201_SUITE.scenarios.length - 1);
    expect(picker.selected()).not.toContain('TC_A_02_CSMS');

    picker.show('ocpp2.0.1', 'TC_B_*');
    expect(picker.selected().length).toBe(
      OCPP201_SUITE.scenarios.filter((s) => s.id.startsWith('TC_B_')).length,
    );
  });
});

describe('the form’s setup', () => {
  it('defaults to the local demo CSMS; the query string overrides', () => {
    expect(setupDefaults('')).toMatchObject({
      protocol: 'ocpp1.6',
      endpoint: 'ws://127.0.0.1:8787/ocpp',
      password: 'dev-station-password',
      apiBase: 'http://127.0.0.1:8787',
      demoCommands: true,
      answerTimeoutS: 30,
    });
    expect(
      setupDefaults('?url=ws://127.0.0.1:9/ocpp&protocol=ocpp2.0.1&api=&commands=0&timeout=5&cases=TC_B_*'),
    ).toMatchObject({
      endpoint: 'ws://127.0.0.1:9/ocpp',
      protocol: 'ocpp2.0.1',
      apiBase: '',
      demoCommands: false,
      answerTimeoutS: 5,
      cases: 'TC_B_*',
    });
  });

  it('refuses what cannot run, and says why', () => {
    const ok = setupDefaults('?token=t');
    expect(setupProblem(ok, ['TC_001_CSMS'])).toBeUndefined();
    expect(setupProblem({ ...ok, endpoint: 'http://x/ocpp' }, ['TC_001_CSMS'])).toBe(
      'The CSMS URL must start with ws:// or wss://',
    );
    expect(setupProblem({ ...ok, endpoint: 'nope' }, ['TC_001_CSMS'])).toMatch(/not a URL/);
    expect(setupProblem({ ...ok, identity: ' ' }, ['TC_001_CSMS'])).toBe('The station needs an identity');
    expect(setupProblem({ ...ok, apiToken: '' }, ['TC_001_CSMS'])).toMatch(/needs its token/);
    expect(setupProblem(ok, [])).toBe('Select at least one case');
  });

  it('makes a CSMS control only when an admin API is given', () => {
    const hooks = { onCase: () => {}, onStep: () => {}, signal: new AbortController().signal };
    const withApi = suiteOptions(setupDefaults('?token=t'), ['TC_001_CSMS'], hooks);
    expect(withApi.control?.name).toBe('the HTTP API at http://127.0.0.1:8787/api/stations');
    expect(withApi).toMatchObject({
      password: 'dev-station-password',
      answerTimeoutMs: 30_000,
      cases: ['TC_001_CSMS'],
    });
    expect(suiteOptions(setupDefaults('?api=&password='), [], hooks)).not.toHaveProperty('control');
    expect(suiteOptions(setupDefaults('?api=&password='), [], hooks)).not.toHaveProperty('password');
  });
});

describe('the form', () => {
  it('runs the checked cases with what was typed; refuses with a reason instead; locks while running', () => {
    const runs: Array<[string, string, string[]]> = [];
    let stops = 0;
    const form = runForm(setupDefaults('?cases=TC_001_CSMS&api='), {
      run: (setup, cases) => runs.push([setup.endpoint, setup.identity, cases]),
      stop: () => stops++,
    });
    document.body.replaceChildren(form.root);
    const input = (name: string) => form.root.querySelector<HTMLInputElement>(`[name=${name}]`)!;
    const button = (name: string) =>
      [...form.root.querySelectorAll('button')].find((b) => b.textContent === name)!;
    // happy-dom's submit button does not submit; Chromium's does (test-csms.test.ts).
    const submit = () => form.root.dispatchEvent(new Event('submit', { cancelable: true }));
    input('identity').value = 'CP-MINE';
    submit();
    expect(runs).toEqual([['ws://127.0.0.1:8787/ocpp', 'CP-MINE', ['TC_001_CSMS']]]);

    button('Unselect shown').click();
    submit();
    expect(runs).toHaveLength(1);
    expect(form.root.querySelector('[role=alert]')!.textContent).toBe('Select at least one case');

    form.setRunning(true);
    expect(button('Run').hidden).toBe(true);
    expect(input('url').disabled).toBe(true);
    button('Stop').click();
    expect(stops).toBe(1);
    form.setRunning(false);
    expect(button('Stop').hidden).toBe(true);
    expect(input('url').disabled).toBe(false);
  });
});

describe('the live view', () => {
  it('queued → running at its step → its result, row by row', () => {
    const view = runView();
    view.start([
      { id: 'TC_001_CSMS', name: 'Cold Boot Charge Point' },
      { id: 'TC_004_1_CSMS', name: FAILED.name },
    ]);
    const status = () => texts(view.root, 'li.case').map((t) => t?.split('TC_')[0]);
    expect(status()).toEqual(['QUEUED', 'QUEUED']);
    view.onCase({ phase: 'start', id: 'TC_001_CSMS', name: 'Cold Boot Charge Point', index: 0, total: 2 });
    view.onStep({ caseId: 'TC_001_CSMS', index: 1, description: 'the CSMS accepts the boot' });
    expect(view.root.querySelector('[data-case=TC_001_CSMS] .step')!.textContent).toBe(
      'step 2: the CSMS accepts the boot',
    );
    view.onCase({
      phase: 'end',
      index: 1,
      total: 2,
      result: {
        ...FAILED,
        protocol: 'ocpp1.6',
        status: 'failed',
        warnings: [],
        trace: [],
        captured: {},
        durationMs: 5,
      },
    });
    const failed = view.root.querySelector('[data-case=TC_004_1_CSMS]')!;
    expect(failed.getAttribute('data-status')).toBe('failed');
    expect(failed.querySelector('.step')!.textContent).toBe(
      'Failed at step 4: the CSMS accepts the idTag (Authorize)',
    );
    expect(view.root.querySelector('[role=status]')!.textContent).toBe('1 of 2 done · 1 failed');
  });
});

describe('the report', () => {
  it('shows the counts, each case, and for a failure its step, reason and the frames around it', () => {
    const view = reportView(REPORT, { page: PAGE });
    expect(view.querySelector('.summary')!.textContent).toBe('3 cases: 1 passed, 1 failed, 1 skipped');
    expect(texts(view, 'li.case .mark')).toEqual(['PASS', 'FAIL', 'SKIP']);
    const failed = view.querySelector('[data-case=TC_004_1_CSMS]')!;
    expect(failed.querySelector('.reason')!.textContent).toBe(FAILED.reason);
    expect(failed.querySelector('details.context')!.hasAttribute('open')).toBe(true);
    expect(failed.querySelector('pre')!.textContent).toBe(FAILED.context!.join('\n'));
    expect(view.querySelector('[data-case=TC_012_CSMS] .reason')!.textContent).toBe(CASES[2]!.reason);
    expect(reportFileName(REPORT)).toBe('csms-report-ocpp1.6-2026-12-03T10-00-00-000Z.json');
  });

  it('round-trips through the share link: ids, statuses, reasons and the failed step', async () => {
    const href = await shareLink(REPORT, PAGE);
    expect(href.startsWith(`${PAGE}#report=`)).toBe(true);
    const shared = await readSharedReport(new URL(href).hash);
    expect(shared.kind).toBe('report');
    const report = (shared as { report: SuiteReport }).report;
    expect(report.cases.map((c) => [c.id, c.status, c.reason, c.step])).toEqual(
      CASES.map((c) => [c.id, c.status, c.reason, c.step]),
    );
    const view = reportView(report, { page: PAGE, shared: true });
    expect(view.textContent).toContain('Opened from a link: read-only, nothing was run.');
    expect(texts(view, 'button')).toEqual([]);
  });

  it('reads a damaged fragment as a message, not a throw; no fragment is no report', async () => {
    const href = await shareLink(REPORT, PAGE);
    const cut = new URL(href).hash.slice(0, -12);
    expect((await readSharedReport(cut)).kind).toBe('unreadable');
    expect(await readSharedReport('#report=%%%')).toMatchObject({ kind: 'unreadable' });
    expect(await readSharedReport('#report=')).toMatchObject({ kind: 'unreadable' });
    expect(await readSharedReport('')).toEqual({ kind: 'none' });
    expect(await readSharedReport('#other=1')).toEqual({ kind: 'none' });
  });
});
