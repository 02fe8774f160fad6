// @vitest-environment happy-dom
// Small truths of the playground's panels (issue #16): the message count says what the filter
// shows, the timeline uses glyphs common fonts have, the password is stored only when the user
// keeps "remember" on.
import { beforeEach, describe, expect, it } from 'vitest';
import { MessageLog } from '../src/log/message-log.js';
import { StationTrace } from '../src/log/station-trace.js';
import { defaults, loadSettings, saveSettings } from '../src/settings.js';
import { logPanel } from '../src/ui/log-panel.js';
import { timelinePanel } from '../src/ui/timeline-panel.js';

describe('message log panel', () => {
  it('says how many of the messages the filter shows, not only how many there are', () => {
    const log = new MessageLog();
    const panel = logPanel(log, new StationTrace('CP-1'));
    document.body.replaceChildren(panel);
    log.record('out', JSON.stringify([2, 'a1', 'Heartbeat', {}]));
    log.record('in', JSON.stringify([3, 'a1', { currentTime: '2026-12-03T12:00:00Z' }]));
    const count = () => panel.querySelector('span.muted[aria-live]')!.textContent;
    expect(count()).toBe('2 messages');
    const errorsOnly = panel.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    errorsOnly.checked = true;
    errorsOnly.dispatchEvent(new Event('change'));
    expect(panel.querySelectorAll('tbody tr')).toHaveLength(0);
    expect(count()).toBe('0 of 2 messages shown (filtered)');
    log.record('out', JSON.stringify([2, 'a2', 'Heartbeat', {}]));
    expect(count()).toBe('0 of 3 messages shown (filtered)');
  });
});

describe('timeline panel', () => {
  it('uses no power symbol (U+23FB): Debian fonts draw it as an empty box', () => {
    const timeline = timelinePanel();
    for (const kind of ['connect', 'boot', 'transaction', 'disconnect', 'command', 'error'] as const) {
      timeline.add({ at: 0, kind, text: kind });
    }
    expect(timeline.root.textContent).not.toContain('\u23FB');
  });
});

describe('settings storage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the password only while "remember" is on', () => {
    saveSettings({ ...defaults(), password: 'my-secret-password!', rememberPassword: true });
    expect(loadSettings('').password).toBe('my-secret-password!');
    saveSettings({ ...defaults(), password: 'my-secret-password!', rememberPassword: false });
    expect(localStorage.getItem('ocpp-playground:settings')).not.toContain('my-secret-password!');
    expect(loadSettings('')).toMatchObject({ password: '', rememberPassword: false });
  });
});
