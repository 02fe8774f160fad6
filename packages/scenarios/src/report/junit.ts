// A suite report as JUnit XML, the format CI systems show test results in.

import type { SuiteReport } from './report.js';

const xml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * The report as JUnit XML: one `testsuite` (the protocol), one `testcase` per case (id and name),
 * a `failure` with the reason, the step and the frames around it, or `skipped` with the reason.
 *
 * @example
 * ```ts
 * await writeFile('csms-suite.xml', toJUnit(report));
 * ```
 */
export function toJUnit(report: SuiteReport): string {
  const { summary } = report;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="OCPP CSMS suite" tests="${summary.total}" failures="${summary.failed}" skipped="${summary.skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(report.protocol)} ${xml(report.endpoint)}" tests="${summary.total}" failures="${summary.failed}" skipped="${summary.skipped}" timestamp="${xml(report.startedAt)}" time="${(report.durationMs / 1000).toFixed(3)}">`,
  ];
  for (const c of report.cases) {
    const head = `    <testcase classname="${xml(report.protocol)}" name="${xml(`${c.id} ${c.name}`)}" time="${((c.durationMs ?? 0) / 1000).toFixed(3)}"`;
    if (c.status === 'passed') lines.push(`${head}/>`);
    else if (c.status === 'skipped')
      lines.push(`${head}>`, `      <skipped message="${xml(c.reason ?? '')}"/>`, '    </testcase>');
    else {
      const detail = [
        c.step ? `step ${c.step.index + 1}: ${c.step.description}` : '',
        ...(c.context ?? []),
      ].filter(Boolean);
      lines.push(
        `${head}>`,
        `      <failure message="${xml(c.reason ?? 'failed')}">${xml(detail.join('\n'))}</failure>`,
        '    </testcase>',
      );
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
