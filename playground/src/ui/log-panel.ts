import { formatTime, h } from '../dom.js';
import type { LogEntry, MessageLog } from '../log/message-log.js';

const ARROW = { out: '→ CSMS', in: '← CSMS' } as const;

/** The live message log: filter by action, errors only, export / import as JSON, clear. */
export function logPanel(log: MessageLog): HTMLElement {
  const filter = h('select', { 'aria-label': 'Filter by action' }, h('option', { value: '' }, 'All actions'));
  const errorsOnly = h('input', { type: 'checkbox' });
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const banner = h('p', { class: 'banner', hidden: true });
  const body = h('tbody');
  const fileInput = h('input', { type: 'file', accept: 'application/json,.json', hidden: true });

  const visible = (e: LogEntry) =>
    (!filter.value || e.action === filter.value) && (!errorsOnly.checked || !!e.problem);

  const row = (e: LogEntry) =>
    h(
      'tr',
      { class: e.problem ? 'problem' : '', dataset: { kind: e.kind, action: e.action } },
      h('td', {}, h('time', {}, formatTime(e.at))),
      h('td', { class: `dir ${e.direction}` }, ARROW[e.direction]),
      h('td', {}, e.kind),
      h('td', { class: 'action' }, e.action || '—'),
      h('td', { class: 'num' }, e.latencyMs === undefined ? '' : `${e.latencyMs} ms`),
      h(
        'td',
        { class: 'payload' },
        e.problem ? h('strong', { class: 'problem-text' }, e.problem) : null,
        h(
          'details',
          {},
          h('summary', {}, summary(e.payload)),
          h('pre', {}, JSON.stringify(e.payload, null, 2)),
        ),
      ),
    );

  const refreshFilter = () => {
    const current = filter.value;
    const actions = log.actions();
    if (filter.options.length - 1 !== actions.length) {
      filter.replaceChildren(
        h('option', { value: '' }, 'All actions'),
        ...actions.map((a) => h('option', { value: a }, a)),
      );
      filter.value = current;
    }
  };
  // "12 messages" over an empty table (Errors only, none yet) read as a bug: say what is shown.
  let shown = 0;
  const showCount = () => {
    const all = log.entries.length;
    count.textContent = shown === all ? `${all} messages` : `${shown} of ${all} messages shown (filtered)`;
  };
  const render = () => {
    const rows = log.entries.filter(visible);
    // Newest first; the full render is bounded (MAX_ENTRIES), appends below are incremental.
    body.replaceChildren(...rows.slice(-500).reverse().map(row));
    shown = rows.length;
    showCount();
    banner.hidden = !log.importedFrom;
    banner.textContent = log.importedFrom
      ? `Showing imported ${log.importedFrom}. Clear to return to the live session.`
      : '';
    refreshFilter();
  };

  log.addEventListener('entry', (event) => {
    const e = (event as CustomEvent<LogEntry>).detail;
    refreshFilter();
    if (visible(e)) shown++;
    showCount();
    if (!visible(e)) return;
    body.prepend(row(e));
    while (body.children.length > 500) body.lastElementChild?.remove();
  });
  log.addEventListener('reset', render);
  filter.addEventListener('change', render);
  errorsOnly.addEventListener('change', render);

  const exportLog = () => {
    const url = URL.createObjectURL(new Blob([log.export()], { type: 'application/json' }));
    const a = h('a', {
      href: url,
      download: `ocpp-log-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    try {
      log.import(await file.text(), file.name);
    } catch (error) {
      banner.hidden = false;
      banner.textContent = `Import failed: ${(error as Error).message}`;
    }
    fileInput.value = '';
  });

  render();
  return h(
    'section',
    { class: 'card log', 'aria-labelledby': 'log-title' },
    h(
      'div',
      { class: 'row spread' },
      h('h2', { id: 'log-title' }, 'Messages'),
      h(
        'div',
        { class: 'row' },
        filter,
        h('label', { class: 'check' }, errorsOnly, 'Errors only'),
        h('button', { type: 'button', onclick: exportLog }, 'Export'),
        h('button', { type: 'button', onclick: () => fileInput.click() }, 'Import'),
        h('button', { type: 'button', onclick: () => log.clear() }, 'Clear'),
        fileInput,
      ),
    ),
    count,
    banner,
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, 'aria-label': 'Message log' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Time', 'Direction', 'Type', 'Action', 'Latency', 'Payload'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        body,
      ),
    ),
  );
}

/** A one-line preview of a payload for the collapsed row. */
function summary(payload: unknown): string {
  const text = JSON.stringify(payload) ?? '';
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}
