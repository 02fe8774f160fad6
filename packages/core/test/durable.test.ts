// Durable delivery of transaction-related messages (OCPP 1.6 §3.7, §3.7.1; the same rules in
// 2.x under MessageAttemptsTransactionEvent / MessageAttemptIntervalTransactionEvent).
import { describe, expect, it } from 'vitest';
import {
  type ConnectRequest,
  createMemoryTransportPair,
  durableDelivery,
  isTransactionMessage,
  MemoryMessageStore,
  type MemoryTransport,
  OCPPClient,
  type OCPPClientOptions,
} from '../src/index.js';
import { allValidators, FakeClock, flush, type RawPeer, rawPeer } from './harness.js';

const ts = '2026-01-01T00:00:00Z';
const start = { connectorId: 1, idTag: 'TAG', meterStart: 0, timestamp: ts };
const stop = (transactionId: number) => ({ transactionId, meterStop: 100, timestamp: ts });
const meter = (transactionId: number, wh: number) => ({
  connectorId: 1,
  transactionId,
  meterValue: [{ timestamp: ts, sampledValue: [{ value: String(wh) }] }],
});

function station(store: MemoryMessageStore, options: Partial<OCPPClientOptions<'ocpp1.6'>> = {}) {
  const clock = new FakeClock();
  const peers: RawPeer[] = [];
  const attempts: ConnectRequest[] = [];
  const client = new OCPPClient<'ocpp1.6'>({
    endpoint: 'ws://127.0.0.1/ocpp',
    identity: 'CP-1',
    protocols: ['ocpp1.6'],
    validators: allValidators,
    clock,
    random: () => 0,
    durable: durableDelivery({ store, retryIntervalMs: 60_000, maxAttempts: 3 }),
    connector: async (request) => {
      attempts.push(request);
      const [clientSide, peerSide] = createMemoryTransportPair('ocpp1.6');
      peers.push(rawPeer(peerSide));
      return clientSide;
    },
    ...options,
  });
  const peer = () => peers[peers.length - 1]!;
  return { client, clock, peer, peers, attempts };
}

/** CALLs the CSMS received since last asked, as [action, message id]. */
function calls(peer: RawPeer): Array<[string, string]> {
  return (peer.take() as unknown[][]).filter((f) => f[0] === 2).map((f) => [f[2] as string, f[1] as string]);
}

