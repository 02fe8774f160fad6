// The playground page: a virtual charging station on @ocpp-ws-io/browser, talking to the demo
// CSMS in this tab (in-memory transport), to the local Worker CSMS, or to any URL.
import { durableDelivery, OCPPClient, type OCPPClientOptions } from '@ocpp-ws-io/browser';
import { InPageCsms } from './csms/in-page.js';
import { asksForReasons, lastRefusal } from './csms/refusal.js';
import { h, setText } from './dom.js';
import { MessageLog } from './log/message-log.js';
import { describeTarget, endpointOf, loadSettings, type Settings, saveSettings } from './settings.js';
import { WatchedMessageStore } from './station/message-store.js';
import { resizeStation } from './station/model.js';
import { type PersistedStation, Station, type TimelineEvent } from './station/station.js';
import { connectorsPanel } from './ui/connectors-panel.js';
import { csmsPanel } from './ui/csms-panel.js';
import { logPanel } from './ui/log-panel.js';
import { settingsPanel } from './ui/settings-panel.js';
import { timelinePanel } from './ui/timeline-panel.js';
import './style.css';

let settings = loadSettings();
const csms = new InPageCsms();
const log = new MessageLog();

const stationKey = (identity: string) => `ocpp-playground:station:${identity}`;

// One durable store per station identity, shared by the clients it gets over time: transaction
// messages not answered yet stay in IndexedDB across reconnects and page reloads.
const stores = new Map<string, WatchedMessageStore>();
function storeOf(identity: string): WatchedMessageStore {
  let store = stores.get(identity);
  if (!store) {
    store = new WatchedMessageStore(`ocpp-ws-io-playground:${identity}`);
    store.addEventListener('change', () => updateWaiting());
    stores.set(identity, store);
    // Count what an earlier page left (shown before any connection); the client sends it first.
    store
      .load()
      .then((left) => {
        if (left.length)
          timeline.add({
            at: Date.now(),
            kind: 'transaction',
            text: `${plural(left.length, 'transaction message')} stored earlier wait for the CSMS`,
          });
      })
      .catch((error: Error) =>
        timeline.add({ at: Date.now(), kind: 'error', text: `Message store: ${error.message}` }),
      );
  }
  return store;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
function loadStation(s: Settings): Station {
  let persisted: PersistedStation | undefined;
  try {
    persisted = JSON.parse(localStorage.getItem(stationKey(s.identity)) ?? 'null') ?? undefined;
  } catch {
    persisted = undefined;
  }
  if (persisted) persisted.state = resizeStation(persisted.state, s.connectors);
  const station = new Station(s.connectors, persisted, (p) =>
    localStorage.setItem(stationKey(s.identity), JSON.stringify(p)),
  );
  station.speed = s.speed;
  station.addEventListener('change', onStationChange);
  station.addEventListener('timeline', (e) => timeline.add((e as CustomEvent<TimelineEvent>).detail));
  return station;
}

// ── layout ──────────────────────────────────────────────────────────────────────────────
const targetTitle = h('strong');
const targetDetail = h('span', { class: 'muted' });
const pill = h('span', { class: 'pill', role: 'status', 'aria-live': 'polite' });
const waiting = h('span', { class: 'waiting', role: 'status', hidden: true });
const timeline = timelinePanel();
const connectors = connectorsPanel(() => station);
const operator = csmsPanel(csms);
const form = settingsPanel(settings, {
  connect: (next) => void connect(next),
  disconnect: () => void disconnect(),
  changed: (next) => applySettings(next),
});

document
  .querySelector('#app')!
  .replaceChildren(
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
          'A virtual charging station in your browser, speaking OCPP-J with @ocpp-ws-io/browser.',
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
      h('div', { class: 'primary-col' }, connectors.root, logPanel(log)),
    ),
  );

let station = loadStation(settings);

function applySettings(next: Settings): void {
  const identityChanged = next.identity !== settings.identity;
  settings = next;
  saveSettings(settings);
  if (identityChanged && station.connection === 'offline') {
    station.dispose();
    station = loadStation(settings);
  } else if (station.connection === 'offline') {
    station.state = resizeStation(station.state, settings.connectors);
  }
  station.speed = settings.speed;
  const target = describeTarget(settings);
  setText(targetTitle, target.title);
  setText(targetDetail, target.detail);
  operator.update(settings);
  onStationChange();
}

