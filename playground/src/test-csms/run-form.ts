// The form of a run: protocol, CSMS URL, identity, password, the optional admin API, the cases;
// Run and Stop.
import { h } from '../dom.js';
import { protocolLabel } from '../settings.js';
import { casePicker } from './case-picker.js';
import { type RunSetup, setupProblem } from './setup.js';
import { SUITES, type SuiteProtocol } from './suites.js';

/** The form's handle. */
export interface RunForm {
  readonly root: HTMLElement;
  /** Run while a run goes: Stop instead, fields locked. */
  setRunning(running: boolean): void;
}

/** The form, filled with `initial`; Run hands the setup and the checked cases to `actions.run`. */
export function runForm(
  initial: RunSetup,
  actions: { run(setup: RunSetup, cases: string[]): void; stop(): void },
): RunForm {
  const field = (label: string, control: HTMLElement, hint?: string) =>
    h(
      'label',
      { class: 'field' },
      h('span', {}, label),
      control,
      hint ? h('small', { class: 'muted' }, hint) : null,
    );
  const text = (name: string, value: string, extra: Record<string, unknown> = {}) =>
    h('input', { name, value, spellcheck: false, ...extra });

  const protocol = h(
    'select',
    { name: 'protocol' },
    ...Object.keys(SUITES).map((p) => h('option', { value: p }, protocolLabel(p))),
  );
  protocol.value = initial.protocol;
  const endpoint = text('url', initial.endpoint, { type: 'url', placeholder: 'ws://127.0.0.1:8787/ocpp' });
  const identity = text('identity', initial.identity, { maxLength: 48 });
  const password = text('password', initial.password, { type: 'password', autocomplete: 'off' });
  const apiBase = text('api', initial.apiBase, { type: 'url', placeholder: 'http://127.0.0.1:8787' });
  const apiToken = text('token', initial.apiToken, { type: 'password', autocomplete: 'off' });
  const demoCommands = h('input', { name: 'commands', type: 'checkbox', checked: initial.demoCommands });
  const timeout = text('timeout', String(initial.answerTimeoutS), { type: 'number', min: 1, max: 300 });
  const picker = casePicker();
  picker.show(initial.protocol, initial.cases);
  protocol.addEventListener('change', () => picker.show(protocol.value as SuiteProtocol));

  const problem = h('p', { class: 'banner', role: 'alert', hidden: true });
  const runBtn = h('button', { type: 'submit', class: 'primary' }, 'Run');
  const stopBtn = h(
    'button',
    {
      type: 'button',
      hidden: true,
      onclick: () => actions.stop(),
      title: 'Stops after the case that runs now',
    },
    'Stop',
  );
  const locked = [
    protocol,
    endpoint,
    identity,
    password,
    apiBase,
    apiToken,
    demoCommands,
    timeout,
    picker.root,
  ];

  const read = (): RunSetup => ({
    protocol: protocol.value as SuiteProtocol,
    endpoint: endpoint.value,
    identity: identity.value,
    password: password.value,
    apiBase: apiBase.value.trim(),
    apiToken: apiToken.value,
    demoCommands: demoCommands.checked,
    answerTimeoutS: Math.max(1, Number(timeout.value) || 30),
    cases: '',
  });
  const root = h(
    'form',
    {
      class: 'card settings',
      'aria-labelledby': 'run-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const setup = read();
        const cases = picker.selected();
        const why = setupProblem(setup, cases);
        problem.hidden = !why;
        problem.textContent = why ?? '';
        if (!why) actions.run(setup, cases);
      },
    },
    h('h2', { id: 'run-title' }, 'Test a CSMS'),
    field('Protocol', protocol),
    field('CSMS URL', endpoint, 'Without the identity: the station connects to <URL>/<identity>.'),
    h(
      'div',
      { class: 'two' },
      field('Identity', identity),
      field('Password', password, 'Basic auth; empty for none'),
    ),
    h(
      'fieldset',
      { class: 'settings' },
      h('legend', {}, 'CSMS control (optional)'),
      h(
        'small',
        { class: 'muted' },
        'Cases the CSMS must start (remote start, reset…) are triggered through its admin API ' +
          '(POST <API>/api/stations/<identity>/call/<action>, as @ocpp-ws-io/cloudflare routes it). ' +
          'Without it they are skipped. The API must allow this page’s origin (CORS): the demo Worker does under wrangler dev.',
      ),
      h('div', { class: 'two' }, field('Admin API URL', apiBase), field('API token', apiToken)),
      h('label', { class: 'check' }, demoCommands, 'Use the demo Worker’s own commands where one fits'),
    ),
    field('Wait for each answer (s)', timeout),
    picker.root,
    problem,
    h('div', { class: 'row' }, runBtn, stopBtn),
  );
  return {
    root,
    setRunning(running) {
      runBtn.hidden = running;
      stopBtn.hidden = !running;
      stopBtn.disabled = false;
      for (const el of locked) (el as HTMLInputElement).disabled = running;
    },
  };
}
