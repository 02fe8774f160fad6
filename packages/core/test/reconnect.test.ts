// Reconnect with the OCPP-J 2.0.1 §5.3 back-off, pinned with an injected clock and random source.
import { describe, expect, it, vi } from 'vitest';
import {
  ConnectError,
  type ConnectRequest,
  createMemoryTransportPair,
  type MemoryTransport,
  OCPPClient,
  type OCPPClientOptions,
} from '../src/index.js';
import { allValidators, FakeClock, flush, type RawPeer, rawPeer } from './harness.js';

/** A client whose connector the test scripts: each attempt either fails or opens a raw peer. */
function scripted(
  outcomes: Array<'ok' | 'fail' | 'fatal'>,
  options: Partial<OCPPClientOptions<'ocpp2.0.1' | 'ocpp1.6'>> = {},
) {
  const clock = new FakeClock();
  const attempts: ConnectRequest[] = [];
  const peers: RawPeer[] = [];
  const client = new OCPPClient<'ocpp2.0.1' | 'ocpp1.6'>({
    endpoint: 'ws://127.0.0.1/ocpp',
    identity: 'CP-1',
    protocols: ['ocpp2.0.1', 'ocpp1.6'],
    validators: allValidators,
    clock,
    connector: async (request) => {
      attempts.push(request);
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'fail') throw new ConnectError('ECONNREFUSED', { retryable: true });
      if (outcome === 'fatal') throw new ConnectError('HTTP 401', { status: 401, retryable: false });
      const [clientSide, peerSide] = createMemoryTransportPair(request.protocols[0]!);
      peers.push(rawPeer(peerSide));
      return clientSide;
    },
    ...options,
  });
  const lastPeer = () => peers[peers.length - 1]!;
  const drop = () => (lastPeer().transport as MemoryTransport).drop();
  return { client, clock, attempts, peers, lastPeer, drop };
}

describe('reconnect back-off (OCPP-J 2.0.1 §5.3)', () => {
  it('waits WaitMinimum + random(RandomRange), doubling up to RepeatTimes, then stays', async () => {
    const randoms = [0, 0.5, 0.25, 0.999, 0, 0.1];
    const delays: number[] = [];
    const t = scripted(['ok', 'fail', 'fail', 'fail', 'fail', 'fail', 'ok'], {
      reconnect: { waitMinimumMs: 1000, randomRangeMs: 2000, repeatTimes: 3 },
      random: () => randoms.shift()!,
    });
    t.client.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
    await t.client.connect();
    t.drop();
    for (let i = 0; i < 6; i++) {
      await flush();
      t.clock.advance(100_000);
    }
    await flush();
    // 1000·2^min(n,3) + ⌊r·2000⌋ for n = 0…5
    expect(delays).toEqual([1000 + 0, 2000 + 1000, 4000 + 500, 8000 + 1998, 8000 + 0, 8000 + 200]);
    expect(t.client.state).toBe('open');
    expect(t.attempts).toHaveLength(7);
  });

  it('does not fire before the delay has passed', async () => {
    const t = scripted(['ok', 'ok'], {
      reconnect: { waitMinimumMs: 500, randomRangeMs: 0 },
      random: () => 0,
    });
    await t.client.connect();
    t.drop();
    await flush();
    t.clock.advance(499);
    await flush();
    expect(t.attempts).toHaveLength(1);
    t.clock.advance(1);
    await flush();
    expect(t.attempts).toHaveLength(2);
  });

  it('offers only the negotiated protocol when reconnecting', async () => {
    const t = scripted(['ok', 'ok'], { random: () => 0 });
    await t.client.connect();
    t.drop();
    await flush();
    t.clock.advance(10_000);
    await flush();
    expect(t.attempts.map((a) => a.protocols)).toEqual([['ocpp2.0.1', 'ocpp1.6'], ['ocpp2.0.1']]);
  });

  it('stops on an error retrying cannot fix (401) and says why', async () => {
    const t = scripted(['ok', 'fail', 'fatal'], { random: () => 0 });
    const closes: unknown[] = [];
    t.client.on('close', (info) => closes.push(info));
    await t.client.connect();
    const queued = t.client.call('Heartbeat', {}).catch((e: unknown) => e);
    await flush();
    t.drop();
    for (let i = 0; i < 3; i++) {
      await flush();
      t.clock.advance(100_000);
    }
    await flush();
    expect(t.client.state).toBe('closed');
    expect(closes).toEqual([{ code: 1006, reason: 'Reconnecting stopped: HTTP 401' }]);
    expect(await queued).toMatchObject({ code: 'Aborted' });
    expect(t.clock.pending).toBe(0);
  });

  it('gives up after maxAttempts', async () => {
    const t = scripted(['ok', 'fail', 'fail', 'fail'], { reconnect: { maxAttempts: 2 }, random: () => 0 });
    await t.client.connect();
    t.drop();
    for (let i = 0; i < 4; i++) {
      await flush();
      t.clock.advance(100_000);
    }
    expect(t.client.state).toBe('closed');
    expect(t.attempts).toHaveLength(3);
  });

  it('emits close only for a client that was open or reconnecting, not for one never connected', async () => {
    const t = scripted(['ok', 'fail'], { random: () => 0 });
    const closes: unknown[] = [];
    t.client.on('close', (info) => closes.push(info));
    await t.client.close(); // idle: nothing was open, nothing to announce
    expect(closes).toEqual([]);
    await t.client.connect();
    t.drop();
    await flush();
    expect(t.client.state).toBe('reconnecting');
    await t.client.close(4000, 'bye');
    expect(closes).toEqual([{ code: 4000, reason: 'bye' }]);
  });

  it('close() stops the loop and clears its timer', async () => {
    const t = scripted(['ok', 'fail', 'fail'], { random: () => 0 });
    await t.client.connect();
    t.drop();
    await flush();
    expect(t.client.state).toBe('reconnecting');
    await t.client.close();
    expect(t.clock.pending).toBe(0);
    t.clock.advance(1_000_000);
    await flush();
    expect(t.attempts).toHaveLength(1);
  });

  it('does not reconnect with reconnect: false, or after close()', async () => {
    const off = scripted(['ok'], { reconnect: false });
    await off.client.connect();
    off.drop();
    await flush();
    expect(off.client.state).toBe('closed');
    const closed = scripted(['ok'], { random: () => 0 });
    await closed.client.connect();
    await closed.client.close();
    closed.clock.advance(100_000);
    await flush();
    expect(closed.attempts).toHaveLength(1);
  });
});

