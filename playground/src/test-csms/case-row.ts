// One case as the page shows it, live or in a report: its status, id and name; for a failure the
// reason, the step that failed and the frames around it; for a skip the reason.
import type { CaseReport } from '@ocpp-ws-io/scenarios';
import { h } from '../dom.js';

/** A case before its result: waiting its turn, or running (with the step it is at). */
export interface PendingCase {
  readonly id: string;
  readonly name: string;
  readonly status: 'queued' | 'running';
  readonly step?: { readonly index: number; readonly description: string };
}

const MARK = {
  queued: 'QUEUED',
  running: 'RUNNING',
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
} as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The row of `c`; `data-case` and `data-status` say which and how it went. */
export function caseRow(c: CaseReport | PendingCase): HTMLLIElement {
  const step = c.step ? `step ${c.step.index + 1}: ${c.step.description}` : '';
  const done = c.status === 'passed' || c.status === 'failed' || c.status === 'skipped';
  const report = done ? (c as CaseReport) : undefined;
  return h(
    'li',
    { class: 'case', dataset: { case: c.id, status: c.status } },
    h(
      'div',
      { class: 'case-head' },
      h('span', { class: 'mark' }, MARK[c.status]),
      h('code', {}, c.id),
      h('span', { class: 'case-name' }, c.name),
      report?.durationMs !== undefined ? h('span', { class: 'muted' }, seconds(report.durationMs)) : null,
    ),
    // Running: the step it is at. Failed: the step that failed.
    c.status === 'running' && step ? h('p', { class: 'step muted' }, step) : null,
    report?.status === 'failed' && step ? h('p', { class: 'step' }, `Failed at ${step}`) : null,
    report?.reason ? h('p', { class: 'reason' }, report.reason) : null,
    report?.context?.length
      ? h(
          'details',
          { class: 'context', open: report.status === 'failed' },
          h('summary', {}, 'Frames around the failure'),
          h('pre', {}, report.context.join('\n')),
        )
      : null,
    report?.warnings?.length
      ? h('ul', { class: 'warnings' }, ...report.warnings.map((w) => h('li', {}, w)))
      : null,
  );
}
