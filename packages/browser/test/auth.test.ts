// The browser authentication story, proven in real Chromium against the Node CSMS:
// URL-userinfo Basic auth (answered only after the CSMS's 401 + WWW-Authenticate challenge) and
// the query-token fallback read by `server.auth` through `Handshake.searchParams`.
import type { Handshake } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';
import { startCsms } from './helpers/csms.js';
import type { PageGlobals } from './helpers/page.js';
import { chromiumSuite } from './helpers/suite.js';

const { newPage, defer } = chromiumSuite();

interface AuthSeen {
  username: string | undefined;
  password: string | undefined;
  token: string | null;
}

/** A 2.0.1/1.6 CSMS whose auth callback records what each handshake carried and applies `accept`. */
async function csmsWithAuth(accept: (h: Handshake) => boolean) {
  const csms = await startCsms({ protocols: ['ocpp2.0.1', 'ocpp1.6'] });
  defer(csms.close);
  const seen: AuthSeen[] = [];
  csms.server.auth((handshake) => {
    seen.push({
      username: handshake.username,
      password: handshake.password,
      token: handshake.searchParams.get('token'),
    });
    return accept(handshake);
  });
  return { ...csms, seen };
}

interface ConnectOutcome {
  protocol?: string;
  error?: { name: string; code: string; retryable: boolean; status: number | null; message: string };
}

/** Connects a full client from the page with `options` and reports the outcome as plain data. */
async function connectFromPage(
  endpoint: string,
  options: { identity: string; password?: string; authQueryParam?: string },
): Promise<ConnectOutcome> {
  const page = await newPage();
  return page.evaluate(
    async ([url, opts]) => {
      const { ocpp } = globalThis as unknown as PageGlobals;
      const client = new ocpp.OCPPClient({ endpoint: url, protocols: ['ocpp2.0.1'], ...opts });
      try {
        const { protocol } = await client.connect();
        await client.call('Heartbeat', {});
        await client.close();
        return { protocol };
      } catch (e) {
        const error = e as InstanceType<typeof ocpp.ConnectError>;
        return {
          error: {
            name: error.name,
            code: error.code,
            retryable: error.retryable,
            status: error.status ?? null,
            message: error.message,
          },
        };
      }
    },
    [endpoint, options] as const,
  );
}

const PASSWORD = 'correct-horse-16ch';

describe('browser auth in Chromium', () => {
  it('Basic auth from URL userinfo: first attempt bare, 401 challenge, retry with the credentials (security profile 1)', async () => {
    const csms = await csmsWithAuth((h) => h.password === PASSWORD);
    const outcome = await connectFromPage(csms.url, { identity: 'CP-A1', password: PASSWORD });
    expect(outcome).toEqual({ protocol: 'ocpp2.0.1' });
    expect(csms.seen).toEqual([
      { username: undefined, password: undefined, token: null },
      { username: 'CP-A1', password: PASSWORD, token: null },
    ]);
    expect(csms.stations[0]?.identity).toBe('CP-A1');
  });

  it('percent-encodes userinfo so a password with ":", "@", "/", "%" and non-ASCII arrives intact', async () => {
    const tricky = 'p:a@s/s%20wörd#16+?';
    const csms = await csmsWithAuth((h) => h.password === tricky);
    const outcome = await connectFromPage(csms.url, { identity: 'CP-A2', password: tricky });
    expect(outcome).toEqual({ protocol: 'ocpp2.0.1' });
    expect(csms.seen.at(-1)).toEqual({ username: 'CP-A2', password: tricky, token: null });
  });

  it('a wrong password fails with a retryable ConnectError without status: the browser only reports 1006', async () => {
    const csms = await csmsWithAuth((h) => h.password === PASSWORD);
    const outcome = await connectFromPage(csms.url, { identity: 'CP-A3', password: 'wrong-password-16ch' });
    expect(outcome.error).toMatchObject({
      name: 'ConnectError',
      code: 'ConnectFailed',
      retryable: true,
      status: null,
    });
    expect(outcome.error?.message).toMatch(/1006/);
    // The error names the URL but never the credentials.
    expect(outcome.error?.message).not.toContain('wrong-password');
    // Chromium retries once with the credentials, then gives up: no loop.
    expect(csms.seen.map((s) => s.password)).toEqual([undefined, 'wrong-password-16ch']);
  });

  it('authQueryParam puts the password in the query, where server.auth reads Handshake.searchParams', async () => {
    const token = 'q-token/with+chars=&';
    const csms = await csmsWithAuth((h) => h.searchParams.get('token') === token);
    const outcome = await connectFromPage(csms.url, {
      identity: 'CP-A4',
      password: token,
      authQueryParam: 'token',
    });
    expect(outcome).toEqual({ protocol: 'ocpp2.0.1' });
    // One attempt, no userinfo, so no Authorization header either.
    expect(csms.seen).toEqual([{ username: undefined, password: undefined, token }]);
    expect(csms.stations[0]?.identity).toBe('CP-A4');
  });

  it('a wrong query token fails with a ConnectError after a single attempt', async () => {
    const csms = await csmsWithAuth((h) => h.searchParams.get('token') === 'right');
    const outcome = await connectFromPage(csms.url, {
      identity: 'CP-A5',
      password: 'wrong',
      authQueryParam: 'token',
    });
    expect(outcome.error).toMatchObject({ code: 'ConnectFailed', retryable: true });
    expect(csms.seen).toEqual([{ username: undefined, password: undefined, token: 'wrong' }]);
  });
});
