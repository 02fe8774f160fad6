// Unit tests of the browser mapping logic, in Node with a scripted WebSocket (no DOM needed).
// These pin the rules; browser.test.ts and auth.test.ts prove the behaviour in real Chromium.
import { describe, expect, it } from 'vitest';
import {
  authenticatedUrl,
  BrowserTransport,
  browserConnector,
  ConnectError,
  OCPPClient,
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
      binary: () => events.push('binary'),
      close: (info: { code: number; reason: string }) => events.push(`close ${info.code} ${info.reason}`),
      error: (error: Error) => events.push(`error ${error.message}`),
    },
  };
}

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
  it('buffers events until attach, then delivers them in order; binary frames are reported unread', () => {
    const ws = new FakeWebSocket('ws://x');
    const transport = new BrowserTransport(ws);
    ws.open('ocpp1.6');
    ws.message('one');
    ws.message(new TextEncoder().encode('[2,"b","Heartbeat",{}]').buffer);
    ws.message(new Blob(['[2,"c","Heartbeat",{}]']));
    ws.closed(1006);
    const { events, sink } = recorder();
    transport.attach(sink);
    // OCPP-J 2.0.1 §4.1.2: messages are text; the engine closes on a binary frame (core's rule).
    expect(events).toEqual(['message one', 'binary', 'binary', 'close 1006 ']);
    expect(ws.binaryType).toBe('arraybuffer');
    expect(transport.protocol).toBe('ocpp1.6');
  });

  it('closes by the WHATWG rule (RFC 6455 §7.4.2 private range, reason ≤ 123 bytes), and sends only while open', () => {
    const ws = new FakeWebSocket('ws://x');
    const transport = new BrowserTransport(ws);
    transport.send('dropped');
    ws.open('ocpp1.6');
    transport.send('kept');
    // The fake throws like Chromium would on 1002 or a 200-byte reason.
    transport.close(1002, `Too many malformed messages ${'x'.repeat(200)}`);
    transport.close(1000); // already closing: ignored, no second close()
    expect(ws.sent).toEqual(['kept']);
    expect(ws.closeCalls).toEqual([[4002, `Too many malformed messages ${'x'.repeat(95)}`]]);
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
    'the client refuses protocol %j (core check, OCPP-J 2.0.1 §3.2): non-retryable, closed 1002 → 4002',
    async (protocol, message) => {
      const client = new OCPPClient({
        endpoint: 'ws://127.0.0.1:9/ocpp',
        identity: 'CP-1',
        protocols: ['ocpp2.0.1', 'ocpp1.6'],
        WebSocket: FakeWebSocket,
        reconnect: false,
      });
      const connecting = client.connect();
      const ws = FakeWebSocket.last!;
      ws.open(protocol);
      const error = await connecting.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectError);
      expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(message) });
      expect(ws.closeCalls).toEqual([[4002, 'No agreed subprotocol']]);
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
