// Outbound calls: correlation, the one-in-flight queue, timeouts, abort, strict validation.
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionClosedError,
  LimitError,
  RPCError,
  StateError,
  TimeoutError,
  UnknownActionError,
  ValidationError,
} from '../src/index.js';
import { clientWithRawPeer, FakeClock, flush } from './harness.js';

const boot16 = { chargePointVendor: 'Acme', chargePointModel: 'X1' } as const;
const bootConf = { status: 'Accepted', currentTime: '2026-01-01T00:00:00Z', interval: 300 } as const;

describe('correlation and the call queue', () => {
  it('resolves a call with the CALLRESULT of its id', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6');
    const result = client.call('BootNotification', boot16);
    await flush();
    const [[type, id, action, payload]] = peer.take() as [[number, string, string, unknown]];
    expect([type, action, payload]).toEqual([2, 'BootNotification', boot16]);
    peer.send([3, id, bootConf]);
    await expect(result).resolves.toEqual(bootConf);
  });

  it('keeps one CALL in flight by default and sends the queue in FIFO order (OCPP-J 1.6 §4.1.1, 2.0.1 §4.1.1)', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6');
    const results = [
      client.call('Heartbeat', {}),
      client.call('BootNotification', boot16),
      client.call('Authorize', { idTag: 'TAG1' }),
    ];
    await flush();
    let frames = peer.take() as [number, string, string][];
    expect(frames.map((f) => f[2])).toEqual(['Heartbeat']);
    expect(client.pendingCalls).toBe(1);
    expect(client.queuedCalls).toBe(2);
    peer.send([3, frames[0]![1], { currentTime: '2026-01-01T00:00:00Z' }]);
    await flush();
    frames = peer.take() as [number, string, string][];
    expect(frames.map((f) => f[2])).toEqual(['BootNotification']);
    peer.send([3, frames[0]![1], bootConf]);
    await flush();
    frames = peer.take() as [number, string, string][];
    expect(frames.map((f) => f[2])).toEqual(['Authorize']);
    peer.send([3, frames[0]![1], { idTagInfo: { status: 'Accepted' } }]);
    await expect(Promise.all(results)).resolves.toHaveLength(3);
  });

  it('honours maxInFlightCalls when raised', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { maxInFlightCalls: 2 });
    void client.call('Heartbeat', {}).catch(() => {});
    void client.call('Heartbeat', {}).catch(() => {});
    void client.call('Heartbeat', {}).catch(() => {});
    await flush();
    expect(peer.take()).toHaveLength(2);
    await client.close();
  });

  it('answers responses out of order to the right calls', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { maxInFlightCalls: 2 });
    const a = client.call('Authorize', { idTag: 'A' });
    const b = client.call('Authorize', { idTag: 'B' });
    await flush();
    const [fa, fb] = peer.take() as [unknown[], unknown[]];
    peer.send([3, fb[1], { idTagInfo: { status: 'Blocked' } }]);
    peer.send([3, fa[1], { idTagInfo: { status: 'Accepted' } }]);
    await expect(a).resolves.toEqual({ idTagInfo: { status: 'Accepted' } });
    await expect(b).resolves.toEqual({ idTagInfo: { status: 'Blocked' } });
  });

  it('puts the identity last in the path, before a query string the endpoint carries (OCPP-J 2.0.1 §3.1.1)', async () => {
    const { OCPPClient } = await import('../src/index.js');
    const make = (endpoint: string) =>
      new OCPPClient({
        endpoint,
        identity: 'CP 1',
        strictMode: false,
        connector: () => Promise.reject(new Error('unused')),
      });
    expect(make('ws://h/ocpp').url).toBe('ws://h/ocpp/CP%201');
    expect(make('ws://h/ocpp/').url).toBe('ws://h/ocpp/CP%201');
    expect(make('wss://h:9/a/b?token=x&y=1').url).toBe('wss://h:9/a/b/CP%201?token=x&y=1');
    expect(make('ws://h/ocpp//?a=/x/').url).toBe('ws://h/ocpp/CP%201?a=/x/');
    // Any text after "?" stays as it is, even what no valid URL holds (a line break).
    expect(make('ws://h/ocpp?a=1\nb').url).toBe('ws://h/ocpp/CP%201?a=1\nb');
  });

  it('uses unique message ids of at most 36 characters (OCPP-J 2.1 §4.1.4)', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { maxInFlightCalls: 50 });
    for (let i = 0; i < 50; i++) void client.call('Heartbeat', {}).catch(() => {});
    await flush();
    const ids = (peer.take() as unknown[][]).map((f) => f[1] as string);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(36);
    await client.close();
  });

  it('rejects with RPCError carrying code, description and details on CALLERROR', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp2.0.1');
    const result = client.call('Heartbeat', {});
    await flush();
    const [[, id]] = peer.take() as [[number, string]];
    peer.send([4, id, 'SecurityError', 'nope', { hint: 'x' }]);
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RPCError);
    expect(error).toMatchObject({ code: 'SecurityError', message: 'nope', details: { hint: 'x' } });
  });

  it('rejects when the queue is full (maxQueuedCalls)', async () => {
    const { client } = await clientWithRawPeer('ocpp1.6', { maxQueuedCalls: 2 });
    const calls = [1, 2, 3, 4].map(() => client.call('Heartbeat', {}).catch((e: unknown) => e));
    // one in flight + 2 queued fit; the 4th is refused
    await expect(calls[3]).resolves.toBeInstanceOf(LimitError);
    await client.close();
    for (const c of calls.slice(0, 3)) expect(await c).toBeInstanceOf(Error);
  });

  it('refuses calls before connect() and after close()', async () => {
    const { client } = await clientWithRawPeer('ocpp1.6');
    await client.close();
    await expect(client.call('Heartbeat', {})).rejects.toBeInstanceOf(StateError);
  });
});

