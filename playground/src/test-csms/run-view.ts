// A run as it happens: every selected case queued, then running (with the step it is at), then
// its result, row by row.
import type { CaseProgress, StepProgress } from '@ocpp-ws-io/scenarios';
import { h, setText } from '../dom.js';
import { caseRow } from './case-row.js';
import type { ListedCase } from './suites.js';

/** The live view's handle. */
export interface RunView {
  readonly root: HTMLElement;
  /** Lists `cases` as queued. */
  start(cases: readonly ListedCase[]): void;
  onCase(progress: CaseProgress): void;
  onStep(progress: StepProgress): void;
}

/** The live view, empty until {@link RunView.start}. */
export function runView(): RunView {
  const status = h('p', { role: 'status', class: 'muted' });
  const list = h('ol', { class: 'cases' });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'live-title' },
    h('h2', { id: 'live-title' }, 'Running'),
    status,
    list,
  );
  const names = new Map<string, string>();
  const rows = new Map<string, HTMLLIElement>();
  const replace = (id: string, row: HTMLLIElement) => {
    rows.get(id)?.replaceWith(row);
    rows.set(id, row);
  };
  let done = 0;
  let failed = 0;
  return {
    root,
    start(cases) {
      names.clear();
      rows.clear();
      done = 0;
      failed = 0;
      for (const c of cases) {
        names.set(c.id, c.name);
        rows.set(c.id, caseRow({ id: c.id, name: c.name, status: 'queued' }));
      }
      list.replaceChildren(...rows.values());
      setText(status, `${cases.length} cases queued`);
    },
    onCase(p) {
      if (p.phase === 'start') {
        replace(p.id, caseRow({ id: p.id, name: p.name, status: 'running' }));
        setText(
          status,
          `Case ${p.index + 1} of ${p.total}: ${p.id}${failed ? ` · ${failed} failed so far` : ''}`,
        );
        return;
      }
      done++;
      if (p.result.status === 'failed') failed++;
      const { id, name, status: s, reason, step, context, warnings, durationMs } = p.result;
      replace(
        id,
        caseRow({
          id,
          name,
          status: s,
          durationMs,
          ...(reason !== undefined ? { reason } : {}),
          ...(step ? { step } : {}),
          ...(context?.length ? { context } : {}),
          ...(warnings.length ? { warnings } : {}),
        }),
      );
      setText(status, `${done} of ${p.total} done${failed ? ` · ${failed} failed` : ''}`);
    },
    onStep(p) {
      replace(
        p.caseId,
        caseRow({
          id: p.caseId,
          name: names.get(p.caseId) ?? p.caseId,
          status: 'running',
          step: { index: p.index, description: p.description },
        }),
      );
    },
  };
}
