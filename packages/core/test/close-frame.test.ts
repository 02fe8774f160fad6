// The close-frame rule every adapter applies before its runtime sees a close (one rule, in core).
import { describe, expect, it } from 'vitest';
import {
  BufferedTransport,
  MAX_CLOSE_REASON_BYTES,
  sendableClose,
  type TransportSink,
  truncateCloseReason,
} from '../src/index.js';

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('sendableClose: codes (RFC 6455 §7.4.1; WHATWG WebSockets close() steps 1–2)', () => {
  it.each([
    // asked, protocol rule (ws, Deno server, workerd), script rule (browsers, Deno client)
    [1000, 1000, 1000],
    [1001, 1001, 4001],
    [1002, 1002, 4002],
    [1003, 1003, 4003],
    [1004, 1000, 4004],
    [1005, 1000, 4005],
    [1006, 1000, 4006],
    [1008, 1008, 4008],
    [1009, 1009, 4009],
    [1011, 1011, 4011],
    [1014, 1014, 4014],
    [1015, 1000, 4015],
    [2000, 1000, 1000],
    [3000, 3000, 3000],
    [4999, 4999, 4999],
    [5000, 1000, 1000],
    [999, 1000, 1000],
  ])('%i → %i on the wire, %i from a script', (asked, protocol, script) => {
    expect(sendableClose(asked, 'why').code).toBe(protocol);
    expect(sendableClose(asked, 'why', 'script').code).toBe(script);
  });

  it('keeps a code that had to become 1000 at the front of the reason', () => {
    expect(sendableClose(2500, 'custom', 'script')).toEqual({ code: 1000, reason: '2500 custom' });
    expect(sendableClose(1006, '')).toEqual({ code: 1000, reason: '1006' });
    expect(sendableClose(1009, 'Frame too large', 'script')).toEqual({
      code: 4009,
      reason: 'Frame too large',
    });
    expect(sendableClose(1000, 'bye')).toEqual({ code: 1000, reason: 'bye' });
  });
});

describe('truncateCloseReason: at most 123 UTF-8 bytes, never half a character (RFC 6455 §5.5)', () => {
  it('cuts on a character boundary', () => {
    expect(MAX_CLOSE_REASON_BYTES).toBe(123);
    expect(truncateCloseReason('€'.repeat(50))).toBe('€'.repeat(41)); // 3 bytes each
    expect(truncateCloseReason('🔌'.repeat(40))).toBe('🔌'.repeat(30)); // 4 bytes, a surrogate pair
    expect(truncateCloseReason('short')).toBe('short');
    // A lone surrogate is sent as U+FFFD (3 bytes): 1 + 40 × 3 = 121 bytes fit, a 41st would not.
    expect(truncateCloseReason(`a${'\uD800'.repeat(60)}`)).toBe(`a${'\uD800'.repeat(40)}`);
    expect(truncateCloseReason('x'.repeat(123))).toBe('x'.repeat(123));
    expect(truncateCloseReason('x'.repeat(124))).toBe('x'.repeat(123));
  });

  it('applies to the reason sendableClose returns, code prefix included', () => {
    const { reason } = sendableClose(2500, 'é'.repeat(100), 'script');
    expect(bytes(reason)).toBeLessThanOrEqual(123);
    expect(reason.startsWith('2500 é')).toBe(true);
  });
});

/** A transport over nothing: records what its runtime would have been asked to do. */
class RecordingTransport extends BufferedTransport {
  readonly protocol = 'ocpp2.0.1';
  readonly closes: Array<[number, string]> = [];
  send(): void {}
  protected closeSocket(code: number, reason: string): void {
    this.closes.push([code, reason]);
  }
}

function recorder(): { events: string[]; sink: TransportSink } {
  const events: string[] = [];
  return {
    events,
    sink: {
      message: (data) => events.push(`message ${data}`),
      binary: () => events.push('binary'),
      close: (info) => events.push(`close ${info.code} ${info.reason}`),
      error: (error) => events.push(`error ${error.message}`),
    },
  };
}

describe('BufferedTransport (what every adapter inherits)', () => {
  it('keeps what arrives before attach, in order, and delivers it on attach', () => {
    const transport = new RecordingTransport();
    transport.onText('one');
    transport.onBinary();
    transport.onError(new Error('boom'));
    transport.onClose({ code: 1006, reason: '' });
    const { events, sink } = recorder();
    transport.attach(sink);
    expect(events).toEqual(['message one', 'binary', 'error boom', 'close 1006 ']);
    transport.onText('two');
    expect(events.at(-1)).toBe('message two');
  });

  it('reports the close once, whoever reports it first, and closes no more after it', () => {
    const transport = new RecordingTransport();
    const { events, sink } = recorder();
    transport.attach(sink);
    transport.onClose({ code: 1000, reason: 'a' });
    transport.onClose({ code: 1006, reason: 'b' });
    transport.close(1000, 'late');
    expect(events).toEqual(['close 1000 a']);
    expect(transport.closes).toEqual([]);
    expect(transport.isClosed).toBe(true);
  });

  it('hands its runtime a sendable code and a reason cut to 123 bytes (RFC 6455 §5.5)', () => {
    const transport = new RecordingTransport();
    transport.close(1000, 'r'.repeat(200));
    transport.close(1006, 'gone');
    expect(transport.closes).toEqual([
      [1000, 'r'.repeat(123)],
      [1000, '1006 gone'],
    ]);
  });
});
