// The playground page: a fleet of virtual charging stations (@ocpp-ws-io/station on
// @ocpp-ws-io/browser), talking to the demo CSMS in this tab (in-memory transport), to the local
// Worker CSMS, or to any URL. This file lays the panels out and wires them to the fleet.
import { connectorFor, passwordFor } from './csms/connector-for.js';
import { InPageCsms } from './csms/in-page.js';
import { asksForReasons, lastRefusal } from './csms/refusal.js';
import { h, setText } from './dom.js';
import { describeTarget, endpointOf, loadSettings, type Settings, saveSettings } from './settings.js';
import { createPageClock } from './sim/clock.js';
import { Fleet } from './sim/fleet.js';
import type { SimStation } from './sim/sim-station.js';
import type { TimelineEvent } from './sim/timeline.js';
import { pillOf } from './sim/view.js';
import { configPanel } from './ui/config-panel.js';
import { connectorsPanel } from './ui/connectors-panel.js';
import { csmsPanel } from './ui/csms-panel.js';
import { fleetPanel } from './ui/fleet-panel.js';
import { logPanel } from './ui/log-panel.js';
import { replayInto } from './ui/replay-result.js';
import { settingsPanel } from './ui/settings-panel.js';
import { smartChargingPanel } from './ui/smart-charging-panel.js';
import { timelinePanel } from './ui/timeline-panel.js';
import './style.css';

let settings = loadSettings();
const csms = new InPageCsms();
const clock = createPageClock(settings.speed);
const fleet = new Fleet(clock);
fleet.arrange(settings);

// ── layout ──────────────────────────────────────────────────────────────────────────────
const targetTitle = h('strong');
const targetDetail = h('span', { class: 'muted' });
const pill = h('span', { class: 'pill', role: 'status', 'aria-live': 'polite' });
const waiting = h('span', { class: 'waiting', role: 'status', hidden: true });
const timeline = timelinePanel();
const stations = fleetPanel(fleet);
const connectors = connectorsPanel(() => fleet.selected, { powerOn: (station) => void powerOn(station) });
const smart = smartChargingPanel();
const config = configPanel();
const operator = csmsPanel(csms);
const logSlot = h('div', { class: 'log-slot' });
const form = settingsPanel(settings, {
  connect: (next) => void connect(next),
  disconnect: () => void disconnect(),
  changed: (next) => applySettings(next),
});

document.querySelector('#app')!.replaceChildren(
  h(
    'header',
    { class: 'top' },
    h(
      'div',
      {},
      h('h1', {}, 'ocpp-ws-io ', h('span', { class: 'muted' }, 'playground')),
      h(
        'p',
        { class: 'muted tagline' },
        'Virtual charging stations in your browser (@ocpp-ws-io/station), speaking OCPP-J with @ocpp-ws-io/browser. ',
        // Inline: a third item in the header pushed the CSMS indicator onto a row of its own.
        h(
          'a',
          { href: './test-csms.html', title: 'Run the OCPP CSMS test cases against a CSMS, in this browser' },
          'Test a CSMS →',
        ),
      ),
    ),
    h(
      'div',
      { class: 'target', 'aria-label': 'Which CSMS this page talks to' },
      h('span', { class: 'muted' }, 'Talking to'),
      targetTitle,
      targetDetail,
      pill,
      waiting,
    ),
  ),
  h(
    'main',
    { class: 'layout' },
    h('div', { class: 'side' }, form.root, operator.root, timeline.root),
    h('div', { class: 'primary-col' }, stations.root, connectors.root, smart.root, config.root, logSlot),
  ),
);

// ── rendering ───────────────────────────────────────────────────────────────────────────

/** Runs `fn` at most every `ms`: snapshots come many times a second at high speed. */
function coalesce(fn: () => void, ms: number): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      fn();
    }, ms);
  };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The selected station's panels and the header. */
