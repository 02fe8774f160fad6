// examples/cloudflare-csms's access control, in real workerd: it fails closed without its secrets,
// gives every station its own credential, enrols unknown identities only when a development
// secret is set, and locks an identity out after repeated failures.
import type { RunningWorkerd } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ExampleWorker, startExampleWorker } from './helpers/example-worker.js';
import { nodeStation } from './helpers/stations.js';
import { handshakeAnswer } from './helpers/upgrade.js';
import { basic } from './helpers/workerd.js';

const API_TOKEN = 'example-test-api-token';
const PASSWORD_A = 'station-A-secret-1';
const PASSWORD_B = 'station-B-secret-2';
const ENROLMENT_SECRET = 'enrol-me-please-16';

/** The status of an upgrade offering 1.6, with Basic auth when a password is given. */
const upgrade = async (worker: RunningWorkerd, identity: string, password?: string, query = '') =>
  handshakeAnswer(
    `${worker.wsUrl}/ocpp/${identity}${query}`,
    ['ocpp1.6'],
    password === undefined ? {} : { Authorization: basic(identity, password) },
  );

const setCredential = (worker: RunningWorkerd, identity: string, password: unknown) =>
  api(worker, API_TOKEN, 'PUT', `/api/stations/${identity}/credential`, { password });

describe('examples/cloudflare-csms deployed without its secrets', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({});
  });
  afterAll(() => worker?.dispose());

  it.each([
    ['no header', undefined],
    ['"Bearer undefined" (the old fail-open)', 'undefined'],
    ['an empty bearer', ''],
  ])('the API answers 503 to every caller: %s', async (_name, token) => {
    for (const [method, path] of [
      ['GET', '/api/stations'],
      ['GET', '/api/stations/CP-1'],
      ['POST', '/api/stations/CP-1/call/Reset'],
      ['PUT', '/api/stations/CP-1/credential'],
    ] as const) {
      const res = await api(worker, token, method, path, method === 'GET' ? undefined : {});
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
    }
  });

  it('logs the missing API_TOKEN once, by name', () => {
    const lines = worker.logs().split('\n');
    expect(lines.filter((l) => l.includes('[config] API_TOKEN is not set'))).toHaveLength(1);
  });

  it('refuses stations with 401, never 101: no password (the old fail-open), a password, a query token', async () => {
    expect((await upgrade(worker, 'CP-NONE')).status).toBe(401);
    expect((await upgrade(worker, 'CP-NONE', 'any-password-16ch')).status).toBe(401);
    expect((await upgrade(worker, 'CP-NONE', undefined, '?token=any-password-16ch')).status).toBe(401);
    expect(worker.logs()).toMatch(/\[auth\] station CP-NONE refused \(401\): unknown identity/);
  });
});