describe('timeouts and late responses', () => {
  it('times out, frees the slot for the next call, and drops the late response', async () => {
    const clock = new FakeClock();
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { clock, callTimeoutMs: 1000 });
    const first = client.call('Authorize', { idTag: 'FIRST' }).catch((e: unknown) => e);
    const second = client.call('Authorize', { idTag: 'SECOND' });
    await flush();
    const [[, firstId]] = peer.take() as [[number, string]];
    clock.advance(999);
    await flush();
    expect(peer.take()).toEqual([]);
    clock.advance(1);
    expect(await first).toBeInstanceOf(TimeoutError);
    await flush();
    const [[, secondId, action]] = peer.take() as [[number, string, string]];
    expect(action).toBe('Authorize');
    expect(secondId).not.toBe(firstId);
    // The late answer to FIRST arrives now: it must not resolve SECOND.
    peer.send([3, firstId, { idTagInfo: { status: 'Blocked' } }]);
    await flush();
    peer.send([3, secondId, { idTagInfo: { status: 'Accepted' } }]);
    await expect(second).resolves.toEqual({ idTagInfo: { status: 'Accepted' } });
  });

  it('takes a per-call timeout over the default', async () => {
    const clock = new FakeClock();
    const { client } = await clientWithRawPeer('ocpp1.6', { clock, callTimeoutMs: 60_000 });
    const result = client.call('Heartbeat', {}, { timeoutMs: 50 }).catch((e: unknown) => e);
    await flush();
    clock.advance(50);
    expect(await result).toBeInstanceOf(TimeoutError);
    expect(clock.pending).toBe(0);
  });
});

