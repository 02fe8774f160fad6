// A suite report as a page: what was tested and when, the counts, every case; the JSON download
// (everything, frames included) and the share link (the report in the URL fragment).
import type { SuiteReport } from '@ocpp-ws-io/scenarios';
import { h } from '../dom.js';
import { protocolLabel } from '../settings.js';
import { caseRow } from './case-row.js';
import { shareLink } from './share.js';

/** The JSON file a report downloads as, named after its protocol and start. */
export function reportFileName(report: SuiteReport): string {
  return `csms-report-${report.protocol}-${report.startedAt.replace(/[:.]/g, '-')}.json`;
}

/**
 * The report. `page` is this page's address (for the share link); `shared` marks a report opened
 * from a link, which has no frames, warnings or durations (encodeReport leaves them out).
 */
export function reportView(report: SuiteReport, options: { page: string; shared?: boolean }): HTMLElement {
  const { passed, failed, skipped, total } = report.summary;
  const linkSlot = h('div', { class: 'share' });
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }),
    );
    h('a', { href: url, download: reportFileName(report) }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  if (!options.shared)
    void shareLink(report, options.page).then((href) =>
      linkSlot.replaceChildren(
        h('a', { href, target: '_blank', rel: 'noopener', class: 'share-link' }, 'Share link'),
        h('input', { readOnly: true, value: href, 'aria-label': 'Share link', class: 'share-url' }),
        h(
          'button',
          { type: 'button', onclick: () => void navigator.clipboard?.writeText(href).catch(() => {}) },
          'Copy',
        ),
      ),
    );
  return h(
    'section',
    { class: 'card report', 'aria-labelledby': 'report-title', dataset: { failed: String(failed) } },
    h('h2', { id: 'report-title' }, options.shared ? 'Shared report' : 'Report'),
    h(
      'p',
      { class: 'summary', dataset: { tone: failed ? 'bad' : 'ok' } },
      `${total} cases: ${passed} passed, ${failed} failed, ${skipped} skipped`,
    ),
    h(
      'p',
      { class: 'muted' },
      `${protocolLabel(report.protocol)} · ${report.endpoint} · identity ${report.identity} · ` +
        `${report.control ? `control: ${report.control}` : 'no CSMS control'} · started ${report.startedAt} · ` +
        `${(report.durationMs / 1000).toFixed(1)} s`,
    ),
    options.shared
      ? h(
          'p',
          { class: 'muted' },
          'Opened from a link: read-only, nothing was run. Links carry ids, statuses, reasons and failed steps; the JSON download of the run has the frames too.',
        )
      : h(
          'div',
          { class: 'row' },
          h('button', { type: 'button', onclick: download }, 'Download JSON'),
          linkSlot,
        ),
    h('ol', { class: 'cases' }, ...report.cases.map(caseRow)),
  );
}