describe('examples/cloudflare-csms: one credential per station', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({ API_TOKEN });
    expect((await setCredential(worker, 'CP-A', PASSWORD_A)).status).toBe(200);
    expect((await setCredential(worker, 'CP-B', PASSWORD_B)).status).toBe(200);
  });
  afterAll(() => worker?.dispose());

  it('a too short API_TOKEN counts as unset (503), a wrong one gets 401 with a Bearer challenge', async () => {
    const short = await startExampleWorker({ API_TOKEN: 'short' });
    try {
      expect((await api(short, 'short', 'GET', '/api/stations')).status).toBe(503);
    } finally {
      await short.dispose();
    }
    const wrong = await api(worker, 'not-the-api-token', 'GET', '/api/stations');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect((await api(worker, API_TOKEN, 'GET', '/api/stations')).status).toBe(200);
  });

  it("each station connects with its own password only: A's password does not open B (1.6 security whitepaper A01.FR.06)", async () => {
    const a = nodeStation(worker.wsUrl, 'CP-A', ['ocpp1.6'], { password: PASSWORD_A });
    expect(await a.connect()).toEqual({ protocol: 'ocpp1.6' });
    await a.close();
    expect((await upgrade(worker, 'CP-B', PASSWORD_A)).status).toBe(401);
    expect((await upgrade(worker, 'CP-B', PASSWORD_B)).status).toBe(101);
    expect((await upgrade(worker, 'CP-UNKNOWN', PASSWORD_A)).status).toBe(401);
    expect(worker.logs()).toMatch(/\[auth\] station CP-B refused \(401\): wrong password/);
  });

  it('a refusal carries the Basic challenge, so browsers send their credentials (RFC 7617)', async () => {
    const refused = await upgrade(worker, 'CP-A');
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="ocpp"/);
  });

  it('the token query parameter browsers may use gets the same per-station check', async () => {
    expect((await upgrade(worker, 'CP-A', undefined, `?token=${PASSWORD_A}`)).status).toBe(101);
    expect((await upgrade(worker, 'CP-A', undefined, `?token=${PASSWORD_B}`)).status).toBe(401);
  });

  it('password rules per version: 30 characters work on 2.0.1 (16–40) but not on 1.6 (16–20 bytes, whitepaper A00.FR.205)', async () => {
    const long = 'a-thirty-character-password-xy';
    expect((await setCredential(worker, 'CP-LONG', long)).status).toBe(200);
    const v201 = nodeStation(worker.wsUrl, 'CP-LONG', ['ocpp2.0.1'], { password: long });
    expect(await v201.connect()).toEqual({ protocol: 'ocpp2.0.1' });
    await v201.close();
    expect((await upgrade(worker, 'CP-LONG', long)).status).toBe(401);
    expect(worker.logs()).toMatch(/station CP-LONG refused \(401\): malformed password/);
  });

  it('the API refuses a credential no version allows (422) or a body that is not JSON (400)', async () => {
    const short = await setCredential(worker, 'CP-X', 'too-short');
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ error: { type: 'InvalidPassword' } });
    expect((await setCredential(worker, 'CP-X', 42)).status).toBe(422);
    const res = await fetch(`${worker.url}/api/stations/CP-X/credential`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${API_TOKEN}` },
      body: 'not json',
    });
    expect(res.status).toBe(400);
    expect(
      (await api(worker, undefined, 'PUT', '/api/stations/CP-X/credential', { password: PASSWORD_A })).status,
    ).toBe(401);
  });

  it('stores a salted PBKDF2-SHA-256 hash and shows only its parameters (whitepaper A01.FR.08)', async () => {
    expect((await setCredential(worker, 'CP-HASH', PASSWORD_A)).status).toBe(200);
    const status = await api(worker, API_TOKEN, 'GET', '/api/stations/CP-HASH/credential');
    expect(status.body).toEqual({
      set: true,
      origin: 'api',
      updatedAt: expect.any(String),
      algorithm: 'PBKDF2-SHA-256',
      iterations: 100_000,
      failedAttempts: 0,
      lockedForS: 0,
    });
    expect((await api(worker, API_TOKEN, 'GET', '/api/stations/CP-NEVER/credential')).body).toEqual({
      set: false,
      failedAttempts: 0,
      lockedForS: 0,
    });
  });

  it('never writes a password or token to the log (whitepaper A01.FR.09)', () => {
    const logs = worker.logs();
    expect(logs).toContain('[auth]');
    for (const secret of [PASSWORD_A, PASSWORD_B, API_TOKEN, 'a-thirty-character-password-xy']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('unknown identities are refused even with ENROLMENT_SECRET unset: no enrolment in production', async () => {
    expect((await upgrade(worker, 'CP-NEW', ENROLMENT_SECRET)).status).toBe(401);
    expect((await api(worker, API_TOKEN, 'GET', '/api/stations/CP-NEW/credential')).body).toMatchObject({
      set: false,
    });
  });
});

describe('examples/cloudflare-csms: lock-out after failed handshakes', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({ API_TOKEN });
    for (const id of ['CP-L', 'CP-M', 'CP-R'])
      expect((await setCredential(worker, id, PASSWORD_A)).status).toBe(200);
  });
  afterAll(() => worker?.dispose());

  it('5 wrong passwords lock the identity: even the right one then gets 429 with Retry-After', async () => {
    for (let i = 1; i <= 5; i++)
      expect((await upgrade(worker, 'CP-L', `wrong-password-${i}x`)).status).toBe(401);
    const locked = await upgrade(worker, 'CP-L', PASSWORD_A);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A browser's first, credential-less try is refused the same way: no challenge to answer.
    expect((await upgrade(worker, 'CP-L')).status).toBe(429);
    expect(worker.logs()).toMatch(
      /station CP-L refused \(401\): wrong password; 5 failed in a row, now locked out/,
    );
    expect(worker.logs()).toMatch(/station CP-L refused \(429\): locked out for \d+ s more/);
    const status = await api(worker, API_TOKEN, 'GET', '/api/stations/CP-L/credential');
    expect(status.body).toMatchObject({ failedAttempts: 5, lockedForS: expect.any(Number) });
    expect((status.body as { lockedForS: number }).lockedForS).toBeGreaterThan(0);
  });

  it('the lock is per identity: another station connects meanwhile', async () => {
    expect((await upgrade(worker, 'CP-M', PASSWORD_A)).status).toBe(101);
  });

  it('the operator lifts the lock through the API; then the right password connects', async () => {
    const lifted = await api(worker, API_TOKEN, 'DELETE', '/api/stations/CP-L/lockout');
    expect(lifted.body).toMatchObject({ failedAttempts: 0, lockedForS: 0 });
    expect((await upgrade(worker, 'CP-L', PASSWORD_A)).status).toBe(101);
  });

  it('a success clears the count: 4 failures, a success, 4 failures do not lock', async () => {
    for (let i = 0; i < 4; i++) expect((await upgrade(worker, 'CP-R', 'wrong-password-rr')).status).toBe(401);
    expect((await upgrade(worker, 'CP-R', PASSWORD_A)).status).toBe(101);
    for (let i = 0; i < 4; i++) expect((await upgrade(worker, 'CP-R', 'wrong-password-rr')).status).toBe(401);
    expect((await upgrade(worker, 'CP-R', PASSWORD_A)).status).toBe(101);
  });

  it('parallel guesses count against each other: at most 5 are checked before the lock', async () => {
    await setCredential(worker, 'CP-P', PASSWORD_A);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => upgrade(worker, 'CP-P', `parallel-guess-${i}xx`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });
});

describe('examples/cloudflare-csms: development enrolment (ENROLMENT_SECRET set)', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({ API_TOKEN, ENROLMENT_SECRET });
  });
  afterAll(() => worker?.dispose());

  it('an unknown identity presenting the secret is enrolled once, with its hash as its own credential', async () => {
    const station = nodeStation(worker.wsUrl, 'CP-E', ['ocpp2.0.1'], { password: ENROLMENT_SECRET });
    expect(await station.connect()).toEqual({ protocol: 'ocpp2.0.1' });
    await station.close();
    expect((await api(worker, API_TOKEN, 'GET', '/api/stations/CP-E/credential')).body).toMatchObject({
      set: true,
      origin: 'enrolment',
    });
    expect(worker.logs()).toMatch(/station CP-E enrolled with ENROLMENT_SECRET \(development only\)/);
    // Known now: its credential decides, and the operator can replace it.
    expect((await setCredential(worker, 'CP-E', PASSWORD_B)).status).toBe(200);
    expect((await upgrade(worker, 'CP-E', ENROLMENT_SECRET)).status).toBe(401);
    expect((await upgrade(worker, 'CP-E', PASSWORD_B)).status).toBe(101);
  });

  it('any other password from an unknown identity is refused, and nothing is stored', async () => {
    expect((await upgrade(worker, 'CP-F', 'not-the-secret-16ch')).status).toBe(401);
    expect((await api(worker, API_TOKEN, 'GET', '/api/stations/CP-F/credential')).body).toMatchObject({
      set: false,
    });
  });

  it('a browser enrols through the token query parameter too', async () => {
    expect((await upgrade(worker, 'CP-Q', undefined, `?token=${ENROLMENT_SECRET}`)).status).toBe(101);
    expect((await upgrade(worker, 'CP-Q', undefined, `?token=${ENROLMENT_SECRET}`)).status).toBe(101);
  });

  it('an ENROLMENT_SECRET that breaks the password rules is a misconfiguration: 503 for unknown identities', async () => {
    const broken = await startExampleWorker({ API_TOKEN, ENROLMENT_SECRET: 'tiny-secret' });
    try {
      expect((await upgrade(broken, 'CP-G', 'any-password-16ch')).status).toBe(503);
      expect((await upgrade(broken, 'CP-G', 'tiny-secret')).status).toBe(503);
      expect(broken.logs()).toContain('[config] ENROLMENT_SECRET breaks the password rules');
      expect(broken.logs()).not.toContain('tiny-secret');
    } finally {
      await broken.dispose();
    }
  });
});
