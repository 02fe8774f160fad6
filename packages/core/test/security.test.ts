// Security hardening of the engine, over the in-memory transport: constant-time secret
// comparison, password and identity rules, handshake limits, and payloads that try to pollute
// prototypes through inbound frames, handler results and reconnects.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectInMemory,
  identityProblem,
  isValidPassword,
  LimitError,
  OCPPClient,
  OCPPServer,
  passwordProblem,
  type StationConnection,
  timingSafeEqualString,
} from '../src/index.js';
import { allValidators, flush, stationWithRawPeer } from './harness.js';

const polluted = () =>
  // biome-ignore lint/suspicious/noExplicitAny: probing for pollution on purpose
  ({}) as any;
function expectClean() {
  expect(polluted().polluted).toBeUndefined();
  expect(polluted().isAdmin).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('isAdmin');
  expect(Array.prototype).not.toHaveProperty('polluted');
}
afterEach(() => expectClean());

describe('timingSafeEqualString', () => {
  it('agrees with === on arbitrary strings, including non-ASCII and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const bytesEqual = Buffer.from(new TextEncoder().encode(a)).equals(
          Buffer.from(new TextEncoder().encode(b)),
        );
        expect(timingSafeEqualString(a, b)).toBe(bytesEqual);
        expect(timingSafeEqualString(a, a)).toBe(true);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('refuses prefixes, extensions, empty strings and case changes', () => {
    const secret = 'aVeryLongSecret-ÄÖÜ-0123456789';
    expect(timingSafeEqualString(secret, secret)).toBe(true);
    expect(timingSafeEqualString(secret.slice(0, -1), secret)).toBe(false);
    expect(timingSafeEqualString(`${secret}x`, secret)).toBe(false);
    expect(timingSafeEqualString('', secret)).toBe(false);
    expect(timingSafeEqualString(secret, '')).toBe(false);
    expect(timingSafeEqualString('', '')).toBe(true);
    expect(timingSafeEqualString(secret.toUpperCase(), secret)).toBe(false);
    // Same UTF-16 length, different bytes: é precomposed vs e + combining accent differ in length.
    expect(timingSafeEqualString('\u00e9', 'e\u0301')).toBe(false);
    // A length mismatch that a naïve byte-XOR over the shorter string would miss.
    expect(timingSafeEqualString('abc\u0000', 'abc')).toBe(false);
  });

  it('visits every byte of the expected secret whatever the input (no early exit)', () => {
    // Count element reads on the expected side through a Proxy-free route: encode() of a string of
    // n bytes is always read n times, so the loop bound is the secret's length, not the input's.
    const secret = 'x'.repeat(32);
    const reads: number[] = [];
    const original = TextEncoder.prototype.encode;
    try {
      TextEncoder.prototype.encode = function (this: TextEncoder, input?: string) {
        const bytes = original.call(this, input);
        if (input === secret) {
          let n = 0;
          return new Proxy(bytes, {
            get(target, key) {
              if (typeof key === 'string' && /^\d+$/.test(key)) reads.push(++n);
              const v = Reflect.get(target, key);
              return typeof v === 'function' ? v.bind(target) : v;
            },
          });
        }
        return bytes;
      };
      for (const guess of ['', 'y', 'xy', 'y'.repeat(32), 'x'.repeat(31), 'x'.repeat(500)]) {
        reads.length = 0;
        timingSafeEqualString(guess, secret);
        expect(reads.length).toBe(32);
      }
    } finally {
      TextEncoder.prototype.encode = original;
    }
  });
});

