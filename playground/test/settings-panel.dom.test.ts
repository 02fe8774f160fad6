// @vitest-environment happy-dom
// The settings panel as a unit (happy-dom, a DOM for unit tests only — the browser itself is
// tested in Chromium by playground.test.ts): a password the CSMS is bound to refuse is caught
// before connecting, and the in-page CSMS asks for no credentials (issue #16).
import { describe, expect, it, vi } from 'vitest';
import { defaults, type Settings } from '../src/settings.js';
import { settingsPanel } from '../src/ui/settings-panel.js';

function panel(overrides: Partial<Settings>) {
  const connect = vi.fn();
  // happy-dom reads a ws:// value of an <input type=url> as a type mismatch (browsers do not); the
  // URL field is only used in custom mode, so an http URL here keeps that quirk out of the test.
  const settings: Settings = {
    ...defaults(),
    mode: 'local',
    url: 'http://127.0.0.1:9000/ocpp',
    ...overrides,
  };
  const ui = settingsPanel(settings, { connect, disconnect() {}, changed() {} });
  document.body.replaceChildren(ui.root);
  const form = ui.root.querySelector('form')!;
  const password = form.querySelector<HTMLInputElement>('input[name=password]')!;
  const submit = () => form.requestSubmit();
  return { ui, form, password, connect, submit };
}

describe('settings panel', () => {
  it.each([
    ['ocpp1.6', 'short', /16–20 bytes, or 32–40 hexadecimal digits/], // OCPP 1.6 security whitepaper A00.FR.205
    ['ocpp1.6', 'a'.repeat(21), /16–20 bytes/],
    ['ocpp2.0.1', 'short', /16–40 characters/], // 2.0.1 SecurityCtrlr.BasicAuthPassword
  ] as const)('%s: refuses to connect with the password %j and says why', (protocol, value, why) => {
    const { password, connect, submit } = panel({ protocol, password: value, auth: 'basic' });
    submit();
    expect(connect).not.toHaveBeenCalled();
    expect(password.validationMessage).toMatch(why);
  });

  it.each([
    ['ocpp1.6', 'dev-station-password'], // 20 bytes
    ['ocpp1.6', 'ab'.repeat(20)], // 40 hexadecimal digits: the 1.6 AuthorizationKey form
    ['ocpp2.0.1', 'a-password-of-forty-characters-is-fine!!'],
  ] as const)('%s: connects with the well-formed password %j', (protocol, value) => {
    const { password, connect, submit } = panel({ protocol, password: value, auth: 'basic' });
    submit();
    expect(password.validationMessage).toBe('');
    expect(connect).toHaveBeenCalledOnce();
  });

  it('re-checks when the password is typed or the protocol changes', () => {
    const { form, password } = panel({ protocol: 'ocpp2.0.1', password: 'a'.repeat(30), auth: 'basic' });
    expect(password.validationMessage).toBe('');
    const protocol = form.querySelector<HTMLSelectElement>('select[name=protocol]')!;
    protocol.value = 'ocpp1.6'; // 30 bytes: too long for 1.6
    form.dispatchEvent(new Event('change', { bubbles: true }));
    expect(password.validationMessage).toMatch(/16–20 bytes/);
    password.value = 'b'.repeat(18);
    password.dispatchEvent(new Event('input', { bubbles: true }));
    expect(password.validationMessage).toBe('');
  });

  it('asks for no credentials with the in-page CSMS, and does not check a password it does not send', () => {
    const { form, connect, submit } = panel({ mode: 'inpage', password: 'x' });
    const hidden = (name: string) => form.querySelector(`[name=${name}]`)!.closest('label')!.hidden;
    expect(hidden('auth')).toBe(true);
    expect(hidden('password')).toBe(true);
    submit();
    expect(connect).toHaveBeenCalledOnce();
  });
});
