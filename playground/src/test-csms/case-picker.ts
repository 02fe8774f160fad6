// The checklist of cases: grouped by block, a filter box (`TC_0*`), select all shown / none. What
// is checked runs, shown or not; the count says how many that is.
import { selects } from '@ocpp-ws-io/scenarios';
import { h, setText } from '../dom.js';
import { caseGroups, matchesFilter, SUITES, type SuiteProtocol } from './suites.js';

/** The checklist's handle. */
export interface CasePicker {
  readonly root: HTMLElement;
  /** Lists `protocol`'s cases, checking the automated ones `preselect` matches (all by default). */
  show(protocol: SuiteProtocol, preselect?: string): void;
  /** The checked ids, in the checklist's order (runSuite runs them in the document's). */
  selected(): string[];
}

/** The checklist, empty until {@link CasePicker.show} names a protocol. */
export function casePicker(): CasePicker {
  const filter = h('input', {
    type: 'search',
    placeholder: 'TC_0*, TC_E_*',
    'aria-label': 'Filter cases',
    spellcheck: false,
  });
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const list = h('div', { class: 'case-groups' });
  const note = h('p', { class: 'muted' });
  const boxes = () => [...list.querySelectorAll<HTMLInputElement>('input[type=checkbox]:not(:disabled)')];
  const shown = (box: HTMLInputElement) => !box.closest<HTMLElement>('.pick')!.hidden;

  const refresh = () => {
    for (const group of list.querySelectorAll<HTMLElement>('fieldset')) {
      let any = false;
      for (const item of group.querySelectorAll<HTMLElement>('.pick')) {
        item.hidden = !matchesFilter(item.dataset.case!, filter.value);
        any ||= !item.hidden;
      }
      group.hidden = !any;
    }
    const all = boxes();
    setText(count, `${all.filter((b) => b.checked).length} of ${all.length} runnable cases selected`);
  };
  const setShown = (checked: boolean) => {
    for (const box of boxes()) if (shown(box)) box.checked = checked;
    refresh();
  };
  filter.addEventListener('input', refresh);
  list.addEventListener('change', refresh);

  const root = h(
    'fieldset',
    { class: 'picker' },
    h('legend', {}, 'Cases'),
    h(
      'div',
      { class: 'row' },
      filter,
      h('button', { type: 'button', onclick: () => setShown(true) }, 'Select shown'),
      h('button', { type: 'button', onclick: () => setShown(false) }, 'Unselect shown'),
    ),
    h('small', { class: 'muted' }, 'Ids, with * and ?; several with commas. "TC_01" finds every TC_01…'),
    count,
    list,
    note,
  );
  return {
    root,
    show(protocol, preselect) {
      const { groups, undocumented } = caseGroups(SUITES[protocol]);
      list.replaceChildren(
        ...groups.map((g) =>
          h(
            'fieldset',
            { class: 'case-group' },
            h('legend', {}, g.block),
            ...g.cases.map((c) =>
              h(
                'label',
                {
                  class: 'check pick',
                  dataset: { case: c.id },
                  title: c.blocked ? `${capitalized(c.blocked.label)}: ${c.blocked.reason}` : undefined,
                },
                h('input', {
                  type: 'checkbox',
                  value: c.id,
                  disabled: !!c.blocked,
                  checked: !c.blocked && selects(c.id, preselect),
                }),
                h('code', {}, c.id),
                h(
                  'span',
                  { class: c.blocked ? 'muted' : '' },
                  c.blocked ? `${c.name} (${c.blocked.label})` : c.name,
                ),
              ),
            ),
          ),
        ),
      );
      setText(
        note,
        `${undocumented} more cases of the test case document are known only by their id (their steps are not public); they are not listed.`,
      );
      refresh();
    },
    selected: () =>
      boxes()
        .filter((b) => b.checked)
        .map((b) => b.value),
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