describe('password rules', () => {
  it('1.6 (whitepaper ed. 2, A00.FR.205): 16–20 bytes as text, 32–40 hex digits as hex', () => {
    expect(passwordProblem('a'.repeat(15), 'ocpp1.6')).toMatch(/16–20 bytes/);
    expect(passwordProblem('a'.repeat(16), 'ocpp1.6')).toBeUndefined();
    expect(passwordProblem('a'.repeat(20), 'ocpp1.6')).toBeUndefined();
    expect(passwordProblem('a'.repeat(21), 'ocpp1.6')).toMatch(/16–20 bytes/);
    // Bytes, not characters: 8 × 'é' is 16 bytes, 11 × 'é' is 22.
    expect(passwordProblem('é'.repeat(8), 'ocpp1.6')).toBeUndefined();
    expect(passwordProblem('é'.repeat(11), 'ocpp1.6')).toMatch(/bytes/);
    expect(passwordProblem('0123456789abcdef'.repeat(2), 'ocpp1.6', { hex: true })).toBeUndefined();
    expect(
      passwordProblem(`${'0123456789ABCDEF'.repeat(2)}01234567`, 'ocpp1.6', { hex: true }),
    ).toBeUndefined();
    expect(passwordProblem('0'.repeat(42), 'ocpp1.6', { hex: true })).toMatch(/32–40/);
    expect(passwordProblem('0'.repeat(30), 'ocpp1.6', { hex: true })).toMatch(/32–40/);
    expect(passwordProblem('0'.repeat(33), 'ocpp1.6', { hex: true })).toMatch(/32–40/);
    expect(passwordProblem(`${'0'.repeat(31)}g`, 'ocpp1.6', { hex: true })).toMatch(/hexadecimal/);
  });

  it('2.x: 16–40 characters, counted as code points', () => {
    for (const p of ['ocpp2.0.1', 'ocpp2.1'] as const) {
      expect(isValidPassword('a'.repeat(15), p)).toBe(false);
      expect(isValidPassword('a'.repeat(16), p)).toBe(true);
      expect(isValidPassword('a'.repeat(40), p)).toBe(true);
      expect(isValidPassword('a'.repeat(41), p)).toBe(false);
      // 16 astral characters are 32 UTF-16 units but 16 characters.
      expect(isValidPassword('😀'.repeat(16), p)).toBe(true);
      expect(isValidPassword('😀'.repeat(40), p)).toBe(true); // 80 UTF-16 units
      expect(isValidPassword('😀'.repeat(8), p)).toBe(false); // 16 UTF-16 units, 8 characters
      expect(isValidPassword('😀'.repeat(41), p)).toBe(false);
    }
  });
});

describe('identity rules', () => {
  const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], validators: allValidators });
  const hs = (identity: string, protocol: string, authorization?: string) =>
    server.handshake({
      url: `ws://h/ocpp/${identity}`,
      headers: {
        get: (n) =>
          n.toLowerCase() === 'sec-websocket-protocol'
            ? protocol
            : n.toLowerCase() === 'authorization'
              ? (authorization ?? null)
              : null,
      },
    });

  it('2.x: identifierString of at most 48, no ":" (OCPP-J 2.0.1 §3.1.1)', async () => {
    expect(identityProblem('A'.repeat(48), 'ocpp2.0.1')).toBeUndefined();
    expect(identityProblem('A'.repeat(49), 'ocpp2.0.1')).toBeDefined();
    expect(identityProblem('a-Z_0*9=+|@.', 'ocpp2.1')).toBeUndefined();
    for (const bad of ['CP:1', 'CP 1', 'CP/1', 'CP\u00001', 'CPé', 'CP#1', 'CP%1', '', 'CP\n1'])
      expect(identityProblem(bad, 'ocpp2.0.1'), JSON.stringify(bad)).toBeDefined();
    // Percent-encoding does not smuggle a colon or a slash in.
    expect(await hs('CP%3A1', 'ocpp2.0.1')).toMatchObject({ ok: false, status: 400 });
    expect(await hs('CP%2F1', 'ocpp2.0.1')).toMatchObject({ ok: false, status: 400 });
    expect(await hs('%E0%A4%A', 'ocpp2.0.1')).toMatchObject({ ok: false, status: 400 });
    expect(await hs('A'.repeat(49), 'ocpp2.0.1')).toMatchObject({ ok: false, status: 400 });
    expect(await hs('A'.repeat(48), 'ocpp2.0.1')).toMatchObject({ ok: true });
  });

  it('1.6: no control characters or "/" in the identity, at most 255', async () => {
    expect(identityProblem('CP 1', 'ocpp1.6')).toBeUndefined();
    expect(identityProblem('CP%2F1', 'ocpp1.6')).toBeUndefined();
    expect(identityProblem('CP/1', 'ocpp1.6')).toBeDefined();
    expect(identityProblem('CP\u00001', 'ocpp1.6')).toBeDefined();
    expect(identityProblem('A'.repeat(256), 'ocpp1.6')).toBeDefined();
    expect(await hs('CP%0A1', 'ocpp1.6')).toMatchObject({ ok: false, status: 400 });
  });

  it('the Basic-auth username must be the identity, whatever the password', async () => {
    const basic = (s: string) => `Basic ${btoa(s)}`;
    expect(await hs('CP-1', 'ocpp1.6', basic('CP-2:0123456789abcdef'))).toMatchObject({ status: 401 });
    expect(await hs('CP-1', 'ocpp1.6', basic('CP-1'))).toMatchObject({ status: 401 });
    expect(await hs('CP-1', 'ocpp1.6', 'Basic !!!')).toMatchObject({ status: 401 });
    expect(await hs('CP-1', 'ocpp1.6', basic('CP-1:0123456789abcdef'))).toMatchObject({ ok: true });
  });

  it('fast-check: every accepted 2.x identity is identifierString, ≤ 48, without ":"', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary-ascii' }), (id) => {
        if (identityProblem(id, 'ocpp2.0.1') === undefined) {
          expect(id.length).toBeGreaterThan(0);
          expect(id.length).toBeLessThanOrEqual(48);
          expect(id).toMatch(/^[A-Za-z0-9*\-_=+|@.]+$/);
        }
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});

