// A relay is an open proxy unless told otherwise; these pin what keeps it from being one: it
// needs an allow-list of targets and refuses the rest, serves pages from this machine only by
// default, listens on loopback by default, and talks only to clients offering its protocol.

import { connectWs } from '@ocpp-ws-io/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { compileTargets, originAllowed, targetProblem } from '../../src/relay/allow.js';
import { startRelay } from '../../src/relay/index.js';
import { rawPage, relayFor, startCsms } from './helpers.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('allowed targets', () => {
  const allowed = compileTargets(['ws://127.0.0.1:8787/ocpp', 'wss://csms.example.com/']);

  it.each([
    ['ws://127.0.0.1:8787/ocpp/CP-1', undefined],
    ['ws://127.0.0.1:8787/ocpp', undefined],
    ['ws://127.0.0.1:8787/ocpp/CP-1?token=x', undefined],
    ['wss://csms.example.com/any/path/CP-1', undefined],
    ['ws://127.0.0.1:8787/ocppx/CP-1', 'ws://127.0.0.1:8787/ocppx/CP-1 is not an allowed target'],
    ['ws://127.0.0.1:8788/ocpp/CP-1', 'ws://127.0.0.1:8788/ocpp/CP-1 is not an allowed target'],
    ['wss://127.0.0.1:8787/ocpp/CP-1', 'wss://127.0.0.1:8787/ocpp/CP-1 is not an allowed target'],
    ['ws://csms.example.com/CP-1', 'ws://csms.example.com/CP-1 is not an allowed target'],
    [
      'ws://CP-1:pw@127.0.0.1:8787/ocpp/CP-1',
      'credentials in the URL are not relayed: send the password field',
    ],
    ['http://127.0.0.1:8787/ocpp/CP-1', 'http: URLs are not relayed (ws: or wss:)'],
    ['not a url', '"not a url" is not a URL'],
  ])('%s → %s', (url, problem) => {
    expect(targetProblem(allowed, url)).toBe(problem);
  });

  it('a function decides when given', () => {
    const check = compileTargets((url) => url.port === '9000');
    expect(targetProblem(check, 'ws://127.0.0.1:9000/x')).toBeUndefined();
    expect(targetProblem(check, 'ws://127.0.0.1:9001/x')).toMatch(/not an allowed target/);
  });

  it('startRelay refuses to start without an allow-list, or with a non-ws entry', async () => {
    await expect(startRelay({} as never)).rejects.toThrow(/allowedTargets must list/);
    await expect(startRelay({ allowedTargets: [] })).rejects.toThrow(/allowedTargets must list/);
    await expect(startRelay({ allowedTargets: ['http://127.0.0.1/'] })).rejects.toThrow(
      /not a ws: or wss: URL/,
    );
  });

  it('an open to a target not on the list is refused and nothing is connected', async () => {
    const csms = await startCsms();
    cleanup.push(() => csms.close());
    const relay = await relayFor('ws://127.0.0.1:1/ocpp');
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    const refused = await page.open(1, `${csms.url}/CP-1`);
    expect(refused).toMatchObject({ kind: 'refused', json: { retryable: false } });
    expect(refused.json.message).toMatch(/is not an allowed target/);
    expect(csms.stations).toHaveLength(0);
    expect(relay.stations).toBe(0);
  });
});

describe('who may use the relay', () => {
  it.each([
    [undefined, undefined, true],
    [undefined, 'http://127.0.0.1:5173', true],
    [undefined, 'http://localhost:3000', true],
    [undefined, 'https://[::1]', true],
    [undefined, 'https://evil.example', false],
    [undefined, 'http://127.0.0.1.evil.example', false],
    [['https://sim.example'], 'https://sim.example', true],
    [['https://sim.example'], 'http://127.0.0.1:5173', false],
    ['*', 'https://anything.example', true],
  ] as const)('allowedOrigins %j, Origin %s → %s', (allowed, origin, ok) => {
    expect(originAllowed(allowed as never, origin)).toBe(ok);
  });

  it('listens on 127.0.0.1 by default', async () => {
    const relay = await startRelay({ allowedTargets: ['ws://127.0.0.1:1/'] });
    cleanup.push(() => relay.close());
    expect(relay.host).toBe('127.0.0.1');
    expect(relay.url).toBe(`ws://127.0.0.1:${relay.port}/`);
  });

  it('a page from another origin gets 403; one from loopback is let in', async () => {
    const relay = await startRelay({ allowedTargets: ['ws://127.0.0.1:1/'] });
    cleanup.push(() => relay.close());
    await expect(rawPage(relay.url, { Origin: 'https://evil.example' })).rejects.toThrow(
      /unexpected response 403/,
    );
    const page = await rawPage(relay.url, { Origin: 'http://127.0.0.1:5173' });
    await page.socket.close();
  });

  it('a client that does not offer the relay protocol gets 400', async () => {
    const relay = await startRelay({ allowedTargets: ['ws://127.0.0.1:1/'] });
    cleanup.push(() => relay.close());
    await expect(connectWs(relay.url, ['ocpp1.6'])).rejects.toThrow(/unexpected response 400/);
    await expect(connectWs(relay.url)).rejects.toThrow(/unexpected response 400/);
  });
});
