// The operator's page of the demo CSMS, served at `/`: lists the stations the registry knows and
// sends commands through the same HTTP API a back office would use. Plain HTML and DOM calls
// (no build step in a Worker example); every value from a station is set as text, never as HTML.
// The API token comes from the URL fragment (`/#token=…`, never sent to a server or written to
// access logs) or the form, and is kept in sessionStorage only.

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #f6f7f9; --card: #fff; --muted: #59636e; --accent: #0b6bcb; --ok: #1a7f37; --bad: #c62828; --line: #d0d7de; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --card: #161b22; --muted: #9aa5b1; --accent: #4aa3ff; --ok: #3fb950; --bad: #ff7b72; --line: #30363d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--card); }
h1 { margin: 0; font-size: 20px; } main { padding: 16px 24px; display: grid; gap: 16px; max-width: 1100px; }
.muted { color: var(--muted); } .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.badge { border-radius: 999px; padding: 1px 10px; font-size: 13px; border: 1px solid currentColor; }
.on { color: var(--ok); } .off { color: var(--muted); } .err { color: var(--bad); }
button { font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); }
button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
input, select { font: inherit; padding: 5px 8px; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); }
label { display: inline-flex; gap: 6px; align-items: center; }
table { border-collapse: collapse; width: 100%; font-size: 14px; } td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
pre { white-space: pre-wrap; word-break: break-word; background: var(--bg); padding: 8px; border-radius: 6px; max-height: 240px; overflow: auto; }
`;

const SCRIPT = `
const $ = (tag, props, ...kids) => { const el = Object.assign(document.createElement(tag), props || {}); el.append(...kids.filter((k) => k != null)); return el; };
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) { sessionStorage.setItem('apiToken', fromHash); history.replaceState(null, '', location.pathname); }
let token = sessionStorage.getItem('apiToken') || '';
const out = document.getElementById('result');
const list = document.getElementById('stations');
const form = document.getElementById('token-form');
form.token.value = token;
form.addEventListener('submit', (e) => { e.preventDefault(); token = form.token.value; sessionStorage.setItem('apiToken', token); refresh(); });

