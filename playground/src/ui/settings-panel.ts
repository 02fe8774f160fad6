import { passwordProblem } from '@ocpp-ws-io/browser';
import { h } from '../dom.js';
import {
  type AuthMode,
  type CsmsMode,
  LOCAL_CSMS_URL,
  MAX_STATIONS,
  PROTOCOLS,
  type Protocol,
  protocolLabel,
  type Settings,
} from '../settings.js';

/** The settings form: which CSMS, identity, protocol, credentials, stations, connectors, speed. */
export function settingsPanel(
  settings: Settings,
  actions: { connect(s: Settings): void; disconnect(): void; changed(s: Settings): void },
): { root: HTMLElement; setConnected(connected: boolean): void } {
  const field = (label: string, control: HTMLElement, hint?: string) =>
    h(
      'label',
      { class: 'field' },
      h('span', {}, label),
      control,
      hint ? h('small', { class: 'muted' }, hint) : null,
    );

  const mode = h(
    'select',
    { name: 'mode' },
    h('option', { value: 'inpage' }, 'In-page demo CSMS (no server)'),
    // The URL goes in the title: in the label it cut the option's text in narrow selects.
    h('option', { value: 'local', title: LOCAL_CSMS_URL }, 'Local demo Worker CSMS'),
    h('option', { value: 'custom' }, 'Custom URL'),
  );
  const url = h('input', {
    name: 'url',
    type: 'url',
    placeholder: 'ws://127.0.0.1:9000/ocpp',
    spellcheck: false,
  });
  const identity = h('input', { name: 'identity', required: true, maxLength: 48, spellcheck: false });
  const protocol = h(
    'select',
    { name: 'protocol' },
    ...PROTOCOLS.map((p) => h('option', { value: p }, protocolLabel(p))),
  );
  const auth = h(
    'select',
    { name: 'auth' },
    // Short labels: long ones were cut off in the select; the hint below says how each works.
    h('option', { value: 'basic' }, 'Basic auth'),
    h('option', { value: 'query' }, 'Query token'),
    h('option', { value: 'none' }, 'None'),
  );
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'off' });
  const queryParam = h('input', { name: 'queryParam', spellcheck: false, size: 8 });
  const remember = h('input', { name: 'rememberPassword', type: 'checkbox' });
  const connectors = h('input', { name: 'connectors', type: 'number', min: 1, max: 4 });
  const stations = h('input', { name: 'stations', type: 'number', min: 1, max: MAX_STATIONS });
  const speed = h(
    'select',
    { name: 'speed' },
    ...[1, 10, 60, 600, 3600].map((n) =>
      h('option', { value: String(n) }, n === 1 ? 'Real time' : `${n}× faster`),
    ),
  );
  const connectBtn = h('button', { type: 'submit', class: 'primary' }, 'Connect');
  // A clean shutdown (VirtualStation.stop): running transactions end and are reported first. The
  // network cable and the power cut are on the station card.
  const disconnectBtn = h(
    'button',
    {
      type: 'button',
      onclick: () => actions.disconnect(),
      title: 'Switch the stations off: running transactions end (reason Other) and are reported first',
    },
    'Disconnect',
  );

  mode.value = settings.mode;
  url.value = settings.url;
  identity.value = settings.identity;
  protocol.value = settings.protocol;
  auth.value = settings.auth;
  password.value = settings.password;
  remember.checked = settings.rememberPassword;
  queryParam.value = settings.queryParam;
  connectors.value = String(settings.connectors);
  stations.value = String(settings.stations);
  speed.value = String(settings.speed);
  if (![...speed.options].some((o) => o.value === speed.value))
    speed.append(h('option', { value: speed.value }, `${speed.value}×`));

  const urlField = field('CSMS URL', url, 'The identity is appended: …/ocpp/<identity>');
  const authField = field(
    'Credentials',
    auth,
    'Basic auth: sent after the CSMS answers 401 with a challenge (browsers cannot send it first)',
  );
  const passwordField = field('Password', password, '1.6: 16–20 bytes; 2.x: 16–40 characters');
  const rememberField = h(
    'label',
    { class: 'check' },
    remember,
    'Remember the password in this browser (kept unencrypted in localStorage)',
  );
  const queryField = field(
    'Query parameter',
    queryParam,
    'Logged in URLs: use a short-lived token, wss only',
  );

  const read = (): Settings => ({
    ...settings,
    mode: mode.value as CsmsMode,
    url: url.value,
    identity: identity.value.trim(),
    protocol: protocol.value as Protocol,
    auth: auth.value as AuthMode,
    password: password.value,
    rememberPassword: remember.checked,
    queryParam: queryParam.value.trim() || 'token',
    connectors: Math.min(4, Math.max(1, Number(connectors.value) || 1)),
    stations: Math.min(MAX_STATIONS, Math.max(1, Math.round(Number(stations.value)) || 1)),
    speed: Number(speed.value) || 1,
  });
  const sync = () => {
    const inPage = mode.value === 'inpage';
    urlField.hidden = mode.value !== 'custom';
    url.required = mode.value === 'custom';
    // The in-page CSMS has no handshake to authenticate: no credentials to ask for.
    authField.hidden = inPage;
    passwordField.hidden = inPage || auth.value === 'none';
    rememberField.hidden = passwordField.hidden;
    queryField.hidden = inPage || auth.value !== 'query';
    // Checked before connecting: a CSMS refuses a malformed password, and a browser only ever sees
    // that as close 1006 (OCPP 1.6 security whitepaper A00.FR.205: 16–20 bytes or 32–40 hex
    // digits; 2.0.1 BasicAuthPassword: 16–40 characters).
    const checks = !passwordField.hidden;
    const p = password.value;
    const problem =
      protocol.value === 'ocpp1.6'
        ? passwordProblem(p, 'ocpp1.6') &&
          passwordProblem(p, 'ocpp1.6', { hex: true }) &&
          '16–20 bytes, or 32–40 hexadecimal digits'
        : passwordProblem(p, protocol.value as Protocol);
    password.setCustomValidity(
      checks && problem
        ? `A CSMS refuses this password: the ${protocolLabel(protocol.value)} password must be ${problem.replace(/^password must be /, '')}.`
        : '',
    );
  };
  sync();

  const form = h(
    'form',
    {
      class: 'settings',
      'aria-label': 'Station settings',
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (form.reportValidity()) actions.connect(read());
      },
      onchange: () => {
        sync();
        actions.changed(read());
      },
      oninput: () => sync(),
    },
    field('CSMS', mode),
    urlField,
    h('div', { class: 'two' }, field('Identity', identity), field('Protocol', protocol)),
    authField,
    h('div', { class: 'two' }, passwordField, queryField),
    rememberField,
    h('div', { class: 'two' }, field('Stations', stations), field('Connectors each', connectors)),
    field(
      'Simulation speed',
      speed,
      'Virtual time: charging, meter samples and heartbeats run this much faster',
    ),
    h('div', { class: 'row' }, connectBtn, disconnectBtn),
  );
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title' }, 'Settings'),
    form,
  );
  return {
    root,
    setConnected(connected) {
      disconnectBtn.disabled = !connected;
      connectBtn.textContent = connected ? 'Reconnect' : 'Connect';
      // Identity, protocol, the fleet and its connectors belong to the stations: changing them
      // means reconnecting. The speed changes live.
      for (const el of [identity, protocol, connectors, stations]) el.disabled = connected;
    },
  };
}