describe('calls across a reconnect', () => {
  it('re-sends the call in flight, then the queued ones, in order, one at a time', async () => {
    const t = scripted(['ok', 'ok'], { random: () => 0 });
    await t.client.connect();
    const results = [
      t.client.call('Heartbeat', {}),
      t.client.call('Authorize', { idToken: { idToken: 'A', type: 'ISO14443' } } as never),
    ];
    await flush();
    expect((t.lastPeer().take() as unknown[][]).map((f) => f[2])).toEqual(['Heartbeat']);
    t.drop();
    await flush();
    // Made while disconnected: queued behind the two above.
    results.push(t.client.call('Heartbeat', {}));
    t.clock.advance(10_000);
    await flush();
    const peer = t.lastPeer();
    const answer = (frame: unknown[]) =>
      peer.send([
        3,
        frame[1],
        frame[2] === 'Heartbeat'
          ? { currentTime: '2026-01-01T00:00:00Z' }
          : { idTokenInfo: { status: 'Accepted' } },
      ]);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const frames = peer.take() as unknown[][];
      expect(frames).toHaveLength(1);
      seen.push(frames[0]![2] as string);
      answer(frames[0]!);
      await flush();
    }
    expect(seen).toEqual(['Heartbeat', 'Authorize', 'Heartbeat']);
    await expect(Promise.all(results)).resolves.toHaveLength(3);
  });

  it('emits disconnect, reconnecting and open — and close only at the end', async () => {
    const t = scripted(['ok', 'ok'], { random: () => 0 });
    const events: string[] = [];
    for (const e of ['open', 'disconnect', 'reconnecting', 'close'] as const)
      t.client.on(e, () => events.push(e));
    await t.client.connect();
    t.drop();
    await flush();
    t.clock.advance(10_000);
    await flush();
    await t.client.close();
    await flush();
    expect(events).toEqual(['open', 'disconnect', 'reconnecting', 'open', 'close']);
  });
});

describe('no side effects at import', () => {
  it('importing the core calls no Math.random and starts no timer', async () => {
    vi.resetModules();
    const random = vi.spyOn(Math, 'random');
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const interval = vi.spyOn(globalThis, 'setInterval');
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues');
    // resetModules makes this a fresh evaluation of every core module.
    const specifier = '../src/index.js';
    await import(/* @vite-ignore */ specifier);
    expect(random).not.toHaveBeenCalled();
    expect(timeout).not.toHaveBeenCalled();
    expect(interval).not.toHaveBeenCalled();
    expect(getRandomValues).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('reconnectNow and setPassword', () => {
  it('reconnectNow makes the waiting attempt at once, counted as that attempt; false in any other state', async () => {
    const t = scripted(['ok', 'fail', 'ok'], { reconnect: { waitMinimumMs: 60_000, randomRangeMs: 0 } });
    expect(t.client.reconnectNow()).toBe(false); // idle
    await t.client.connect();
    expect(t.client.reconnectNow()).toBe(false); // open
    t.drop();
    await flush();
    expect(t.client.state).toBe('reconnecting');
    expect(t.client.reconnectNow()).toBe(true); // no waiting the 60 s
    await flush();
    expect(t.attempts).toHaveLength(2); // the attempt failed: the next waits its back-off again
    expect(t.client.state).toBe('reconnecting');
    t.clock.advance(59_999);
    await flush();
    expect(t.attempts).toHaveLength(2);
    t.clock.advance(120_000);
    await flush();
    expect(t.attempts).toHaveLength(3);
    expect(t.client.state).toBe('open');
    await t.client.close();
  });

  it('setPassword is sent from the next connection on (OCPP 1.6 AuthorizationKey / 2.0.1 A01 rotation)', async () => {
    const t = scripted(['ok', 'ok'], { password: 'the-first-password-16' });
    await t.client.connect();
    t.client.setPassword('the-second-password-1');
    expect(t.attempts.map((a) => a.password)).toEqual(['the-first-password-16']); // the open one stays
    t.drop();
    await flush();
    expect(t.client.reconnectNow()).toBe(true);
    await flush();
    expect(t.attempts.map((a) => a.password)).toEqual(['the-first-password-16', 'the-second-password-1']);
    await t.client.close();
  });
});
