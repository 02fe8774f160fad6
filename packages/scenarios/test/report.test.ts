// Reports: the compact URL-fragment encoding round-trips, JUnit XML says what failed, the text
// table, and case selection by pattern.
import { describe, expect, it } from 'vitest';
import {
  decodeReport,
  encodeReport,
  formatReportTable,
  type SuiteReport,
  selects,
  toJUnit,
} from '../src/index.js';

const report: SuiteReport = {
  version: 1,
  protocol: 'ocpp1.6',
  endpoint: 'ws://127.0.0.1:8787/ocpp',
  identity: 'CP-1',
  control: 'the HTTP API at http://127.0.0.1:8787/api/stations',
  startedAt: '2025-03-01T10:00:00.000Z',
  durationMs: 12_345,
  summary: { passed: 1, failed: 1, skipped: 1, total: 3 },
  cases: [
    { id: 'TC_001_CSMS', name: 'Cold Boot Charge Point', status: 'passed', durationMs: 100 },
    {
      id: 'TC_023_1_CSMS',
      name: 'Start Charging Session – Authorize invalid',
      status: 'failed',
      reason: 'the CSMS answered Authorize, but idTagInfo.status is "Accepted", expected "Invalid"',
      step: { index: 7, description: 'the CSMS answers Authorize' },
      context: [
        'station → CSMS  Authorize {"idTag":"INVALID-1"}',
        'CSMS → station  Authorize answer {…} <&>',
      ],
      warnings: ['w'],
      durationMs: 200,
    },
    {
      id: 'TC_074_CSMS',
      name: 'Update Charge Point Certificate',
      status: 'skipped',
      reason: 'not automated: TLS',
    },
  ],
};

describe('encodeReport / decodeReport', () => {
  it('round-trip ids, names, statuses, reasons and failed steps in a URL-safe string', async () => {
    const text = await encodeReport(report);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = await decodeReport(text);
    expect(back).toEqual({
      ...report,
      cases: report.cases.map(({ context: _c, warnings: _w, durationMs: _d, ...rest }) => rest),
    });
  });

  it('is much shorter than the JSON for a whole suite', async () => {
    const big: SuiteReport = {
      ...report,
      cases: Array.from({ length: 76 }, (_, i) => ({
        id: `TC_${String(i).padStart(3, '0')}_CSMS`,
        name: 'Remote Start Charging Session – Cable Plugged in First',
        status: 'passed' as const,
      })),
    };
    expect((await encodeReport(big)).length).toBeLessThan(JSON.stringify(big).length / 4);
  });

  it('refuses what it did not write', async () => {
    await expect(decodeReport('not-a-report')).rejects.toThrow();
  });
});

describe('toJUnit', () => {
  const xml = toJUnit(report);
  it('has one testcase per case with failure and skipped elements, escaped', () => {
    expect(xml).toContain(
      '<testsuites name="OCPP CSMS suite" tests="3" failures="1" skipped="1" time="12.345">',
    );
    expect(xml).toContain(
      '<testcase classname="ocpp1.6" name="TC_001_CSMS Cold Boot Charge Point" time="0.100"/>',
    );
    expect(xml).toContain(
      '<failure message="the CSMS answered Authorize, but idTagInfo.status is &quot;Accepted&quot;, expected &quot;Invalid&quot;">step 8: the CSMS answers Authorize',
    );
    expect(xml).toContain('answer {…} &lt;&amp;&gt;</failure>');
    expect(xml).toContain('<skipped message="not automated: TLS"/>');
  });
});

describe('formatReportTable', () => {
  it('shows each case, the reason of failures and skips, and the counts', () => {
    const text = formatReportTable(report);
    expect(text).toContain('PASS  TC_001_CSMS    Cold Boot Charge Point\n');
    expect(text).toContain(
      'FAIL  TC_023_1_CSMS  Start Charging Session – Authorize invalid\n      step 8: the CSMS answered',
    );
    expect(text).toContain('SKIP  TC_074_CSMS    Update Charge Point Certificate\n      not automated: TLS');
    expect(text.trimEnd().split('\n').at(-1)).toBe('3 cases: 1 passed, 1 failed, 1 skipped (12.3 s)');
  });
});

describe('selects', () => {
  it('matches ids against * and ? patterns, comma-separated, all when none', () => {
    expect(selects('TC_012_CSMS', 'TC_01*')).toBe(true);
    expect(selects('TC_012_CSMS', 'TC_02*, TC_012_CSMS')).toBe(true);
    expect(selects('TC_012_CSMS', ['TC_01?_CSMS'])).toBe(true);
    expect(selects('TC_012_CSMS', 'TC_0*1')).toBe(false);
    expect(selects('TC_E_02_CSMS', 'TC_E_0.*')).toBe(false);
    expect(selects('anything', undefined)).toBe(true);
    expect(selects('anything', '')).toBe(true);
  });
});
