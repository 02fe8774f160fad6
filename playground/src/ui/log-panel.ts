import { parseTrace, type TraceLine } from '@ocpp-ws-io/scenarios';
import { formatTime, h } from '../dom.js';
import type { LogEntry, MessageLog } from '../log/message-log.js';
import type { StationTrace } from '../log/station-trace.js';

const ARROW = { out: '→ CSMS', in: '← CSMS' } as const;
/** Rows in the table (the log keeps more, and the trace Export downloads has every frame). */
const MAX_ROWS = 500;
/** New rows wait this long (ms) to be added together. */
const ROW_BATCH_MS = 250;

/** What the log panel needs besides the log. */
export interface LogPanelOptions {
  /** Ends the panel's subscription to the log (the page shows another station's log instead). */
  readonly signal?: AbortSignal;
  /** Offers "Replay" for an imported trace: plays its station side against the page's CSMS. */
  readonly replay?: (lines: readonly TraceLine[], out: HTMLElement) => Promise<void>;
}

/**
 * The live message log: filter by action, errors only, clear; export the station's trace (JSON
 * Lines) and import one, shown read-only in place of the live log.
 */
export function logPanel(log: MessageLog, trace: StationTrace, options: LogPanelOptions = {}): HTMLElement {
  const { signal, replay } = options;
  const listen = signal ? { signal } : {};
  const filter = h('select', { 'aria-label': 'Filter by action' }, h('option', { value: '' }, 'All actions'));
  const errorsOnly = h('input', { type: 'checkbox' });
  const count = h('span', { class: 'muted', 'aria-live': 'polite' });
  const banner = h('p', { class: 'banner', role: 'status', hidden: true });
  const replayOut = h('div', { class: 'replay', hidden: true });
  const body = h('tbody');
  const fileInput = h('input', {
    type: 'file',
    accept: '.jsonl,.ndjson,application/jsonl,application/x-ndjson,text/plain',
    'aria-label': 'Trace file to import',
    hidden: true,
  });
  /** The imported trace's lines, for Replay. */
  let imported: readonly TraceLine[] = [];

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
        payloadDetails(e.payload),
      ),
    );

  // The filter's choices change only when an action shows up for the first time: checked per
  // entry against a set (a fast station logs dozens of messages a second).
  let known = new Set<string>();
  const refreshFilter = (entry?: LogEntry) => {
    if (entry && (!entry.action || entry.action === '?' || known.has(entry.action))) return;
    const current = filter.value;
    const actions = log.actions();
    known = new Set(actions);
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
  // New rows are added in batches: a fast station logs dozens of messages a second, and a table
  // changed on every frame is laid out again on every frame (the page fell seconds behind at 3600×).
  let pending: LogEntry[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const flushRows = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = pending.slice(-MAX_ROWS);
    pending = [];
    if (!batch.length) return;
    body.prepend(...batch.reverse().map(row));
    while (body.children.length > MAX_ROWS) body.lastElementChild?.remove();
  };
  const render = () => {
    pending = [];
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const rows = log.entries.filter(visible);
    // Newest first; the full render is bounded (MAX_ENTRIES), appends below are incremental.
    body.replaceChildren(...rows.slice(-MAX_ROWS).reverse().map(row));
    shown = rows.length;
    showCount();
    banner.hidden = !log.importedFrom;
    banner.replaceChildren(
      log.importedFrom
        ? `Showing the imported trace ${log.importedFrom} (${describeTrace(imported)}), read-only. Clear to return to the live session.`
        : '',
      log.importedFrom && replay && imported.length
        ? h('button', { type: 'button', onclick: () => void runReplay() }, 'Replay against the CSMS')
        : '',
    );
    if (!log.importedFrom) forgetReplay();
    refreshFilter();
  };

  log.addEventListener(
    'entry',
    (event) => {
      const e = (event as CustomEvent<LogEntry>).detail;
      refreshFilter(e);
      if (visible(e)) shown++;
      showCount();
      if (!visible(e)) return;
      pending.push(e);
      flushTimer ??= setTimeout(flushRows, ROW_BATCH_MS);
    },
    listen,
  );
  log.addEventListener('reset', render, listen);
  filter.addEventListener('change', render);
  errorsOnly.addEventListener('change', render);

  const exportTrace = () => {
    const url = URL.createObjectURL(new Blob([trace.toJsonl()], { type: 'application/jsonl' }));
    h('a', { href: url, download: trace.fileName() }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const forgetReplay = () => {
    replayOut.hidden = true;
    replayOut.replaceChildren();
    delete replayOut.dataset.outcome;
  };
  const showProblem = (text: string) => {
    banner.hidden = false;
    banner.replaceChildren(text);
  };
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    let lines: TraceLine[];
    try {
      // TraceFormatError names the line ("Trace line 3: not JSON …").
      lines = parseTrace(await file.text());
    } catch (error) {
      showProblem(`Import failed: ${(error as Error).message}`);
      return;
    }
    if (!lines.length) return showProblem(`Import failed: ${file.name} has no trace lines`);
    imported = lines;
    forgetReplay(); // it was another trace's
    log.showTrace(imported, file.name);
  });
  let replaying = false;
  const runReplay = async () => {
    if (!replay || replaying) return; // one replay at a time: a second would share its output
    replaying = true;
    replayOut.hidden = false;
    try {
      await replay(imported, replayOut);
    } finally {
      replaying = false;
    }
  };
  const clear = () => {
    imported = [];
    // Clear forgets what is shown; for the live session that is the trace too (Export = the log).
    if (!log.importedFrom) trace.clear();
    log.clear();
  };

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
        h(
          'button',
          {
            type: 'button',
            onclick: exportTrace,
            title: 'Every frame of this station as a JSON Lines trace',
          },
          'Export trace',
        ),
        h(
          'button',
          { type: 'button', onclick: () => fileInput.click(), title: 'Show a JSON Lines trace here' },
          'Import trace',
        ),
        h('button', { type: 'button', onclick: clear }, 'Clear'),
        fileInput,
      ),
    ),
    count,
    banner,
    replayOut,
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

/** The payload collapsed to a one-line preview; pretty-printed only when opened. */
function payloadDetails(payload: unknown): HTMLDetailsElement {
  const pre = h('pre');
  const details = h('details', {}, h('summary', {}, summary(payload)), pre);
  details.addEventListener('toggle', () => {
    if (details.open && !pre.textContent) pre.textContent = JSON.stringify(payload, null, 2);
  });
  return details;
}

/** A one-line preview of a payload for the collapsed row. */
function summary(payload: unknown): string {
  const text = JSON.stringify(payload) ?? '';
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
}

/** "12 frames of CP-1, ocpp1.6": what an imported trace holds. */
function describeTrace(lines: readonly TraceLine[]): string {
  const identities = [...new Set(lines.map((l) => l.identity))];
  const protocols = [...new Set(lines.map((l) => l.protocol))];
  const who = identities.length > 3 ? `${identities.length} stations` : identities.join(', ');
  return `${lines.length} frame${lines.length === 1 ? '' : 's'} of ${who}, ${protocols.join(', ')}`;
}
