import type { InPageCsms } from '../csms/in-page.js';
import { h } from '../dom.js';
import { adminUrlOf, endpointOf, type Settings } from '../settings.js';

/**
 * The admin page with the development API token in its fragment (never sent to the server), when
 * `npm start` passed one; otherwise the page asks for the token.
 */
function adminLink(admin: string): string {
  const token = import.meta.env.VITE_CSMS_API_TOKEN;
  return token ? `${admin}#token=${encodeURIComponent(token)}` : admin;
}

/**
 * The operator's side: for the in-page CSMS, its stations and command buttons (the same
 * commands as the Worker's admin page); for the local Worker, a link to its admin page.
 */
export function csmsPanel(csms: InPageCsms): {
  root: HTMLElement;
  update(settings: Settings, identity: string): void;
} {
  const content = h('div');
  const result = h('pre', { class: 'result', 'aria-live': 'polite', hidden: true });
  const root = h(
    'section',
    { class: 'card', 'aria-labelledby': 'csms-title' },
    h('h2', { id: 'csms-title' }, 'CSMS operator'),
    content,
    result,
  );
  let settings: Settings | undefined;
  /** The selected station of the fleet: the one the commands go to. */
  let identity = '';
  let controlsOf: string | undefined;
  const status = h('p', { class: 'muted' });

  const send = async (identity: string, name: Parameters<InPageCsms['command']>[1], args = {}) => {
    result.hidden = false;
    result.textContent = `Sending ${name}…`;
    const r = await csms.command(identity, name, args);
    result.className = `result ${r.ok ? 'ok' : 'bad'}`;
    result.textContent = `${r.action ?? name} ${r.ok ? '→' : '✗'} ${JSON.stringify(r.ok ? r.response : r.error, null, 2)}`;
  };

  const render = () => {
    if (!settings) return;
    if (settings.mode !== 'inpage') {
      controlsOf = undefined;
      const admin = settings.mode === 'local' ? adminUrlOf(endpointOf(settings)) : undefined;
      content.replaceChildren(
        ...[
          h(
            'p',
            { class: 'muted' },
            admin
              ? 'The local Worker CSMS has its own admin page: stations, transactions and commands (RemoteStart, RemoteStop, Reset, TriggerMessage, configuration).'
              : 'Commands come from your CSMS.',
          ),
          admin
            ? h(
                'a',
                { href: adminLink(admin), target: '_blank', rel: 'noopener', class: 'button' },
                'Open the CSMS admin page ↗',
              )
            : null,
        ].filter((n) => n !== null),
      );
      return;
    }
    const summary = csms.summaries.get(identity);
    if (!summary?.connected) {
      controlsOf = undefined;
      content.replaceChildren(
        h('p', { class: 'muted' }, 'Connect the station to send it commands from this in-page CSMS.'),
      );
      return;
    }
    const id = summary.identity;
    // Controls are built once per station and only the status line changes: keyboard focus stays.
    if (controlsOf !== id) {
      controlsOf = id;
      const connector = h('input', {
        type: 'number',
        min: 1,
        value: 1,
        'aria-label': 'Connector for remote start',
        size: 3,
      });
      const btn = (label: string, fn: () => void) => h('button', { type: 'button', onclick: fn }, label);
      content.replaceChildren(
        status,
        h(
          'div',
          { class: 'row' },
          h('label', { class: 'check' }, 'Connector', connector),
          btn(
            'Remote start',
            () => void send(id, 'remoteStart', { connectorId: Number(connector.value) || 1 }),
          ),
          btn('Remote stop', () => void send(id, 'remoteStop')),
          btn('Reset', () => void send(id, 'reset')),
          btn('Trigger status', () => void send(id, 'trigger', { message: 'StatusNotification' })),
          btn(
            'Meter every 5 s',
            () => void send(id, 'configure', { key: 'MeterValueSampleInterval', value: '5' }),
          ),
        ),
      );
    }
    status.textContent = `${id} · ${summary.protocol} · open transactions: ${summary.openTransactions.join(', ') || 'none'}`;
  };
  csms.addEventListener('change', render);
  return {
    root,
    update(next, selected) {
      settings = next;
      identity = selected;
      render();
    },
  };
}
