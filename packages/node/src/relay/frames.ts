// The relay's half of the relay protocol, version 1; the page's half is `relayConnector` in
// @ocpp-ws-io/station, and docs/guides/fleets.md ("The relay protocol") is the reference both
// follow. Every frame is one text message, `<kind> SP <channel> SP <body>`:
//
//   page → relay:  open <ch> {"url","protocols","identity","password"?,"headers"?}
//                  send <ch> <OCPP-J frame, verbatim>
//                  close <ch> {"code","reason"}
//   relay → page:  opened <ch> {"protocol"} | refused <ch> {"message","status"?,"retryable"}
//                  message <ch> <OCPP-J frame, verbatim> | closed <ch> {"code","reason"}
//                  binary <ch> {}  (the CSMS sent a binary frame: the page's engine closes with 1003)
//                  error <ch> {"message"}     (channel 0: about the link itself)
//
// The relay never parses an OCPP frame: `send` bodies go to the CSMS as they came.

/**
 * The subprotocol of relay protocol version 1; a page must offer it.
 *
 * @example
 * ```ts
 * new WebSocket(relayUrl, [RELAY_PROTOCOL]);
 * ```
 */
export const RELAY_PROTOCOL = 'ocpp-ws-io-relay.v1';

/**
 * What a page asks for in an `open` frame: one station's connection to its CSMS.
 *
 * @example
 * ```ts
 * const open: RelayOpenRequest = { url: 'ws://127.0.0.1:8787/ocpp/CP-1', protocols: ['ocpp1.6'], identity: 'CP-1' };
 * ```
 */
export interface RelayOpenRequest {
  readonly url: string;
  readonly protocols: readonly string[];
  readonly identity: string;
  readonly password?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A page → relay frame, parsed.
 *
 * @example
 * ```ts
 * const frame: PageFrame = { kind: 'send', channel: 3, data: '[2,"1","Heartbeat",{}]' };
 * ```
 */
export type PageFrame =
  | { readonly kind: 'open'; readonly channel: number; readonly request: RelayOpenRequest }
  | { readonly kind: 'send'; readonly channel: number; readonly data: string }
  | { readonly kind: 'close'; readonly channel: number; readonly code: number; readonly reason: string };

/**
 * Why a page frame could not be read; `channel` is set when the frame named one (then the relay
 * answers on that channel, e.g. refuses the `open`).
 *
 * @example
 * ```ts
 * const problem: FrameProblem = { problem: 'open: url is missing', channel: 3 };
 * ```
 */
export interface FrameProblem {
  readonly problem: string;
  readonly channel?: number;
}

/** Channel numbers: decimal, 1 … 2^53 − 1, no sign, no leading zero (0 is the link's own). */
const CHANNEL = /^[1-9]\d{0,15}$/;

/**
 * Reads a page → relay frame.
 *
 * @example
 * ```ts
 * parsePageFrame('send 3 [2,"1","Heartbeat",{}]'); // { kind: 'send', channel: 3, data: '[2,"1","Heartbeat",{}]' }
 * parsePageFrame('hello');                         // { problem: 'expected "<kind> <channel> <body>"' }
 * ```
 */
export function parsePageFrame(text: string): PageFrame | FrameProblem {
  const first = text.indexOf(' ');
  const second = first < 0 ? -1 : text.indexOf(' ', first + 1);
  if (second < 0) return { problem: 'expected "<kind> <channel> <body>"' };
  const kind = text.slice(0, first);
  const number = text.slice(first + 1, second);
  if (!CHANNEL.test(number) || !Number.isSafeInteger(Number(number)))
    return { problem: `bad channel ${JSON.stringify(number.slice(0, 20))}: a decimal number ≥ 1` };
  const channel = Number(number);
  const body = text.slice(second + 1);
  if (kind === 'send') return { kind, channel, data: body };
  if (kind !== 'open' && kind !== 'close')
    return {
      problem: `unknown frame kind ${JSON.stringify(kind.slice(0, 20))}: open, send or close`,
      channel,
    };
  let fields: unknown;
  try {
    fields = JSON.parse(body);
  } catch {
    return { problem: `${kind}: the body is not JSON`, channel };
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    return { problem: `${kind}: the body is not a JSON object`, channel };
  return kind === 'open'
    ? readOpen(channel, fields as Record<string, unknown>)
    : readClose(channel, fields as Record<string, unknown>);
}

function readOpen(channel: number, f: Record<string, unknown>): PageFrame | FrameProblem {
  const bad = (problem: string) => ({ problem: `open: ${problem}`, channel });
  if (typeof f.url !== 'string') return bad('url must be a string');
  if (typeof f.identity !== 'string' || f.identity === '') return bad('identity must be a non-empty string');
  if (
    !Array.isArray(f.protocols) ||
    f.protocols.length === 0 ||
    !f.protocols.every((p) => typeof p === 'string')
  )
    return bad('protocols must be a non-empty array of strings');
  if (f.password !== undefined && typeof f.password !== 'string') return bad('password must be a string');
  if (
    f.headers !== undefined &&
    (typeof f.headers !== 'object' ||
      f.headers === null ||
      !Object.values(f.headers).every((v) => typeof v === 'string'))
  )
    return bad('headers must be an object of strings');
  const request: RelayOpenRequest = {
    url: f.url,
    identity: f.identity,
    protocols: f.protocols as string[],
    ...(f.password !== undefined ? { password: f.password } : {}),
    ...(f.headers !== undefined ? { headers: f.headers as Record<string, string> } : {}),
  };
  return { kind: 'open', channel, request };
}

function readClose(channel: number, f: Record<string, unknown>): PageFrame {
  return {
    kind: 'close',
    channel,
    code: typeof f.code === 'number' ? f.code : 1000,
    reason: typeof f.reason === 'string' ? f.reason : '',
  };
}

/**
 * A relay → page frame as text.
 *
 * @example
 * ```ts
 * relayFrame('opened', 3, { protocol: 'ocpp1.6' }); // 'opened 3 {"protocol":"ocpp1.6"}'
 * relayFrame('message', 3, '[3,"1",{}]');           // 'message 3 [3,"1",{}]'
 * ```
 */
export function relayFrame(
  kind: 'opened' | 'refused' | 'message' | 'binary' | 'closed' | 'error',
  channel: number,
  body: string | object,
): string {
  return `${kind} ${channel} ${typeof body === 'string' ? body : JSON.stringify(body)}`;
}