describe('auth time and call limits', () => {
  it('an auth callback that never answers gets 503 after authTimeoutMs, and its signal aborts', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], validators: allValidators, authTimeoutMs: 30 });
    let signal: AbortSignal | undefined;
    server.auth((_h, s) => {
      signal = s;
      return new Promise(() => {});
    });
    const decision = await server.handshake({
      url: 'ws://h/ocpp/CP-1',
      headers: { get: (n) => (n === 'sec-websocket-protocol' ? 'ocpp1.6' : null) },
    });
    expect(decision).toMatchObject({ ok: false, status: 503 });
    expect(signal?.aborted).toBe(true);
  });

  it('calls beyond maxQueuedCalls are refused with LimitError; none reach the wire', async () => {
    const { station, peer } = await stationWithRawPeer('ocpp1.6', { maxQueuedCalls: 2 });
    const calls = Array.from({ length: 4 }, () =>
      station.call('TriggerMessage', { requestedMessage: 'Heartbeat' }).catch((e: unknown) => e),
    );
    await flush();
    expect(peer.take()).toHaveLength(1); // one in flight (maxInFlightCalls 1)
    expect(station.queuedCalls).toBe(2);
    expect(await calls[3]).toBeInstanceOf(LimitError);
    await station.close();
  });
});

describe('prototype pollution', () => {
  const evil =
    '{"__proto__":{"polluted":1,"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"prototype":{"isAdmin":true}}';

  it('inbound CALL payloads with __proto__/constructor keys reach handlers as plain data', async () => {
    for (const strictMode of [true, false]) {
      const { station, peer } = await stationWithRawPeer('ocpp2.0.1', { strictMode });
      const seen: unknown[] = [];
      station.handle('*', ({ params }) => {
        seen.push(params);
        return JSON.parse(evil); // the handler's result carries the same keys back out
      });
      peer.send(`[2,"1","Heartbeat",${evil}]`);
      peer.send(`[2,"2","DataTransfer",{"vendorId":"x","data":${evil}}]`);
      peer.send(`[2,"3","__proto__",${evil}]`);
      peer.send(`[2,"4","constructor",{}]`);
      peer.send(`[2,"5","hasOwnProperty",{}]`);
      peer.send(`[3,"__proto__",${evil}]`);
      peer.send(`[4,"constructor","GenericError","x",${evil}]`);
      await flush();
      const replies = peer.take() as unknown[][];
      expect(replies.map((r) => r[1])).toEqual(['1', '2', '3', '4', '5']);
      if (strictMode) {
        // Unknown keys are schema violations; unknown actions are NotImplemented.
        expect(replies[0]![0]).toBe(4);
        expect(replies[2]!.slice(0, 3)).toEqual([4, '3', 'NotImplemented']);
        expect(replies[3]!.slice(0, 3)).toEqual([4, '4', 'NotImplemented']);
        expect(replies[4]!.slice(0, 3)).toEqual([4, '5', 'NotImplemented']);
      } else {
        for (const p of seen) expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
        expect(seen.some((p) => Object.hasOwn(p as object, '__proto__'))).toBe(true);
      }
      expectClean();
      await station.close();
    }
  });

  it('call results and reconnect-requeued calls with those keys do not pollute either side', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], strictMode: false });
    const received: unknown[] = [];
    let current: StationConnection<'ocpp1.6'> | undefined;
    server.on('client', (s) => {
      current = s;
      s.handle('*', ({ params }) => {
        received.push(params);
        return JSON.parse(evil);
      });
    });
    const client = new OCPPClient({
      endpoint: 'ws://h/ocpp',
      identity: 'CP-1',
      protocols: ['ocpp1.6'],
      strictMode: false,
      connector: connectInMemory(server),
      reconnect: { waitMinimumMs: 1, randomRangeMs: 0 },
    });
    await client.connect();
    const first = (await client.call('DataTransfer' as never, JSON.parse(evil) as never)) as object;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.hasOwn(first, '__proto__')).toBe(true);
    // Drop the link, queue a call while disconnected, let the client reconnect and resend it.
    const reconnected = new Promise<void>((resolve) => client.on('open', () => resolve()));
    current!.close(1012, 'restart');
    await new Promise<void>((resolve) => client.on('disconnect', () => resolve()));
    const queued = client.call('DataTransfer' as never, JSON.parse(evil) as never) as Promise<object>;
    await reconnected;
    const second = await queued;
    expect(Object.hasOwn(second, 'constructor')).toBe(true);
    expect(received).toHaveLength(2);
    for (const p of received) expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expectClean();
    await client.close();
    await server.close();
  });
});
