// The one auth callback (packages/test-utils/fixtures/shared-auth.js), deciding in a Durable
// Object in real workerd; the Node and Deno suites run the same file against the same cases.
import { fileURLToPath } from 'node:url';
import { type RunningWorkerd, rawUpgrade } from '@ocpp-ws-io/test-utils';
import { SHARED_AUTH_CASES } from '@ocpp-ws-io/test-utils/shared-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startFixture } from './helpers/workerd.js';

const entry = fileURLToPath(new URL('./fixtures/shared-auth-worker.ts', import.meta.url));

describe('shared auth callback in workerd', () => {
  let worker: RunningWorkerd;
  beforeAll(async () => {
    worker = await startFixture(entry);
  });
  afterAll(() => worker?.dispose());

  const auth = (identity: string, password: string | undefined): Record<string, string> =>
    password === undefined ? {} : { Authorization: basic(identity, password) };

  for (const c of SHARED_AUTH_CASES) {
    it(`${c.name} → ${c.status}`, async () => {
      const answer = await rawUpgrade(`${worker.wsUrl}/ocpp/${c.identity}`, {
        protocols: c.protocols.join(', '),
        headers: auth(c.identity, c.password),
        waitMs: 300,
      });
      expect(answer.status).toBe(c.status);
    });
  }

  it('attaches the session the callback built from identity, offered protocols and remote address', async () => {
    // Keep the socket open while reading the session back: it lives with the connection.
    const pending = rawUpgrade(`${worker.wsUrl}/ocpp/CP-1`, {
      protocols: 'ocpp1.6',
      headers: auth('CP-1', 'correct-horse-16ch'),
      waitMs: 1_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const info = (await (await fetch(`${worker.url}/session/CP-1`)).json()) as { session?: unknown };
    await pending;
    // The remote address comes from CF-Connecting-IP, which Miniflare sets as the edge would.
    expect(info.session).toEqual({
      tenant: 'acme',
      offered: 'ocpp1.6',
      protocol: 'ocpp1.6',
      remoteKnown: true,
    });
  });
});
