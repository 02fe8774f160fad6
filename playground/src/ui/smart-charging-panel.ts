// Smart charging of the selected station: the charging profiles it has installed (from its
// snapshot), and for one connector the composite schedule (the package's compositeSchedule, the
// very function the station limits itself with) against the power actually drawn, over virtual
// time around "now".
import { type ChargingProfile, type ConnectorSnapshot, compositeSchedule } from '@ocpp-ws-io/station';
import { h, kw, setText } from '../dom.js';
import type { SimStation } from '../sim/sim-station.js';
import { powerChart } from './power-chart.js';

/** OCPP's names of the package's neutral purposes. */
const PURPOSE_16: Record<string, string> = {
  StationMax: 'ChargePointMaxProfile',
  TxDefault: 'TxDefaultProfile',
  Tx: 'TxProfile',
};
const PURPOSE_2X: Record<string, string> = {
  StationMax: 'ChargingStationMaxProfile',
  TxDefault: 'TxDefaultProfile',
  Tx: 'TxProfile',
  ExternalConstraints: 'ChargingStationExternalConstraints',
};

export function smartChargingPanel(): {
  root: HTMLElement;
  show(station: SimStation, nowMs: number, speed: number): void;
} {
  const picker = h('select', { name: 'sc-connector', 'aria-label': 'Connector to chart' });
  const summary = h('p', { class: 'sc-summary' });
  const chart = h('div', { class: 'chart-wrap' });
  const profiles = h('div', { class: 'table-scroll' });
  const root = h(
    'section',
    { class: 'card smart', 'aria-labelledby': 'smart-title' },
    h(
      'div',
      { class: 'row spread' },
      h('h2', { id: 'smart-title' }, 'Smart charging'),
      h('label', { class: 'check' }, 'Connector', picker),
    ),
    summary,
    chart,
    h(
      'p',
      { class: 'legend muted', 'aria-hidden': 'true' },
      h('span', { class: 'key limit' }),
      'limit in force (composite schedule) ',
      h('span', { class: 'key power' }),
      'power drawn',
    ),
    h('h3', {}, 'Installed charging profiles'),
    profiles,
  );
  let profilesKey = '';

  return {
    root,
    show(station, nowMs, speed) {
      const view = station.view;
      if (picker.options.length !== view.connectors.length) {
        const chosen = picker.value;
        picker.replaceChildren(
          ...view.connectors.map((c) => h('option', { value: String(c.id) }, String(c.id))),
        );
        if (view.connectors.some((c) => String(c.id) === chosen)) picker.value = chosen;
      }
      const c = view.connectors.find((k) => String(k.id) === picker.value) ?? view.connectors[0];
      if (!c) return;
      const limitW = Math.min(c.maxPowerW, c.limitW ?? c.maxPowerW);
      setText(
        summary,
        `Connector ${c.id}: limit now ${kw(limitW)}${c.limitW === undefined ? ' (the hardware’s)' : ''} · drawing ${kw(c.powerW)}`,
      );
      summary.dataset.limitW = String(Math.round(limitW));
      summary.dataset.powerW = String(Math.round(c.powerW));
      chart.replaceChildren(chartOf(station, c, view.chargingProfiles, nowMs, speed));
      // The table changes only when the profiles do: rebuilding it every tick would lose selection.
      const key = JSON.stringify(view.chargingProfiles);
      if (key !== profilesKey) {
        profilesKey = key;
        profiles.replaceChildren(profileTable(view.chargingProfiles, view.protocol ?? 'ocpp1.6'));
      }
    },
  };
}

/** One real minute of virtual time on each side of now (at least 10 minutes, at most 12 hours). */
function halfWindowMs(speed: number): number {
  return Math.min(12 * 3_600_000, Math.max(10 * 60_000, speed * 60_000));
}

function chartOf(
  station: SimStation,
  c: ConnectorSnapshot,
  installed: readonly ChargingProfile[],
  nowMs: number,
  speed: number,
): SVGSVGElement {
  const half = halfWindowMs(speed);
  const fromMs = nowMs - half;
  const toMs = nowMs + half;
  const tx = c.transaction;
  const composite = compositeSchedule(installed, {
    evseId: c.id,
    startMs: fromMs,
    durationS: (toMs - fromMs) / 1000,
    unit: 'W',
    hardwareLimit: { limit: c.maxPowerW, unit: 'W' },
    ...(tx?.id !== undefined ? { transaction: { id: tx.id, startedAtMs: tx.startedAtMs } } : {}),
  });
  const limit = composite.periods.map((p) => ({ atMs: fromMs + p.startPeriodS * 1000, limitW: p.limit }));
  const power = station.history.since(c.id, fromMs);
  const lowest = Math.min(...limit.map((l) => l.limitW));
  return powerChart(
    { fromMs, toMs, nowMs, maxW: c.maxPowerW, limit, power },
    `Connector ${c.id}: drawing ${kw(c.powerW)}; the schedule's limit goes down to ${kw(lowest)} in this window`,
  );
}

function profileTable(installed: readonly ChargingProfile[], protocol: string): HTMLElement {
  if (installed.length === 0)
    return h(
      'p',
      { class: 'muted' },
      'None: the limit is the hardware’s. A CSMS installs one with SetChargingProfile.',
    );
  const names = protocol === 'ocpp1.6' ? PURPOSE_16 : PURPOSE_2X;
  return h(
    'table',
    { class: 'compact' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Id', 'Purpose', 'Stack level', 'Kind', 'On', 'Schedule'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...installed.map((p) =>
        h(
          'tr',
          { dataset: { profile: String(p.id) } },
          h('td', {}, String(p.id)),
          h('td', {}, names[p.purpose] ?? p.purpose),
          h('td', { class: 'num' }, String(p.stackLevel)),
          h('td', {}, p.recurrency ? `${p.kind} (${p.recurrency})` : p.kind),
          h(
            'td',
            {},
            p.evseId === 0 ? 'Station' : `Connector ${p.evseId}`,
            p.transactionId ? `, transaction ${p.transactionId}` : '',
          ),
          h('td', {}, p.schedules.map(scheduleText).join('; ')),
        ),
      ),
    ),
  );
}

/** "16 A from 0 s, 10 A from 1800 s" */
function scheduleText(s: ChargingProfile['schedules'][number]): string {
  return s.periods.map((p) => `${p.limit} ${s.unit} from ${p.startPeriodS} s`).join(', ');
}