async function api(path, init) {
  const res = await fetch(path, { ...init, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' } });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

async function command(identity, name, args) {
  out.textContent = 'Sending ' + name + ' to ' + identity + ' …';
  const { status, body } = await api('/api/stations/' + encodeURIComponent(identity) + '/command/' + name, { method: 'POST', body: JSON.stringify(args) });
  out.className = status === 200 ? 'on' : 'err';
  out.textContent = 'HTTP ' + status + '\\n' + JSON.stringify(body, null, 2);
  // The station reports the effect (a stopped transaction, a new status) in its next messages:
  // look again soon, and again after the usual interval.
  setTimeout(refresh, 300);
  setTimeout(refresh, 1500);
}

function stationCard(s, txs) {
  const id = s.identity;
  const connector = $('input', { type: 'number', min: 1, value: 1, size: 3, ariaLabel: 'Connector of ' + id });
  const idTag = $('input', { value: 'REMOTE-1', size: 10, ariaLabel: 'idTag for remote start on ' + id });
  const trigger = $('select', { ariaLabel: 'Message to trigger on ' + id }, ...['StatusNotification', 'Heartbeat', 'MeterValues', 'BootNotification'].map((m) => $('option', { value: m, textContent: m })));
  const key = $('select', { ariaLabel: 'Setting to change on ' + id }, ...['MeterValueSampleInterval', 'HeartbeatInterval'].map((m) => $('option', { value: m, textContent: m })));
  const value = $('input', { value: '5', size: 4, ariaLabel: 'New value' });
  const btn = (text, fn, cls) => $('button', { type: 'button', textContent: text, className: cls || '', onclick: fn });
  const c = () => Number(connector.value) || 1;
  const connectors = Object.values(s.connectors).map((k) => k.connectorId + ': ' + k.status).join(' · ') || 'no status yet';
  // A station that went away cannot say whether its transaction goes on: its last report stands,
  // marked as such, until it reconnects and sends the rest (its queue keeps them).
  const txState = (t) => t.stoppedAt ? 'stopped (' + (t.stopReason || '') + ')' : s.connected ? 'charging' : 'open, station offline';
  const rows = txs.slice(-5).reverse().map((t) => $('tr', {}, $('td', { textContent: t.id }), $('td', { textContent: t.idTag || '' }), $('td', { textContent: txState(t) }), $('td', { textContent: (((t.lastMeterWh ?? 0) - (t.meterStartWh ?? 0)) / 1000).toFixed(2) + ' kWh' }), $('td', { textContent: String(t.meterSamples) })));
  return $('section', { className: 'card', ariaLabel: 'Station ' + id },
    $('div', { className: 'row' }, $('h2', { textContent: id, style: 'margin:0;font-size:18px' }), $('span', { className: 'badge ' + (s.connected ? 'on' : 'off'), textContent: s.connected ? 'connected' : 'offline' }), $('span', { className: 'muted', textContent: s.protocol + (s.vendor ? ' · ' + s.vendor + ' ' + (s.model || '') : '') })),
    $('p', { className: 'muted', textContent: (s.connected ? 'Connectors ' + connectors : 'Offline: commands need a connected station') + ' · last seen ' + new Date(s.lastSeenAt).toLocaleTimeString() }),
    !s.connected ? null : $('div', { className: 'row' },
      $('label', {}, 'Connector', connector), $('label', {}, 'idTag', idTag),
      btn('Remote start', () => command(id, 'remoteStart', { connectorId: c(), idTag: idTag.value })),
      btn('Remote stop', () => command(id, 'remoteStop', {})),
      btn('Reset', () => command(id, 'reset', {}), 'secondary')),
    !s.connected ? null : $('div', { className: 'row', style: 'margin-top:8px' },
      trigger, btn('Trigger', () => command(id, 'trigger', { connectorId: c(), message: trigger.value }), 'secondary'),
      key, value, btn(s.protocol === 'ocpp1.6' ? 'ChangeConfiguration' : 'SetVariables', () => command(id, 'configure', { key: key.value, value: value.value }), 'secondary')),
    rows.length ? $('table', { style: 'margin-top:12px' }, $('thead', {}, $('tr', {}, ...['Tx', 'idTag', 'State', 'Energy', 'Samples'].map((h) => $('th', { textContent: h })))), $('tbody', {}, ...rows)) : null);
}

async function refresh() {
  if (!token) { list.replaceChildren($('p', { className: 'muted', textContent: 'Enter the API token to list stations.' })); return; }
  const { status, body } = await api('/api/stations');
  if (status === 503) { list.replaceChildren($('p', { className: 'err', textContent: 'The CSMS has no API token configured: set API_TOKEN (wrangler secret put API_TOKEN; .dev.vars under wrangler dev).' })); return; }
  if (status !== 200) { list.replaceChildren($('p', { className: 'err', textContent: 'API answered ' + status + ': check the token.' })); return; }
  // Don't redraw under someone typing in a field; a clicked button keeping focus is no reason to wait.
  const typing = document.activeElement && list.contains(document.activeElement) && document.activeElement.tagName !== 'BUTTON';
  if (typing) return;
  if (body.length === 0) { list.replaceChildren($('p', { className: 'muted', textContent: 'No station yet. Connect one to /ocpp/<identity> (the playground does).' })); return; }
  const cards = await Promise.all(body.map(async (s) => stationCard(s, (await api('/api/stations/' + encodeURIComponent(s.identity) + '/transactions')).body || [])));
  list.replaceChildren(...cards);
}
refresh();
setInterval(refresh, 2000);
`;

/** The admin page (self-contained HTML). */
export const ADMIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo CSMS · ocpp-ws-io</title><style>${STYLE}</style></head>
<body><header><h1>Demo CSMS <span class="muted">on Cloudflare Workers (local workerd)</span></h1>
<p class="muted" style="margin:4px 0 0">Stations connect to <code>ws://&lt;this host&gt;/ocpp/&lt;identity&gt;</code>. The buttons use <code>POST /api/stations/:id/command/:name</code> (this example's version-neutral commands); any OCPP call goes through <code>POST /api/stations/:id/call/:action</code> (the router's). Both are in the Worker CSMS guide.</p></header>
<main>
<form id="token-form" class="card row" autocomplete="off"><label>API token <input name="token" type="password" required></label><button>Use token</button></form>
<div id="stations" aria-live="polite"></div>
<section class="card"><h2 style="margin:0 0 8px;font-size:16px">Last command</h2><pre id="result" class="muted">None yet.</pre></section>
</main><script type="module">${SCRIPT}</script></body></html>`;