/** Transaction messages the CSMS has not answered: stored for the client, or not handed to it yet. */
function updateWaiting(): void {
  const n = storeOf(settings.identity).size + station.outbox.length;
  setText(waiting, n ? `${plural(n, 'transaction message')} waiting` : '');
  waiting.hidden = n === 0;
  waiting.dataset.count = String(n);
}

function onStationChange(): void {
  connectors.update();
  updateWaiting();
  const label =
    station.connection === 'online'
      ? `Online · ${station.protocol === 'ocpp2.0.1' ? 'OCPP 2.0.1' : 'OCPP 1.6'}${station.bootStatus ? ` · Boot ${station.bootStatus}` : ''}`
      : station.connection === 'offline'
        ? 'Offline'
        : station.connection === 'connecting'
          ? 'Connecting…'
          : 'Reconnecting…';
  setText(pill, label);
  pill.dataset.state = station.connection;
  form.setConnected(station.connection !== 'offline');
}

function buildClient(s: Settings): OCPPClient {
  const options: OCPPClientOptions = {
    endpoint: endpointOf(s),
    identity: s.identity,
    protocols: [s.protocol],
    callTimeoutMs: 15_000,
    // A browser cannot tell a revoked password from an outage (both are close 1006): give up
    // after a while instead of retrying forever (see @ocpp-ws-io/browser README).
    reconnect: { maxAttempts: 20 },
    // Transaction messages (1.6 StartTransaction, StopTransaction, MeterValues of a transaction;
    // 2.0.1 TransactionEvent) are stored before they go out and sent again after a reconnect or a
    // reload until the CSMS answers (1.6 §3.7). Retries after a CALLERROR every 5 s × attempt.
    // afterBoot: after a reload, stored transaction messages wait for an accepted
    // BootNotification, as a real station's would (OCPP 1.6 §4.2).
    durable: durableDelivery({ store: storeOf(s.identity), retryIntervalMs: 5_000, afterBoot: true }),
    ...(s.auth !== 'none' && s.password ? { password: s.password } : {}),
    ...(s.auth === 'query' ? { authQueryParam: s.queryParam } : {}),
    ...(s.mode === 'inpage' ? { connector: csms.connector() } : {}),
  };
  const client = new OCPPClient(options);
  client.on('message', ({ direction, data }) => log.record(direction, data));
  client.on('badMessage', ({ data, error }) => log.flag('in', '', `Refused: ${error.message}`, data));
  client.on('handlerError', ({ action, error }) =>
    log.flag('out', action, `Our handler failed: ${(error as Error)?.message ?? error}`, null),
  );
  return client;
}

async function connect(next: Settings): Promise<void> {
  applySettings(next);
  if (station.connection !== 'offline') await station.disconnect();
  settings = { ...settings, wasConnected: true };
  saveSettings(settings);
  const attemptedAt = Date.now();
  try {
    await station.connect(buildClient(settings));
  } catch {
    // The timeline shows what the browser saw; for a refused handshake that is only close 1006.
    settings = { ...settings, wasConnected: false };
    saveSettings(settings);
    if (asksForReasons(settings)) {
      // The local demo CSMS can say why (the dev diagnostics of its .dev.vars).
      const refusal = await lastRefusal(endpointOf(settings), settings.identity, attemptedAt);
      if (refusal) {
        timeline.add({ at: Date.now(), kind: 'error', text: `The demo CSMS refused it: ${refusal.reason}` });
      }
    }
  }
  onStationChange();
}

async function disconnect(): Promise<void> {
  settings = { ...settings, wasConnected: false };
  saveSettings(settings);
  await station.disconnect();
  timeline.add({ at: Date.now(), kind: 'disconnect', text: 'Disconnected' });
}

applySettings(settings);
// A station that was online before the reload comes back online by itself, as a real one does
// after a power cut: its transactions and meter registers were restored above.
if (settings.wasConnected) void connect(settings);
