// The selected station's configuration, as its snapshot lists it: 1.6 keys, or 2.x device-model
// variables (stored as "Component[instance]@evse.Variable:attribute", grouped here by component).
// What may be changed, and what needs a reboot, comes from the running profile (configKeys());
// a change goes through VirtualStation.configure, under the same rules as the CSMS's own.
import type { ConfigChangeStatus, ConfigKeyInfo, StationSnapshot } from '@ocpp-ws-io/station';
import { h, setText } from '../dom.js';

/** What the panel reads of a station (a SimStation is one). */
export interface ConfigSource {
  readonly identity: string;
  readonly view: StationSnapshot;
  /** The running station, absent while off. */
  readonly station:
    | {
        configKeys(): readonly ConfigKeyInfo[];
        configure(key: string, value: string): ConfigChangeStatus;
      }
    | undefined;
}

/** A configuration entry split for display: 2.x keys carry their component before the first dot. */
export function splitKey(key: string): { group: string; name: string } {
  const m = /^([^.[\]]+(?:\[[^\]]*\])?(?:@[\d/]+)?)\.(.+)$/.exec(key);
  return m ? { group: m[1]!, name: m[2]! } : { group: '', name: key };
}

export function configPanel(): { root: HTMLElement; show(station: ConfigSource): void } {
  const filter = h('input', {
    type: 'search',
    placeholder: 'Filter',
    'aria-label': 'Filter configuration keys',
  });
  const note = h('p', { class: 'muted' });
  const table = h('table', { class: 'compact config' });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'config-title' },
    h('div', { class: 'row spread' }, h('h2', { id: 'config-title' }, 'Configuration'), filter),
    note,
    h('div', { class: 'table-scroll tall' }, table),
  );
  let rows = new Map<string, ReturnType<typeof row>>();
  let shape = '';
  let current: ConfigSource | undefined;

  const applyFilter = () => {
    const q = filter.value.trim().toLowerCase();
    for (const [key, r] of rows) r.root.hidden = !!q && !key.toLowerCase().includes(q);
  };
  filter.addEventListener('input', applyFilter);

  return {
    root,
    show(station) {
      const running = station.station;
      const config = station.view.config;
      const info = new Map((running?.configKeys() ?? []).map((k) => [k.key, k]));
      const keys = Object.keys(config);
      setText(
        note,
        !running
          ? 'Connect the station to see its configuration.'
          : info.size === 0
            ? `The ${station.view.protocol ?? ''} profile takes no local changes: these values change when the CSMS sets them.`
            : 'Read-only keys cannot be changed; a change marked “reboot” takes effect after the next reboot. The CSMS sees the new values when it asks.',
      );
      const nextShape = `${station.identity}|${keys.join(',')}|${info.size}`;
      if (nextShape !== shape || current !== station) {
        shape = nextShape;
        current = station;
        rows = new Map();
        const groups = new Map<string, string[]>();
        for (const key of keys) {
          const { group } = splitKey(key);
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const bodies = [...groups].map(([group, groupKeys]) =>
          h(
            'tbody',
            {},
            group ? h('tr', { class: 'group' }, h('th', { colspan: 3, scope: 'rowgroup' }, group)) : null,
            ...groupKeys.map((key) => {
              const r = row(
                key,
                info.get(key),
                (value) => station.station?.configure(key, value) ?? 'NotSupported',
              );
              rows.set(key, r);
              return r.root;
            }),
          ),
        );
        table.replaceChildren(
          h('thead', {}, h('tr', {}, ...['Key', 'Value', ''].map((t) => h('th', { scope: 'col' }, t)))),
          ...bodies,
        );
        applyFilter();
      }
      for (const [key, r] of rows) r.update(config[key] ?? '');
    },
  };
}

function row(key: string, info: ConfigKeyInfo | undefined, configure: (value: string) => string) {
  const { name } = splitKey(key);
  const editable = info !== undefined && !info.readOnly;
  const value = h('input', {
    value: '',
    name: key,
    'aria-label': key,
    spellcheck: false,
    readOnly: !editable,
  });
  const outcome = h('span', { class: 'outcome', 'aria-live': 'polite' });
  let dirty = false;
  value.addEventListener('input', () => {
    dirty = true;
  });
  const set = () => {
    const status = configure(value.value);
    dirty = false;
    setText(outcome, status);
    outcome.dataset.status = status;
  };
  value.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && editable) set();
  });
  const tags = [
    info?.readOnly ? h('span', { class: 'tag' }, 'read-only') : null,
    info?.rebootRequired ? h('span', { class: 'tag warn' }, 'reboot') : null,
  ];
  const root = h(
    'tr',
    { dataset: { key } },
    h('th', { scope: 'row' }, name, ...tags),
    h('td', {}, value),
    h(
      'td',
      { class: 'set' },
      editable ? h('button', { type: 'button', onclick: set, 'aria-label': `Set ${key}` }, 'Set') : null,
      outcome,
    ),
  );
  return {
    root,
    update(v: string) {
      // A value being typed is not overwritten by the next snapshot.
      if (!dirty && document.activeElement !== value && value.value !== v) value.value = v;
    },
  };
}
