// The one auth callback (packages/test-utils/fixtures/shared-auth.js), deciding in a real Deno
// server; the Node and workerd suites run the same file against the same cases.
import { type RunningDeno, rawUpgrade } from '@ocpp-ws-io/test-utils';
import { SHARED_AUTH_CASES } from '@ocpp-ws-io/test-utils/shared-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startFixture } from './helpers/deno-run.js';

describe('shared auth callback in Deno', () => {
  let deno: RunningDeno;
  let url = '';
  beforeAll(async () => {
    deno = await startFixture('shared-auth-server.js', {});
    url = `ws://127.0.0.1:${deno.port}/ocpp`;
  });
  afterAll(() => deno?.stop());

  const basic = (identity: string, password: string | undefined): Record<string, string> =>
    password === undefined
      ? {}
      : { Authorization: `Basic ${Buffer.from(`${identity}:${password}`).toString('base64')}` };

  for (const c of SHARED_AUTH_CASES) {
    it(`${c.name} → ${c.status}`, async () => {
      const answer = await rawUpgrade(`${url}/${c.identity}`, {
        protocols: c.protocols.join(', '),
        headers: basic(c.identity, c.password),
        waitMs: 300,
      });
      expect(answer.status).toBe(c.status);
    });
  }

  it('attaches the session the callback built from identity, offered protocols and remote address', async () => {
    await rawUpgrade(`${url}/CP-1`, {
      protocols: 'ocpp1.6',
      headers: basic('CP-1', 'correct-horse-16ch'),
      waitMs: 300,
    });
    expect(await nextEvent(deno, (e) => e.type === 'client' && e.identity === 'CP-1')).toMatchObject({
      session: { tenant: 'acme', offered: 'ocpp1.6', protocol: 'ocpp1.6', remoteKnown: true },
    });
  });
});
