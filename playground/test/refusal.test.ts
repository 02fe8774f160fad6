// lastRefusal: how the page asks the local demo CSMS why a handshake was refused (issue #16).
import { describe, expect, it } from 'vitest';
import { asksForReasons, lastRefusal } from '../src/csms/refusal.js';

const answering = (body: unknown, status = 200) => {
  const asked: string[] = [];
  const fetchImpl = (async (url: string | URL | Request) => {
    asked.push(String(url));
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
  return { asked, fetchImpl };
};

describe('lastRefusal', () => {
  const since = Date.parse('2026-12-03T12:00:00Z');
  const recent = { at: '2026-12-03T12:00:01Z', status: 401, reason: 'wrong password; 1 failed in a row' };

  it('asks the CSMS over http(s) at /dev/last-refusal/<identity>, percent-encoded', async () => {
    const { asked, fetchImpl } = answering(recent);
    expect(await lastRefusal('ws://127.0.0.1:8787/ocpp', 'CP 1/x', since, fetchImpl)).toEqual(recent);
    expect(await lastRefusal('wss://csms.example/ocpp', 'CP-1', since, fetchImpl)).toEqual(recent);
    expect(asked).toEqual([
      'http://127.0.0.1:8787/dev/last-refusal/CP%201%2Fx',
      'https://csms.example/dev/last-refusal/CP-1',
    ]);
  });

  it('ignores a refusal older than the attempt, no refusal, diagnostics off (404) and a failed fetch', async () => {
    const old = { ...recent, at: '2026-12-03T11:00:00Z' };
    expect(await lastRefusal('ws://h/ocpp', 'CP-1', since, answering(old).fetchImpl)).toBeUndefined();
    expect(await lastRefusal('ws://h/ocpp', 'CP-1', since, answering(null).fetchImpl)).toBeUndefined();
    expect(
      await lastRefusal('ws://h/ocpp', 'CP-1', since, answering('Not found', 404).fetchImpl),
    ).toBeUndefined();
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await lastRefusal('ws://h/ocpp', 'CP-1', since, failing)).toBeUndefined();
  });
});

describe('asksForReasons', () => {
  it('asks the local demo CSMS and a custom CSMS on a loopback address, nothing else', () => {
    expect(asksForReasons({ mode: 'local', url: '' })).toBe(true);
    expect(asksForReasons({ mode: 'custom', url: 'ws://127.0.0.1:8787/ocpp' })).toBe(true);
    expect(asksForReasons({ mode: 'custom', url: 'ws://localhost:8787/ocpp' })).toBe(true);
    expect(asksForReasons({ mode: 'custom', url: 'ws://[::1]:8787/ocpp' })).toBe(true);
    expect(asksForReasons({ mode: 'custom', url: 'wss://csms.example.com/ocpp' })).toBe(false);
    expect(asksForReasons({ mode: 'custom', url: 'not a url' })).toBe(false);
    expect(asksForReasons({ mode: 'inpage', url: 'ws://127.0.0.1:8787/ocpp' })).toBe(false);
  });
});
