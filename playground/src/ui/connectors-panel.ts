// The selected station's physical side: one card per connector (cable, card reader, stop button,
// faults) and the station's own switches (network cable, power). Cards are built once and
// updated in place, so keyboard focus stays where it is.
import type { ConnectorSnapshot } from '@ocpp-ws-io/station';
import { h, kw, kwh, setText } from '../dom.js';
import type { SimStation } from '../sim/sim-station.js';
import { OFF } from '../sim/view.js';

/** ChargePointErrorCode values (1.6 §7.6) a person can inject. */
const FAULTS = [
  'GroundFailure',
  'OverCurrentFailure',
  'HighTemperature',
  'ConnectorLockFailure',
  'OtherError',
];

export function connectorsPanel(
  station: () => SimStation,
  actions: { powerOn(station: SimStation): void },
): { root: HTMLElement; update(): void } {
  const title = h('h2', { id: 'station-title' }, 'Charging station');
  const network = h('button', { type: 'button' });
  // On: cuts this station's power. Off: switches this one station on (a fleet's others stay as
  // they are; Connect switches every station on).
  const power = h('button', { type: 'button' });
  const banner = h('p', { class: 'banner', role: 'alert', hidden: true });
  const grid = h('div', { class: 'connectors' });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'station-title' },
    h('div', { class: 'row spread' }, title, h('div', { class: 'row' }, network, power)),
    banner,
    grid,
  );
  network.addEventListener('click', () => station().setNetwork(!station().networkUp));
  power.addEventListener('click', () => {
    const s = station();
    if (s.running) void s.disconnect({ powerCut: true });
    else actions.powerOn(s);
  });

  let cards: Array<ReturnType<typeof card>> = [];
  let cardsOf: SimStation | undefined;
  const update = () => {
    const s = station();
    const view = s.view;
    setText(title, `Charging station ${s.identity}`);
    if (cardsOf !== s || cards.length !== view.connectors.length) {
      cardsOf = s;
      cards = view.connectors.map((c) => card(c.id, station));
      grid.replaceChildren(...cards.map((c) => c.root));
    }
    for (const [i, c] of view.connectors.entries()) cards[i]!.update(c, s);
    setText(network, s.networkUp ? 'Pull the network cable' : 'Plug the network cable back in');
    network.disabled = !s.running;
    setText(power, s.running ? 'Power cut' : 'Power on');
    power.title = s.running
      ? 'The power goes: nothing more is sent; when it comes back, transactions end with PowerLoss'
      : 'Switch this station on with the settings (Connect switches on every station)';
    const message = s.problem ?? (s.running ? '' : offMessage(view.connectors));
    banner.hidden = !message;
    setText(banner, message);
  };
  return { root, update };
}

function offMessage(connectors: readonly ConnectorSnapshot[]): string {
  const cut = connectors.filter((c) => c.transaction).length;
  if (cut)
    return `The station is off. ${cut === 1 ? 'A transaction of its last run never ended' : `${cut} transactions of its last run never ended`} (the page went away, or the power was cut): ${cut === 1 ? 'it ends' : 'they end'} with reason PowerLoss when the station is switched on.`;
  return 'The station is off: press Connect.';
}

function card(id: number, station: () => SimStation) {
  const status = h('span', { class: 'status', role: 'status' });
  const energy = h('strong', { class: 'big' });
  const power = h('span');
  const limit = h('span');
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
  const faultCode = h(
    'select',
    { 'aria-label': `Fault for connector ${id}` },
    ...FAULTS.map((f) => h('option', { value: f }, f)),
  );
  const fault = h('button', { type: 'button' });
  const note = h('small', { class: 'note', 'aria-live': 'polite' });

  const current = () => station().view.connectors.find((c) => c.id === id);
  plug.addEventListener('click', () => {
    if (current()?.plugged) station().unplug(id);
    else station().plugIn(id);
  });
  present.addEventListener('click', async () => {
    if (current()?.transaction) {
      await station().stopCharging(id);
      setText(note, '');
      return;
    }
    const tag = idTag.value.trim() || 'TAG-1';
    const outcome = await station().present(tag, id);
    // Why nothing happens is the one thing a driver at a refusing station needs to read.
    setText(note, outcome.result === 'rejected' ? `Not started: ${outcome.reason}` : '');
    note.dataset.outcome = outcome.result;
  });
  fault.addEventListener('click', () => {
    station().fault(id, current()?.fault ? undefined : { errorCode: faultCode.value });
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
      h('div', {}, h('dt', {}, 'Limit'), h('dd', {}, limit)),
      h('div', {}, h('dt', {}, 'Car battery'), h('dd', {}, soc)),
      h('div', {}, h('dt', {}, 'Meter register'), h('dd', {}, register)),
      h('div', { class: 'wide' }, h('dt', {}, 'Transaction'), h('dd', {}, tx)),
    ),
    h('div', { class: 'row' }, plug, idTag, present),
    h('div', { class: 'row' }, faultCode, fault),
    note,
  );

  return {
    root,
    update(c: ConnectorSnapshot, s: SimStation) {
      setText(status, c.fault && c.status !== OFF ? `${c.status} (${c.fault.errorCode})` : c.status);
      status.dataset.status = c.status;
      setText(energy, kwh(c.sessionEnergyWh));
      setText(power, kw(c.powerW));
      setText(limit, c.limitW === undefined ? `${kw(c.maxPowerW)} (hardware)` : kw(c.limitW));
      setText(soc, c.car && c.plugged ? `${Math.floor(c.car.socPercent)} %` : '—');
      bar.value = c.car && c.plugged ? c.car.socPercent : 0;
      setText(register, kwh(c.meterWh));
      const t = c.transaction;
      setText(
        tx,
        t
          ? `${t.id ?? 'waiting for the CSMS’s id…'} (${t.idTag})`
          : c.authorization
            ? `${c.authorization.idTag} authorized, plug in`
            : 'none',
      );
      setText(plug, c.plugged ? 'Unplug' : 'Plug in');
      setText(present, t ? 'Stop charging' : 'Present idTag');
      setText(fault, c.fault ? 'Clear fault' : 'Fault');
      const on = s.running;
      for (const el of [plug, present, fault, faultCode]) el.disabled = !on;
      faultCode.disabled = !on || !!c.fault;
      idTag.disabled = !!t;
    },
  };
}
