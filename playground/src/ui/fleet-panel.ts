// The fleet at a glance: one row per station (identity, connection, boot, connectors, power),
// the selected one marked; choosing a row shows that station in the panels below.
import type { StationSnapshot } from '@ocpp-ws-io/station';
import { h, kw, setText } from '../dom.js';
import { pillOf } from '../sim/view.js';

/** What the table reads of a station (a SimStation is one). */
export interface FleetRow {
  readonly identity: string;
  readonly view: StationSnapshot;
  readonly networkUp: boolean;
}

/** What the table reads of the fleet (a Fleet is one). */
export interface FleetSource<TStation extends FleetRow = FleetRow> {
  readonly stations: readonly TStation[];
  readonly selected: TStation;
  select(index: number): void;
}

export function fleetPanel<TStation extends FleetRow>(
  fleet: FleetSource<TStation>,
): { root: HTMLElement; update(station?: TStation): void } {
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const body = h('tbody');
  const root = h(
    'section',
    { class: 'card fleet', 'aria-labelledby': 'fleet-title' },
    h('h2', { id: 'fleet-title' }, 'Stations'),
    summary,
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, 'aria-label': 'Stations of the fleet' },
      h(
        'table',
        { class: 'compact' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Station', 'Connection', 'Boot', 'Connectors', 'Power'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        body,
      ),
    ),
  );
  let rows = new Map<TStation, ReturnType<typeof row>>();

  const rebuild = () => {
    rows = new Map(fleet.stations.map((s, i) => [s, row(s, () => fleet.select(i))]));
    body.replaceChildren(...[...rows.values()].map((r) => r.root));
  };
  const update = (only?: TStation) => {
    if (rows.size !== fleet.stations.length || fleet.stations.some((s) => !rows.has(s))) rebuild();
    for (const [s, r] of rows) if (!only || only === s) r.update(s, s === fleet.selected);
    const views = fleet.stations.map((s) => s.view);
    const online = views.filter((v) => v.started && v.connection === 'open').length;
    const charging = views.flatMap((v) => v.connectors).filter((c) => c.powerW > 0).length;
    const totalW = views.flatMap((v) => v.connectors).reduce((sum, c) => sum + c.powerW, 0);
    setText(
      summary,
      `${fleet.stations.length} stations · ${online} online · ${charging} charging · ${kw(totalW)} in total`,
    );
    root.hidden = fleet.stations.length < 2;
  };
  return { root, update };
}

function row(station: FleetRow, select: () => void) {
  const pick = h('button', { type: 'button', class: 'link', onclick: select }, station.identity);
  const connection = h('td');
  const boot = h('td');
  const connectors = h('td');
  const power = h('td', { class: 'num' });
  const root = h(
    'tr',
    { dataset: { identity: station.identity } },
    h('th', { scope: 'row' }, pick),
    connection,
    boot,
    connectors,
    power,
  );
  return {
    root,
    update(s: FleetRow, selected: boolean) {
      const view = s.view;
      const pill = pillOf(view, s.networkUp);
      setText(connection, pill.text.replace(/ · Boot \w+$/, ''));
      connection.dataset.tone = pill.tone;
      setText(boot, view.started && view.boot.status !== 'Unknown' ? view.boot.status : '—');
      boot.dataset.boot = view.boot.status;
      setText(connectors, connectorsText(view));
      setText(power, kw(view.connectors.reduce((sum, c) => sum + c.powerW, 0)));
      root.classList.toggle('selected', selected);
      pick.setAttribute('aria-pressed', String(selected));
    },
  };
}

/** "1 Charging · 2 Available" */
function connectorsText(view: StationSnapshot): string {
  return view.connectors.map((c) => `${c.id} ${c.status}`).join(' · ');
}
