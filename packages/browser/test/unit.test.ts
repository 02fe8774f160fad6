// Unit tests of the browser mapping logic, in Node with a scripted WebSocket (no DOM needed).
// These pin the rules; browser.test.ts and auth.test.ts prove the behaviour in real Chromium.
import { describe, expect, it } from 'vitest';
import {
  authenticatedUrl,
  BrowserTransport,
  browserCloseArgs,
  browserCloseCode,
  browserConnector,
  ConnectError,
  OCPPClient,
  truncateCloseReason,
} from '../src/index.js';
import { OCPPClient as LiteClient } from '../src/lite.js';
import { FakeWebSocket } from './helpers/fake-socket.js';

const request = (signal = new AbortController().signal) => ({
  url: 'ws://127.0.0.1:9/ocpp/CP-1',
  identity: 'CP-1',
  protocols: ['ocpp2.0.1', 'ocpp1.6'],
  signal,
});

/** Records everything a transport delivers, as readable strings. */
function recorder() {
  const events: string[] = [];
  return {
    events,
    sink: {
      message: (data: string) => events.push(`message ${data}`),
      close: (info: { code: number; reason: string }) => events.push(`close ${info.code} ${info.reason}`),
      error: (error: Error) => events.push(`error ${error.message}`),
    },
  };
}

describe('close codes (WHATWG WebSockets close(): only 1000 and 3000–4999; reason ≤ 123 bytes)', () => {
  it.each([
    [1000, 1000],
    [1001, 4001],
    [1002, 4002],
    [1008, 4008],
    [1009, 4009],
    [1011, 4011],
    [3000, 3000],
    [4999, 4999],
    [2000, 1000],
    [5000, 1000],
    [999, 1000],
  ])('%i → %i', (asked, sent) => {
    expect(browserCloseCode(asked)).toBe(sent);
  });

  it('keeps a code that had to become 1000 in the reason', () => {
    expect(browserCloseArgs(2500, 'custom')).toEqual({ code: 1000, reason: '2500 custom' });
    expect(browserCloseArgs(1009, 'Frame too large')).toEqual({ code: 4009, reason: 'Frame too large' });
  });

  it('cuts a reason to 123 UTF-8 bytes without splitting a character', () => {
    const cut = truncateCloseReason('€'.repeat(50)); // 3 bytes each
    expect(cut).toBe('€'.repeat(41));
    expect(truncateCloseReason('🔌'.repeat(40))).toBe('🔌'.repeat(30)); // 4 bytes, a surrogate pair
    expect(truncateCloseReason('short')).toBe('short');
    // A lone surrogate is sent as U+FFFD (3 bytes): 1 + 40 × 3 = 121 bytes fit, a 41st would not.
    expect(truncateCloseReason(`a${'\uD800'.repeat(60)}`)).toBe(`a${'\uD800'.repeat(40)}`);
    expect(truncateCloseReason('x'.repeat(123))).toBe('x'.repeat(123));
    expect(truncateCloseReason('x'.repeat(124))).toBe('x'.repeat(123));
  });
});

describe('authenticatedUrl', () => {
  it('leaves the URL alone without a password', () => {
    expect(authenticatedUrl({ url: 'ws://h/ocpp/CP-1', identity: 'CP-1' })).toBe('ws://h/ocpp/CP-1');
  });
  it('puts identity and password in the userinfo, fully percent-encoded (including "%")', () => {
    expect(authenticatedUrl({ url: 'ws://h/ocpp/CP%201', identity: 'CP 1', password: 'a:b@c/%20' })).toBe(
      'ws://CP%201:a%3Ab%40c%2F%2520@h/ocpp/CP%201',
    );
  });
  it('with authQueryParam, puts the password in the query instead', () => {
    expect(
      authenticatedUrl(
        { url: 'ws://h/ocpp/CP-1', identity: 'CP-1', password: 'a&b=c' },
        { authQueryParam: 'token' },
      ),
    ).toBe('ws://h/ocpp/CP-1?token=a%26b%3Dc');
  });
});

describe('BrowserTransport', () => {
  it('buffers events until attach, then delivers them in order', () => {
    const ws = new FakeWebSocket('ws://x');
    const transport = new BrowserTransport(ws);
    ws.open('ocpp1.6');
    ws.message('one');
    ws.message(new TextEncoder().encode('twö').buffer);
    ws.closed(1006);
    const { events, sink } = recorder();
    transport.attach(sink);
    expect(events).toEqual(['message one', 'message twö', 'close 1006 ']);
    expect(ws.binaryType).toBe('arraybuffer');
    expect(transport.protocol).toBe('ocpp1.6');
  });

  it('keeps frame order when an injected socket delivers a Blob (read asynchronously)', async () => {
    const ws = new FakeWebSocket('ws://x');
    const transport = new BrowserTransport(ws);
    const { events, sink } = recorder();
    transport.attach(sink);
    ws.message(new Blob(['[2,"a","Heartbeat",{}]']));
    ws.message('after-blob');
    ws.closed(1000, 'bye');
    expect(events).toEqual([]);
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['message [2,"a","Heartbeat",{}]', 'message after-blob', 'close 1000 bye']);
    ws.message('later');
    expect(events.at(-1)).toBe('message later');
  });

  it('translates close codes the browser would refuse, and sends only while open', () => {
    const ws = new FakeWebSocket('ws://x');
    const transport = new BrowserTransport(ws);
    transport.send('dropped');
    ws.open('ocpp1.6');
    transport.send('kept');
    transport.close(1002, 'Too many malformed messages');
    transport.close(1000); // already closing: ignored, no second close()
    expect(ws.sent).toEqual(['kept']);
    expect(ws.closeCalls).toEqual([[4002, 'Too many malformed messages']]);
  });
});

