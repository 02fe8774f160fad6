import type { CloseInfo } from './transport.js';

// One rule for every close frame any adapter sends, on both sides. RFC 6455 §5.5 caps a control
// frame's payload at 125 bytes, 2 of them the code, so a reason has at most 123 UTF-8 bytes; the
// runtimes disagree on what to do with a longer one (`ws` throws a RangeError, workerd throws and
// sends nothing, Deno cuts it), so it is cut here, on a character boundary, before they see it.
// Codes: RFC 6455 §7.4.1 lists which a close frame may carry; the WHATWG WebSocket API allows a
// script only 1000 and 3000–4999 (browsers and Deno's client throw InvalidAccessError otherwise).

/**
 * The longest close reason that fits a close frame, in UTF-8 bytes (RFC 6455 §5.5).
 *
 * @example
 * ```ts
 * new TextEncoder().encode(truncateCloseReason(reason)).length <= MAX_CLOSE_REASON_BYTES; // true
 * ```
 */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Which close codes a runtime lets a program send:
 * - `'protocol'`: what RFC 6455 §7.4.1 allows on the wire (1000–1003, 1007–1014, 3000–4999) —
 *   `ws`, Deno's server sockets, workerd;
 * - `'script'`: what the WHATWG WebSocket API's `close()` allows (1000, 3000–4999) — browsers
 *   and Deno's client sockets.
 */
export type CloseCodes = 'protocol' | 'script';

/**
 * The close code and reason an adapter hands its runtime for a close the engine (or your code)
 * asked for:
 * - a code the runtime may send passes through;
 * - under `'script'` rules, 1001–1999 become 4000 + (code − 1000) — 1002 → 4002, 1009 → 4009 —
 *   so the peer still reads the RFC code, in the private-use range (RFC 6455 §7.4.2);
 * - anything else becomes 1000, with the asked-for code kept at the front of the reason;
 * - the reason is cut to {@link MAX_CLOSE_REASON_BYTES} without splitting a character.
 *
 * @example
 * ```ts
 * sendableClose(1009, 'Frame too large');            // { code: 1009, reason: 'Frame too large' }
 * sendableClose(1009, 'Frame too large', 'script');  // { code: 4009, reason: 'Frame too large' }
 * sendableClose(1006, 'gone');                       // { code: 1000, reason: '1006 gone' }
 * ```
 */
export function sendableClose(code: number, reason: string, codes: CloseCodes = 'protocol'): CloseInfo {
  const allowed =
    code === 1000 ||
    (code >= 3000 && code <= 4999) ||
    (codes === 'protocol' && code > 1000 && code <= 1014 && (code < 1004 || code > 1006));
  const sent = allowed
    ? code
    : codes === 'script' && code > 1000 && code < 2000
      ? 4000 + (code - 1000)
      : 1000;
  const text = sent === 1000 && code !== 1000 ? `${code}${reason ? ` ${reason}` : ''}` : reason;
  return { code: sent, reason: truncateCloseReason(text) };
}

/**
 * Cuts `reason` to at most {@link MAX_CLOSE_REASON_BYTES} UTF-8 bytes without splitting a
 * character, so no runtime's `close()` throws over a long reason (RFC 6455 §5.5).
 *
 * @example
 * ```ts
 * truncateCloseReason('x'.repeat(200)).length; // 123
 * ```
 */
export function truncateCloseReason(reason: string): string {
  // encodeInto writes whole characters only (a surrogate pair is kept or dropped whole; a lone
  // surrogate counts as the 3 bytes of U+FFFD, as the runtimes encode it) and says how many
  // UTF-16 units it consumed: the longest prefix that fits.
  const { read } = new TextEncoder().encodeInto(reason, new Uint8Array(MAX_CLOSE_REASON_BYTES));
  return reason.slice(0, read);
}

/**
 * How the engine closes on a binary frame: 1003, "received a type of data it cannot accept"
 * (RFC 6455 §7.4.1), because OCPP-J messages are UTF-8 JSON text (OCPP-J 1.6, 2.0.1 and 2.1 §4.1.2).
 *
 * @example
 * ```ts
 * station.on('close', ({ code }) => code === BINARY_FRAME_CLOSE.code && console.warn('peer sent binary'));
 * ```
 */
export const BINARY_FRAME_CLOSE: CloseInfo = { code: 1003, reason: 'OCPP-J uses text frames only' };

/**
 * How the engine closes on a frame over `maxFrameBytes`: 1009, "message too big to process"
 * (RFC 6455 §7.4.1). An adapter whose runtime enforces a size limit of its own closes the same way.
 *
 * @example
 * ```ts
 * station.on('close', ({ code }) => code === FRAME_TOO_LARGE_CLOSE.code && console.warn('frame too large'));
 * ```
 */
export const FRAME_TOO_LARGE_CLOSE: CloseInfo = { code: 1009, reason: 'Frame too large' };
