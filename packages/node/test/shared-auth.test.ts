// The one auth callback (packages/test-utils/fixtures/shared-auth.js), deciding in the Node
// server; the Deno and workerd suites run the same file against the same cases.
import { rawUpgrade } from '@ocpp-ws-io/test-utils';
import { SHARED_AUTH_CASES, stationAuth } from '@ocpp-ws-io/test-utils/shared-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCPPServer, type StationConnection } from '../src/index.js';

describe('shared auth callback in Node', () => {
  const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
  server.auth(stationAuth);
  const sessions = new Map<string, StationConnection['session']>();
  server.on('client', (station) => sessions.set(station.identity, station.session));
  let url = '';
  beforeAll(async () => {
    url = (await server.listen({ port: 0 })).url;
  });
  afterAll(() => server.close());

  for (const c of SHARED_AUTH_CASES) {
    it(`${c.name} → ${c.status}`, async () => {
      const headers: Record<string, string> =
        c.password === undefined
          ? {}
          : { Authorization: `Basic ${Buffer.from(`${c.identity}:${c.password}`).toString('base64')}` };
      const answer = await rawUpgrade(`${url}/${c.identity}`, {
        protocols: c.protocols.join(', '),
        headers,
        waitMs: 300,
      });
      expect(answer.status).toBe(c.status);
    });
  }

  it('attaches the session the callback built from identity, offered protocols and remote address', async () => {
    await rawUpgrade(`${url}/CP-1`, {
      protocols: 'ocpp1.6',
      headers: { Authorization: `Basic ${Buffer.from('CP-1:correct-horse-16ch').toString('base64')}` },
      waitMs: 300,
    });
    expect(sessions.get('CP-1')).toEqual({
      tenant: 'acme',
      offered: 'ocpp1.6',
      protocol: 'ocpp1.6',
      remoteKnown: true,
    });
  });
});