describe('browserConnector', () => {
  const connector = browserConnector({ WebSocket: FakeWebSocket });

  it('offers the protocols, opens the credentialled URL and resolves with the transport', async () => {
    const pending = connector({ ...request(), password: 'pw' });
    const ws = FakeWebSocket.last!;
    expect(ws.url).toBe('ws://CP-1:pw@127.0.0.1:9/ocpp/CP-1');
    expect(ws.protocols).toEqual(['ocpp2.0.1', 'ocpp1.6']);
    ws.open('ocpp1.6');
    await expect(pending).resolves.toBeInstanceOf(BrowserTransport);
  });

  it.each([
    ['', /agreed no subprotocol/],
    ['ocpp2.1', /ocpp2\.1, which was not offered/],
  ])(
    'rejects protocol %j as a non-retryable ConnectError and closes with 1000',
    async (protocol, message) => {
      const pending = connector(request());
      const ws = FakeWebSocket.last!;
      ws.open(protocol);
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectError);
      expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(message) });
      expect(ws.closeCalls).toEqual([[1000, 'No agreed subprotocol']]);
    },
  );

  it('reports a failed handshake (1006, no status) as retryable, without the credentials', async () => {
    const pending = connector({ ...request(), password: 'secret-pw' });
    const ws = FakeWebSocket.last!;
    ws.error();
    ws.closed(1006);
    const error = (await pending.catch((e: unknown) => e)) as ConnectError;
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toMatch(/close 1006/);
    expect(error.message).not.toContain('secret-pw');
  });

  it('aborts a pending handshake with the signal reason', async () => {
    const controller = new AbortController();
    const pending = connector(request(controller.signal));
    const ws = FakeWebSocket.last!;
    const reason = new ConnectError('No connection within 5 ms', { retryable: true });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(ws.closeCalls).toEqual([[undefined, undefined]]);
  });

  it('fails clearly when there is no WebSocket at all, and when the constructor throws', async () => {
    const saved = globalThis.WebSocket;
    // Node 20 has no global WebSocket; make sure of it on newer Node too.
    Reflect.deleteProperty(globalThis, 'WebSocket');
    try {
      await expect(browserConnector()(request())).rejects.toMatchObject({
        retryable: false,
        message: expect.stringMatching(/No WebSocket in this runtime/),
      });
    } finally {
      if (saved) globalThis.WebSocket = saved;
    }
    class Throwing extends FakeWebSocket {
      constructor(url: string) {
        super(url);
        throw new SyntaxError('bad url');
      }
    }
    await expect(browserConnector({ WebSocket: Throwing })(request())).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/bad url/),
    });
  });
});

describe('client construction', () => {
  it('the full client presets every validator set; the lite one demands them in strict mode', () => {
    const base = { endpoint: 'ws://127.0.0.1:9/ocpp', identity: 'CP-1', WebSocket: FakeWebSocket } as const;
    expect(() => new OCPPClient({ ...base, protocols: ['ocpp2.1', 'ocpp2.0.1', 'ocpp1.6'] })).not.toThrow();
    // @ts-expect-error validators are required while strictMode is on
    expect(() => new LiteClient({ ...base, protocols: ['ocpp1.6'] })).toThrow(/needs validators/);
    expect(() => new LiteClient({ ...base, protocols: ['ocpp1.6'], strictMode: false })).not.toThrow();
  });

  it('passes WebSocket and authQueryParam through to the connector it builds', async () => {
    const client = new OCPPClient({
      endpoint: 'ws://127.0.0.1:9/ocpp',
      identity: 'CP-Q',
      password: 'tok',
      authQueryParam: 'token',
      protocols: ['ocpp1.6'],
      WebSocket: FakeWebSocket,
    });
    const connected = client.connect();
    const ws = FakeWebSocket.last!;
    expect(ws.url).toBe('ws://127.0.0.1:9/ocpp/CP-Q?token=tok');
    ws.open('ocpp1.6');
    await expect(connected).resolves.toEqual({ protocol: 'ocpp1.6' });
    const closing = client.close(1001, 'tab closed');
    expect(ws.closeCalls).toEqual([[4001, 'tab closed']]);
    ws.closed(4001, 'tab closed');
    await expect(closing).resolves.toEqual({ code: 4001, reason: 'tab closed' });
  });
});