describe('durable transaction messages', () => {
  it('classifies transaction-related messages per version (OCPP 1.6 §3.7)', () => {
    expect(isTransactionMessage('StartTransaction', start)).toBe(true);
    expect(isTransactionMessage('StopTransaction', stop(1))).toBe(true);
    expect(isTransactionMessage('MeterValues', meter(1, 5))).toBe(true);
    expect(isTransactionMessage('MeterValues', { connectorId: 1, meterValue: [] })).toBe(false);
    expect(isTransactionMessage('TransactionEvent', {})).toBe(true);
    expect(isTransactionMessage('Heartbeat', {})).toBe(false);
  });

  it('stores a message before sending it and forgets it once answered', async () => {
    const store = new MemoryMessageStore();
    const t = station(store);
    await t.client.connect();
    const result = t.client.call('StartTransaction', start);
    await flush();
    expect(store.size).toBe(1);
    const [[action, id]] = calls(t.peer()) as [[string, string]];
    expect(action).toBe('StartTransaction');
    t.peer().send([3, id, { transactionId: 7, idTagInfo: { status: 'Accepted' } }]);
    await expect(result).resolves.toMatchObject({ transactionId: 7 });
    await flush();
    expect(store.size).toBe(0);
  });

  it('retries after a CALLERROR with n × interval, then gives up after maxAttempts and says so (§3.7.1)', async () => {
    const store = new MemoryMessageStore();
    const t = station(store);
    const given: unknown[] = [];
    t.client.on('undeliverable', (e) => given.push({ action: e.action, attempts: e.attempts }));
    await t.client.connect();
    const result = t.client.call('StopTransaction', stop(7)).catch((e: unknown) => e);
    const failOnce = async () => {
      await flush();
      const [[, id]] = calls(t.peer()) as [[string, string]];
      t.peer().send([4, id, 'InternalError', 'db down', {}]);
      await flush();
    };
    await failOnce();
    t.clock.advance(59_999);
    await flush();
    expect(calls(t.peer())).toEqual([]); // still waiting: 1 × 60 s
    t.clock.advance(1);
    await failOnce(); // second attempt fails: now waits 2 × 60 s
    t.clock.advance(119_999);
    await flush();
    expect(calls(t.peer())).toEqual([]);
    t.clock.advance(1);
    await failOnce(); // third failure = maxAttempts: given up
    expect(await result).toMatchObject({ code: 'InternalError' });
    expect(given).toEqual([{ action: 'StopTransaction', attempts: 3 }]);
    expect(store.size).toBe(0);
  });

  it('lets other messages overtake a waiting transaction message, but not later transaction messages', async () => {
    const store = new MemoryMessageStore();
    const t = station(store);
    await t.client.connect();
    const meterCall = t.client.call('MeterValues', meter(7, 10));
    await flush();
    const [[, firstId]] = calls(t.peer()) as [[string, string]];
    t.peer().send([4, firstId, 'InternalError', '', {}]); // first attempt fails: held for 60 s
    await flush();
    const stopCall = t.client.call('StopTransaction', stop(7));
    const heartbeat = t.client.call('Heartbeat', {});
    await flush();
    // The Heartbeat goes now (1.6 §3.7: non-transaction messages MAY be delivered immediately);
    // the StopTransaction waits behind the held MeterValues.
    const [[hbAction, hbId]] = calls(t.peer()) as [[string, string]];
    expect(hbAction).toBe('Heartbeat');
    t.peer().send([3, hbId, { currentTime: ts }]);
    await expect(heartbeat).resolves.toEqual({ currentTime: ts });
    t.clock.advance(60_000);
    await flush();
    const order: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [[action, id]] = calls(t.peer()) as [[string, string]];
      order.push(action);
      t.peer().send([3, id, action === 'StopTransaction' ? { idTagInfo: { status: 'Accepted' } } : {}]);
      await flush();
    }
    expect(order).toEqual(['MeterValues', 'StopTransaction']);
    await expect(Promise.all([meterCall, stopCall])).resolves.toHaveLength(2);
    expect(store.size).toBe(0);
  });

  it('re-sends a transaction message in flight after a reconnect, without counting an attempt', async () => {
    const store = new MemoryMessageStore();
    const t = station(store);
    await t.client.connect();
    const result = t.client.call('StartTransaction', start);
    await flush();
    expect(calls(t.peer()).map((c) => c[0])).toEqual(['StartTransaction']);
    (t.peer().transport as MemoryTransport).drop();
    await flush();
    t.clock.advance(10_000);
    await flush();
    const [[action, id]] = calls(t.peer()) as [[string, string]];
    expect(action).toBe('StartTransaction');
    t.peer().send([3, id, { transactionId: 9, idTagInfo: { status: 'Accepted' } }]);
    await expect(result).resolves.toMatchObject({ transactionId: 9 });
    expect((await store.load()).length).toBe(0);
  });

  it('re-sends a transaction message that timed out at once, without counting an attempt', async () => {
    const store = new MemoryMessageStore();
    const t = station(store, { callTimeoutMs: 5_000 });
    const given: unknown[] = [];
    t.client.on('undeliverable', (e) => given.push(e));
    await t.client.connect();
    const result = t.client.call('StopTransaction', stop(5));
    let id = '';
    // More time-outs than maxAttempts (3): a CSMS that does not answer is not one that refused.
    for (let i = 0; i < 5; i++) {
      await flush();
      const sent = calls(t.peer());
      expect(sent.map((c) => c[0])).toEqual(['StopTransaction']);
      id = sent[0]![1];
      t.clock.advance(5_000);
    }
    await flush();
    expect(given).toEqual([]);
    expect((await store.load()).map((m) => m.attempts)).toEqual([0]);
    [[, id]] = calls(t.peer()) as [[string, string]];
    t.peer().send([3, id, {}]);
    await expect(result).resolves.toEqual({});
  });

  it('counts writes still in progress against maxStoredMessages (a synchronous burst)', async () => {
    const store = new MemoryMessageStore();
    const t = station(store, {
      durable: durableDelivery({ store, retryIntervalMs: 60_000, maxAttempts: 3, maxStoredMessages: 2 }),
    });
    await t.client.connect();
    const results = [1, 2, 3].map((n) => t.client.call('MeterValues', meter(1, n)).catch((e: unknown) => e));
    await expect(results[2]).resolves.toMatchObject({ code: 'LimitExceeded' });
    await flush();
    expect(store.size).toBe(2);
  });

  it('keeps the attempt count in the store, so a restart does not grant fresh attempts (§3.7.1)', async () => {
    const store = new MemoryMessageStore();
    const first = station(store, { reconnect: false });
    await first.client.connect();
    const lost = first.client.call('StopTransaction', stop(9)).catch((e: unknown) => e);
    for (const wait of [60_000, 120_000]) {
      await flush();
      const [[, id]] = calls(first.peer()) as [[string, string]];
      first.peer().send([4, id, 'InternalError', 'db down', {}]);
      await flush();
      first.clock.advance(wait);
    }
    await flush();
    const [[, id]] = calls(first.peer()) as [[string, string]];
    expect(id).toBeTruthy(); // the third attempt is in flight when the page goes away
    await first.client.close();
    await lost;
    expect((await store.load()).map((m) => [m.action, m.attempts])).toEqual([['StopTransaction', 2]]);

    const second = station(store);
    const given: unknown[] = [];
    second.client.on('undeliverable', (e) => given.push({ action: e.action, attempts: e.attempts }));
    await second.client.connect();
    await flush();
    const [[, retry]] = calls(second.peer()) as [[string, string]];
    second.peer().send([4, retry, 'InternalError', 'db down', {}]);
    await flush();
    expect(given).toEqual([{ action: 'StopTransaction', attempts: 3 }]);
    expect(store.size).toBe(0);
  });

  it('survives a restart: a new client on the same store sends what the old one left, first', async () => {
    const store = new MemoryMessageStore();
    const first = station(store, { reconnect: false });
    await first.client.connect();
    const lost = first.client.call('StopTransaction', stop(3)).catch((e: unknown) => e);
    const lost2 = first.client.call('MeterValues', meter(3, 50)).catch((e: unknown) => e);
    await flush();
    await first.client.close(); // the page reloads before the CSMS answered
    expect(await lost).toMatchObject({ code: 'ConnectionClosed' });
    expect(await lost2).toMatchObject({ code: 'Aborted' });
    expect(store.size).toBe(2);

    const second = station(store);
    const delivered: string[] = [];
    second.client.on('delivered', (e) => delivered.push(e.action));
    await second.client.connect();
    const fresh = second.client.call('StartTransaction', start);
    await flush();
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [[action, id]] = calls(second.peer()) as [[string, string]];
      order.push(action);
      second
        .peer()
        .send([
          3,
          id,
          action === 'MeterValues'
            ? {}
            : action === 'StopTransaction'
              ? {}
              : { transactionId: 4, idTagInfo: { status: 'Accepted' } },
        ]);
      await flush();
    }
    // Made before the restart, so sent before anything new, in their original order.
    expect(order).toEqual(['StopTransaction', 'MeterValues', 'StartTransaction']);
    expect(delivered).toEqual(['StopTransaction', 'MeterValues']);
    await expect(fresh).resolves.toMatchObject({ transactionId: 4 });
    expect(store.size).toBe(0);
  });

  it('rejects (never hangs) a call whose store write ends after close(); the message stays stored', async () => {
    const store = new MemoryMessageStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.assign(Object.create(store) as MemoryMessageStore, {
      put: async (m: Parameters<MemoryMessageStore['put']>[0]) => {
        await gate;
        await store.put(m);
      },
    });
    const t = station(store, { durable: durableDelivery({ store: slow }) });
    await t.client.connect();
    const pending = t.client.call('StopTransaction', stop(5)).catch((e: unknown) => e);
    await t.client.close();
    release();
    expect(await pending).toMatchObject({ code: 'Aborted' });
    expect(store.size).toBe(1);
  });

  it.each([
    ['a CALLERROR', 'InternalError'],
    ['a timeout', 'Timeout'],
  ])(
    'rejects (never hangs) a call in flight that fails by %s while the client closes; the message stays stored',
    async (_, code) => {
      const store = new MemoryMessageStore();
      const t = station(store);
      await t.client.connect();
      let outcome: unknown = 'still pending';
      void t.client.call('StopTransaction', stop(5)).catch((e: unknown) => (outcome = e));
      await flush();
      const [[, id]] = calls(t.peer()) as [[string, string]];
      // The failure lands after close() began and before the connection is gone: nothing will
      // send the message again in this run, so it must not be held for a retry.
      if (code === 'InternalError') t.peer().send([4, id, 'InternalError', 'db down', {}]);
      const closed = t.client.close();
      if (code === 'Timeout') t.clock.advance(30_000);
      await closed;
      await flush();
      expect(outcome).toMatchObject({ code });
      expect(calls(t.peer())).toEqual([]); // not sent again after close()
      expect(store.size).toBe(1);
    },
  );

  it('with afterBoot, holds what a previous run left until BootNotification is Accepted (OCPP 1.6 §4.2)', async () => {
    const store = new MemoryMessageStore();
    const first = station(store, { reconnect: false });
    await first.client.connect();
    void first.client.call('StopTransaction', stop(3)).catch(() => {});
    await flush();
    await first.client.close();
    expect(store.size).toBe(1);

    const second = station(store, { durable: durableDelivery({ store, afterBoot: true }) });
    await second.client.connect();
    await flush();
    expect(calls(second.peer())).toEqual([]); // held: nothing before the boot
    const boot = async (status: string) => {
      const result = second.client.call('BootNotification', {
        chargePointVendor: 'A',
        chargePointModel: 'B',
      });
      await flush();
      const [[action, id]] = calls(second.peer()) as [[string, string]];
      expect(action).toBe('BootNotification');
      second.peer().send([3, id, { status, currentTime: ts, interval: 60 }]);
      await result;
      await flush();
    };
    await boot('Pending');
    expect(calls(second.peer())).toEqual([]); // Pending: still held
    await boot('Accepted');
    const [[action, id]] = calls(second.peer()) as [[string, string]];
    expect(action).toBe('StopTransaction');
    second.peer().send([3, id, {}]);
    await flush();
    expect(store.size).toBe(0);
  });

  /** A store whose writes wait for `release()`: a store still opening, or a slow disk. */
  function gatedStore() {
    const inner = new MemoryMessageStore();
    let release!: () => void;
    let fail: ((error: Error) => void) | undefined;
    const gate = new Promise<void>((resolve, reject) => {
      release = resolve;
      fail = reject;
    });
    // No flush() of its own: the lane must cover a store of the user's that has none.
    const store = {
      load: () => inner.load(),
      put: async (m: Parameters<MemoryMessageStore['put']>[0]) => {
        await gate;
        await inner.put(m);
      },
      delete: (key: string) => inner.delete(key),
    };
    return { inner, store, release: () => release(), fail: (e: Error) => fail?.(e) };
  }

  it('flush() covers a durable call made just before it, whose write is still waiting (OCPP 1.6 §3.7)', async () => {
    const gated = gatedStore();
    const durable = durableDelivery({ store: gated.store });
    const t = station(gated.inner, { durable });
    await t.client.connect();
    void t.client.call('StopTransaction', stop(5)).catch(() => {});
    let flushed = false;
    const flushing = durable.flush().then(() => (flushed = true));
    await flush();
    expect(flushed).toBe(false); // the write has not happened: flush must not pretend it has
    expect(gated.inner.size).toBe(0);
    gated.release();
    await flushing;
    expect(gated.inner.size).toBe(1);
    await t.client.close();
  });

  it('flush() rejects when a write it covers failed; the call rejects with the same error', async () => {
    const gated = gatedStore();
    const durable = durableDelivery({ store: gated.store });
    const t = station(gated.inner, { durable });
    await t.client.connect();
    const call = t.client.call('StopTransaction', stop(5)).catch((e: unknown) => e);
    const flushing = durable.flush().catch((e: unknown) => e);
    gated.fail(new Error('disk full'));
    expect(await flushing).toMatchObject({ message: 'disk full' });
    expect(await call).toMatchObject({ message: 'disk full' });
    expect(calls(t.peer())).toEqual([]); // never sent: it was never stored
    // A later flush covers later writes only.
    await expect(durable.flush()).resolves.toBeUndefined();
    await t.client.close();
  });

  it('flush() also waits for the removal of answered messages and for the store own flush()', async () => {
    const store = new MemoryMessageStore();
    let storeFlushes = 0;
    const counting = Object.assign(Object.create(store) as MemoryMessageStore, {
      flush: async () => {
        storeFlushes++;
      },
    });
    const durable = durableDelivery({ store: counting });
    const t = station(store, { durable });
    await t.client.connect();
    const result = t.client.call('StartTransaction', start);
    await durable.flush();
    expect(store.size).toBe(1);
    const [[, id]] = calls(t.peer()) as [[string, string]];
    t.peer().send([3, id, { transactionId: 7, idTagInfo: { status: 'Accepted' } }]);
    await result;
    await durable.flush();
    expect(store.size).toBe(0);
    expect(storeFlushes).toBe(2);
    await t.client.close();
  });

  it('MemoryMessageStore: after flush(), a connection dropped at once loses nothing; the next connection sends it', async () => {
    const store = new MemoryMessageStore();
    const durable = durableDelivery({ store });
    const t = station(store, { durable });
    await t.client.connect();
    void t.client.call('StopTransaction', stop(8)).catch(() => {});
    await durable.flush();
    await store.flush();
    expect(store.size).toBe(1);
    t.peer().transport.drop(); // the link dies before anything is answered
    await flush();
    t.clock.advance(60_000); // the reconnect back-off
    await flush();
    const [[action, id]] = calls(t.peer()) as [[string, string]];
    expect(t.peers.length).toBe(2);
    expect(action).toBe('StopTransaction');
    t.peer().send([3, id, {}]);
    await durable.flush();
    expect(store.size).toBe(0);
    await t.client.close();
  });

  it('onStored fires once the message is in the store, before it is sent; never for other calls', async () => {
    const gated = gatedStore();
    const t = station(gated.inner, { durable: durableDelivery({ store: gated.store }) });
    await t.client.connect();
    const events: string[] = [];
    const result = t.client.call('StartTransaction', start, {
      onStored: (message) => events.push(`stored ${message.action} ${gated.inner.size}`),
    });
    const heartbeat = t.client.call('Heartbeat', {}, { onStored: () => events.push('stored Heartbeat') });
    await flush();
    expect(events).toEqual([]);
    const [[hb, hbId]] = calls(t.peer()) as [[string, string]];
    expect(hb).toBe('Heartbeat'); // the unstored message cannot go out: the heartbeat overtakes it
    t.peer().send([3, hbId, { currentTime: ts }]);
    await heartbeat;
    await flush();
    expect(calls(t.peer())).toEqual([]);
    gated.release();
    await flush();
    expect(events).toEqual(['stored StartTransaction 1']);
    const [[action]] = calls(t.peer()) as [[string, string]];
    expect(action).toBe('StartTransaction');
    await t.client.close();
    await Promise.allSettled([result, heartbeat]);
    expect(events).toEqual(['stored StartTransaction 1']);
  });

  it('onStored is not called when the write fails; a throwing onStored is reported, the call goes on', async () => {
    const gated = gatedStore();
    const t = station(gated.inner, { durable: durableDelivery({ store: gated.store }) });
    const errors: unknown[] = [];
    t.client.on('error', (e) => errors.push(e));
    await t.client.connect();
    let stored = 0;
    const failed = t.client
      .call('StopTransaction', stop(1), { onStored: () => stored++ })
      .catch((e: unknown) => e);
    gated.fail(new Error('quota exceeded'));
    expect(await failed).toMatchObject({ message: 'quota exceeded' });
    expect(stored).toBe(0);

    const store = new MemoryMessageStore();
    const u = station(store);
    u.client.on('error', (e) => errors.push(e));
    await u.client.connect();
    const result = u.client.call('StartTransaction', start, {
      onStored: () => {
        throw new Error('ui gone');
      },
    });
    await flush();
    const [[, id]] = calls(u.peer()) as [[string, string]];
    u.peer().send([3, id, { transactionId: 3, idTagInfo: { status: 'Accepted' } }]);
    await expect(result).resolves.toMatchObject({ transactionId: 3 });
    expect(errors).toMatchObject([{ message: 'ui gone' }]);
    await t.client.close();
    await u.client.close();
  });

  it('never stores a message that can never be sent (invalid payload)', async () => {
    const store = new MemoryMessageStore();
    const t = station(store);
    const given: unknown[] = [];
    t.client.on('undeliverable', (e) => given.push(e.action));
    await t.client.connect();
    const invalid = { connectorId: 1, idTag: 'T', timestamp: ts }; // meterStart is missing
    const error = await t.client.call('StartTransaction', invalid as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ValidationFailed' });
    await flush();
    expect(store.size).toBe(0);
    expect(given).toEqual(['StartTransaction']);
    expect(calls(t.peer())).toEqual([]);
  });
});
