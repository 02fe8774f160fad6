// Browsers refuse to send most close codes: `WebSocket.close(code)` throws InvalidAccessError
// unless code is 1000 or 3000–4999, and SyntaxError when the reason exceeds 123 UTF-8 bytes
// (WHATWG WebSockets, "close(code, reason)" steps 1–2; RFC 6455 §5.5.1 caps the close payload at
// 125 bytes, 2 of which are the code). The core asks for RFC 6455 codes such as 1002 (protocol
// error, too many bad frames) or 1009 (frame too big), so the transport translates them here.

/**
 * The longest close reason a browser accepts, in UTF-8 bytes.
 *
 * @example
 * ```ts
 * new TextEncoder().encode(truncateCloseReason(reason)).length <= MAX_CLOSE_REASON_BYTES; // true
 * ```
 */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Maps a close code the core (or your code) asks for onto one a browser may send:
 * - 1000 and 3000–4999 pass through;
 * - 1001–1999 (RFC 6455 codes a browser may not send, e.g. 1002, 1008, 1009) become
 *   4000 + (code − 1000), so 1002 → 4002, 1009 → 4009: the CSMS still sees which RFC code was
 *   meant, in the private-use range (RFC 6455 §7.4.2);
 * - anything else becomes 1000 (normal closure); {@link browserCloseArgs} keeps the asked-for
 *   code in the reason.
 *
 * @example
 * ```ts
 * browserCloseCode(1009); // 4009
 * browserCloseCode(1000); // 1000
 * browserCloseCode(4321); // 4321
 * ```
 */
export function browserCloseCode(code: number): number {
  if (code === 1000 || (code >= 3000 && code <= 4999)) return code;
  if (code > 1000 && code < 2000) return 4000 + (code - 1000);
  return 1000;
}

/**
 * Cuts `reason` to at most {@link MAX_CLOSE_REASON_BYTES} UTF-8 bytes without splitting a
 * character, so `close()` never throws over a long reason.
 *
 * @example
 * ```ts
 * truncateCloseReason('x'.repeat(200)).length; // 123
 * ```
 */
export function truncateCloseReason(reason: string): string {
  // encodeInto writes whole characters only (a surrogate pair is kept or dropped whole; a lone
  // surrogate counts as the 3 bytes of U+FFFD, as in close() itself) and says how many UTF-16
  // units it consumed: the longest prefix that fits, without a loop of our own.
  const { read } = new TextEncoder().encodeInto(reason, new Uint8Array(MAX_CLOSE_REASON_BYTES));
  return reason.slice(0, read);
}

/**
 * The code and reason to hand to a browser's `close()`: {@link browserCloseCode}, and when the
 * code had to fall back to 1000, the asked-for code is kept at the front of the reason so logs
 * on the CSMS side still show it.
 *
 * @example
 * ```ts
 * browserCloseArgs(2500, 'custom'); // { code: 1000, reason: '2500 custom' }
 * ```
 */
export function browserCloseArgs(code: number, reason: string): { code: number; reason: string } {
  const mapped = browserCloseCode(code);
  const text = mapped === 1000 && code !== 1000 ? `${code}${reason ? ` ${reason}` : ''}` : reason;
  return { code: mapped, reason: truncateCloseReason(text) };
}
