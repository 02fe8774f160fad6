// A suite report as plain text for a terminal: one row per case, then the counts.

import type { SuiteReport } from './report.js';

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/**
 * The report as a text table (no colours): status, id, name, and the reason for failures and
 * skips; `width` caps each line.
 *
 * @example
 * ```ts
 * process.stdout.write(formatReportTable(report));
 * ```
 */
export function formatReportTable(report: SuiteReport, width = 120): string {
  const idWidth = Math.max(2, ...report.cases.map((c) => c.id.length));
  const clip = (text: string) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const rows = report.cases.map((c) => {
    const head = `${MARK[c.status]}  ${c.id.padEnd(idWidth)}  ${c.name}`;
    const why =
      c.status === 'passed' ? '' : `\n      ${c.step ? `step ${c.step.index + 1}: ` : ''}${c.reason ?? ''}`;
    return clip(head) + (why ? clip(why) : '');
  });
  const { passed, failed, skipped, total } = report.summary;
  rows.push(
    '',
    `${total} cases: ${passed} passed, ${failed} failed, ${skipped} skipped (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return `${rows.join('\n')}\n`;
}
