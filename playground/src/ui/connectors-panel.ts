import { h, setText } from '../dom.js';
import { type ConnectorState, sessionWh } from '../station/model.js';
import type { Station } from '../station/station.js';

const kwh = (wh: number) => `${(wh / 1000).toFixed(2)} kWh`;

/** One card per connector; cards are built once and updated in place (focus stays put). */
export function connectorsPanel(station: () => Station): { root: HTMLElement; update(): void } {
  const grid = h('div', { class: 'connectors' });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'station-title' },
    h('h2', { id: 'station-title' }, 'Charging station'),
    grid,
  );
  let cards: Array<ReturnType<typeof card>> = [];

  const update = () => {
    const s = station();
    if (cards.length !== s.state.connectors.length) {
      cards = s.state.connectors.map((c) => card(c.id, station));
      grid.replaceChildren(...cards.map((c) => c.root));
    }
    for (const [i, c] of s.state.connectors.entries()) cards[i]!.update(c, s);
  };
  return { root, update };
}

function card(id: number, station: () => Station) {
  const status = h('span', { class: 'status', role: 'status' });
  const energy = h('strong', { class: 'big' });
  const power = h('span');
  const soc = h('span');
  const register = h('span');
  const tx = h('span');
  const bar = h('progress', { max: 100, value: 0, 'aria-label': `Connector ${id} car battery` });
  const idTag = h('input', {
    value: 'TAG-1',
    spellcheck: false,
    'aria-label': `idTag for connector ${id}`,
    size: 10,
  });
  const plug = h('button', { type: 'button' });
  const present = h('button', { type: 'button', class: 'primary' });
  const note = h('small', { class: 'muted', 'aria-live': 'polite' });

  plug.addEventListener('click', () => {
    const c = station().connector(id);
    void (c?.phase === 'idle' ? station().plug(id) : station().unplug(id));
  });
  present.addEventListener('click', async () => {
    const c = station().connector(id);
    if (c?.transaction) {
      await station().stop(id, 'Local');
      return;
    }
    const result = await station().present(id, idTag.value.trim() || 'TAG-1');
    setText(note, result === 'Accepted' ? '' : `idTag ${result}`);
  });

  const root = h(
    'article',
    { class: 'connector', 'aria-label': `Connector ${id}`, dataset: { connector: String(id) } },
    h('header', { class: 'row spread' }, h('h3', {}, `Connector ${id}`), status),
    h('div', { class: 'meter' }, energy, h('span', { class: 'muted' }, 'this session')),
    // The bar is the car's battery (state of charge), not the session: say so on the page.
    h('label', { class: 'battery' }, h('span', { class: 'muted' }, 'Car battery'), bar),
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Power'), h('dd', {}, power)),
      h('div', {}, h('dt', {}, 'Car battery'), h('dd', {}, soc)),
      h('div', {}, h('dt', {}, 'Meter register'), h('dd', {}, register)),
      h('div', {}, h('dt', {}, 'Transaction'), h('dd', {}, tx)),
    ),
    h('div', { class: 'row' }, plug, idTag, present),
    note,
  );

  return {
    root,
    update(c: ConnectorState, s: Station) {
      const label = s.statusOf(c);
      setText(status, label);
      status.dataset.status = label;
      setText(energy, kwh(sessionWh(c)));
      setText(power, `${(c.powerW / 1000).toFixed(1)} kW`);
      setText(soc, c.phase === 'idle' ? '—' : `${Math.floor(c.soc)} %`);
      bar.value = c.phase === 'idle' ? 0 : c.soc;
      setText(register, kwh(c.meterWh));
      setText(
        tx,
        c.transaction
          ? `${c.transaction.id ?? 'starting…'} (${c.transaction.idTag})`
          : c.authorizedIdTag
            ? `${c.authorizedIdTag} authorized, plug in`
            : 'none',
      );
      setText(plug, c.phase === 'idle' ? 'Plug in' : 'Unplug');
      setText(present, c.transaction ? 'Stop charging' : 'Present idTag');
      const online = s.connection === 'online';
      present.disabled = !online || (!c.transaction && !c.operative);
      idTag.disabled = !!c.transaction;
    },
  };
}