function render(): void {
  const station = fleet.selected;
  const p = pillOf(station.view, station.networkUp);
  setText(pill, p.text);
  pill.dataset.tone = p.tone;
  const n = station.waiting;
  setText(waiting, n ? `${plural(n, 'transaction message')} waiting` : '');
  waiting.hidden = n === 0;
  waiting.dataset.count = String(n);
  connectors.update();
  smart.show(station, clock.now(), clock.speed);
  config.show(station);
  operator.update(settings, station.identity);
  form.setConnected(fleet.running);
}
const renderSoon = coalesce(render, 100);
const renderFleetSoon = coalesce(() => stations.update(), 250);

// The selected station's log and timeline are shown; another selection swaps them.
let selection = new AbortController();
function showSelected(): void {
  selection.abort();
  selection = new AbortController();
  const station = fleet.selected;
  logSlot.replaceChildren(logPanel(station.log, station.trace, { signal: selection.signal, replay }));
  timeline.replace(station.timeline);
  station.addEventListener('timeline', (e) => timeline.add((e as CustomEvent<TimelineEvent>).detail), {
    signal: selection.signal,
  });
  stations.update();
  render();
}
fleet.addEventListener('selected', showSelected);
fleet.addEventListener('arranged', showSelected);
fleet.addEventListener('station', (e) => {
  renderFleetSoon();
  if ((e as CustomEvent).detail === fleet.selected) renderSoon();
});
// The chart moves with the virtual clock even when nothing else changes.
setInterval(() => smart.show(fleet.selected, clock.now(), clock.speed), 500);

/** Replays an imported trace against the CSMS the page talks to now. */
function replay(lines: Parameters<typeof replayInto>[0], out: HTMLElement): Promise<void> {
  const password = passwordFor(settings);
  return replayInto(lines, out, {
    endpoint: endpointOf(settings),
    connector: connectorFor(settings, () => csms.connector()),
    ...(password ? { password } : {}),
    label: describeTarget(settings).title,
  });
}

// ── settings and connections ────────────────────────────────────────────────────────────

function applySettings(next: Settings): void {
  settings = next;
  saveSettings(settings);
  // Identity, protocol, fleet size and connectors can only change while the stations are off.
  if (!fleet.running) fleet.arrange(settings);
  if (clock.speed !== settings.speed) clock.setSpeed(settings.speed);
  const target = describeTarget(settings);
  setText(targetTitle, target.title);
  setText(targetDetail, target.detail);
  render();
}

/** The connect in progress: a second click waits for it rather than restarting stations mid-boot. */
let connecting: Promise<void> | undefined;
function connect(next: Settings): Promise<void> {
  connecting ??= connectAll(next).finally(() => {
    connecting = undefined;
  });
  return connecting;
}

async function connectAll(next: Settings): Promise<void> {
  applySettings(next);
  settings = { ...settings, wasConnected: true };
  saveSettings(settings);
  const attemptedAt = Date.now();
  await fleet.connectAll(settings, () => csms.connector());
  settings = { ...settings, wasConnected: fleet.running };
  saveSettings(settings);
  // The timeline shows what the browser saw; for a refused handshake that is only close 1006.
  // The local demo CSMS can say why (the dev diagnostics of its .dev.vars).
  if (asksForReasons(settings)) {
    const failed = fleet.stations.filter((s) => !s.running && !s.problem).slice(0, 5);
    for (const station of failed) {
      const refusal = await lastRefusal(endpointOf(settings), station.identity, attemptedAt);
      if (refusal) station.note('error', `The demo CSMS refused it: ${refusal.reason}`);
    }
  }
  render();
}

/** Switches one station on (after a power cut, or one of a fleet that did not connect). */
async function powerOn(station: SimStation): Promise<void> {
  settings = { ...settings, wasConnected: true };
  saveSettings(settings);
  await station.connect(settings, () => csms.connector());
  render();
}

async function disconnect(): Promise<void> {
  settings = { ...settings, wasConnected: false };
  saveSettings(settings);
  await fleet.disconnectAll();
  render();
}

showSelected();
applySettings(settings);
// Stations that were on before the reload come back by themselves, as real ones do after a power
// cut: their saved state has the transactions the reload cut off, which they now end (PowerLoss).
if (settings.wasConnected) void connect(settings);