describe('AbortSignal', () => {
  it('removes a queued call before it is ever sent', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6');
    const first = client.call('Heartbeat', {});
    const controller = new AbortController();
    const second = client
      .call('Authorize', { idTag: 'X' }, { signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    expect(await second).toBeInstanceOf(AbortError);
    await flush();
    const frames = peer.take() as unknown[][];
    expect(frames.map((f) => f[2])).toEqual(['Heartbeat']);
    peer.send([3, frames[0]![1], { currentTime: '2026-01-01T00:00:00Z' }]);
    await first;
    await flush();
    expect(peer.take()).toEqual([]);
  });

  it('rejects an in-flight call and lets the next one go', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6');
    const controller = new AbortController();
    const first = client.call('Heartbeat', {}, { signal: controller.signal }).catch((e: unknown) => e);
    const second = client.call('Authorize', { idTag: 'X' }).catch((e: unknown) => e);
    await flush();
    expect(peer.take()).toHaveLength(1);
    controller.abort(new Error('user gave up'));
    expect(await first).toBeInstanceOf(AbortError);
    await flush();
    expect((peer.take() as unknown[][]).map((f) => f[2])).toEqual(['Authorize']);
    await client.close();
    expect(await second).toBeInstanceOf(ConnectionClosedError);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { client } = await clientWithRawPeer('ocpp1.6');
    await expect(client.call('Heartbeat', {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});

describe('strict validation of outbound calls and inbound responses', () => {
  it('never sends an invalid CALL', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6');
    const error = await client
      // @ts-expect-error chargePointModel is required
      .call('BootNotification', { chargePointVendor: 'Acme' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ rpcCode: 'OccurenceConstraintViolation', direction: 'request' });
    await flush();
    expect(peer.take()).toEqual([]);
  });

  it('refuses an action the negotiated version does not define', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6');
    // @ts-expect-error TransactionEvent is a 2.x action
    await expect(client.call('TransactionEvent', {})).rejects.toBeInstanceOf(UnknownActionError);
    await flush();
    expect(peer.take()).toEqual([]);
  });

  for (const protocol of ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] as const) {
    it(`rejects the caller on an invalid CALLRESULT (${protocol}${protocol === 'ocpp2.1' ? ', answering CALLRESULTERROR per 2.1 §4.2.3' : ', silently'})`, async () => {
      const { client, peer } = await clientWithRawPeer(protocol);
      const result = client.call('Heartbeat', {}).catch((e: unknown) => e);
      await flush();
      const [[, id]] = peer.take() as [[number, string]];
      peer.send([3, id, { currentTime: 'yesterday' }]);
      const error = await result;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        rpcCode: 'TypeConstraintViolation',
        path: '/currentTime',
        direction: 'response',
      });
      await flush();
      const sent = peer.take() as unknown[][];
      if (protocol === 'ocpp2.1') {
        expect(sent).toHaveLength(1);
        expect(sent[0]!.slice(0, 3)).toEqual([5, id, 'TypeConstraintViolation']);
        expect(sent[0]![4]).toEqual({});
      } else {
        expect(sent).toEqual([]);
      }
    });
  }

  for (const [protocol, code] of [
    ['ocpp1.6', 'FormationViolation'],
    ['ocpp2.0.1', 'FormatViolation'],
    ['ocpp2.1', 'FormatViolation'],
  ] as const) {
    it(`rejects the caller on a structurally broken CALLRESULT (${protocol}${protocol === 'ocpp2.1' ? ', answering CALLRESULTERROR per 2.1 §4.2.3' : ': no frame 5 before 2.1'})`, async () => {
      const { client, peer } = await clientWithRawPeer(protocol);
      const result = client.call('Heartbeat', {}).catch((e: unknown) => e);
      await flush();
      const [[, id]] = peer.take() as [[number, string]];
      peer.send([3, id, ['not', 'an', 'object']]);
      expect(await result).toMatchObject({ code });
      await flush();
      const sent = peer.take() as unknown[][];
      if (protocol === 'ocpp2.1') expect(sent.map((f) => f.slice(0, 3))).toEqual([[5, id, code]]);
      else expect(sent).toEqual([]);
    });
  }

  it('reads a CALLERROR whose errorDetails is null as {} (like a null payload, OCPP-J 2.0.1 §4.1.5)', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp2.0.1');
    const badMessages: unknown[] = [];
    client.on('badMessage', (e) => badMessages.push(e));
    const result = client.call('Heartbeat', {}).catch((e: unknown) => e);
    await flush();
    const [[, id]] = peer.take() as [[number, string]];
    peer.send([4, id, 'NotSupported', 'no heartbeats here', null]);
    const error = await result;
    expect(error).toBeInstanceOf(RPCError);
    expect(error).toMatchObject({ code: 'NotSupported', message: 'no heartbeats here', details: {} });
    await flush();
    expect(peer.take()).toEqual([]);
    expect(badMessages).toEqual([]);
  });

  it('passes anything through when strictMode is off', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { strictMode: false });
    const result = client.call('BootNotification', { chargePointVendor: 'Acme' } as never);
    await flush();
    const [[, id]] = peer.take() as [[number, string]];
    peer.send([3, id, { whatever: true }]);
    await expect(result).resolves.toEqual({ whatever: true });
  });

  it('refuses to start in strict mode without validators for an offered protocol', async () => {
    const { OCPPClient } = await import('../src/index.js');
    expect(
      () =>
        new OCPPClient({
          endpoint: 'ws://127.0.0.1/ocpp',
          identity: 'CP',
          protocols: ['ocpp1.6'],
          connector: () => Promise.reject(new Error('unused')),
        }),
    ).toThrow(StateError);
  });

  it('refuses an outbound frame larger than maxFrameBytes', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { maxFrameBytes: 200, strictMode: false });
    await expect(
      client.call('DataTransfer', { vendorId: 'acme', data: 'x'.repeat(300) }),
    ).rejects.toBeInstanceOf(LimitError);
    await flush();
    expect(peer.take()).toEqual([]);
  });
});

describe('connection loss', () => {
  it('fails in-flight calls with ConnectionClosedError and queued calls with AbortError (reconnect off)', async () => {
    const { client, peer } = await clientWithRawPeer('ocpp1.6', { reconnect: false });
    const inFlight = client.call('Heartbeat', {}).catch((e: unknown) => e);
    const queued = client.call('Heartbeat', {}).catch((e: unknown) => e);
    await flush();
    const closes: unknown[] = [];
    client.on('close', (info) => closes.push(info));
    peer.transport.drop();
    expect(await inFlight).toBeInstanceOf(ConnectionClosedError);
    expect(await queued).toBeInstanceOf(AbortError);
    expect(closes).toEqual([{ code: 1006, reason: '' }]);
    expect(client.state).toBe('closed');
  });

  it('offers only the negotiated protocol when connecting again (OCPP-J 2.0.1 §5.3)', async () => {
    const { client, offered } = await clientWithRawPeer('ocpp2.0.1', { protocols: ['ocpp2.1', 'ocpp2.0.1'] });
    await client.close();
    await client.connect();
    expect(offered).toEqual([['ocpp2.1', 'ocpp2.0.1'], ['ocpp2.0.1']]);
    await client.close();
  });
});
