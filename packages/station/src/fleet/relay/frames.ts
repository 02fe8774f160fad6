// The page's half of the relay protocol, version 1 (docs/guides/fleets.md, "The relay protocol").
// One WebSocket between the page and the relay carries many stations, each on a numbered
// channel. Every frame is one text message:
//
//   <kind> SP <channel> SP <body>
//
// page → relay:  open <ch> {"url","protocols","identity","password"?,"headers"?}
//                send <ch> <OCPP-J frame, verbatim>
//                close <ch> {"code","reason"}
// relay → page:  opened <ch> {"protocol"}
//                refused <ch> {"message","status"?,"retryable"}
//                message <ch> <OCPP-J frame, verbatim>
//                binary <ch> {}                  (the CSMS sent a binary frame; content not forwarded)
//                closed <ch> {"code","reason"}
//                error <ch> {"message"}          (channel 0: about the link itself)
//
// OCPP frames travel verbatim after the second space (no JSON-in-JSON escaping, and the relay
// never parses them); control bodies are JSON objects. The version is the WebSocket subprotocol.

/**
 * The subprotocol a page offers to the relay; its suffix is the protocol version.
 *
 * @example
 * ```ts
 * new WebSocket('ws://127.0.0.1:9100/', [RELAY_PROTOCOL]);
 * ```
 */
export const RELAY_PROTOCOL = 'ocpp-ws-io-relay.v1';

/**
 * A frame the relay sends to the page, parsed.
 *
 * @example
 * ```ts
 * const frame: RelayFrame = { kind: 'opened', channel: 3, protocol: 'ocpp1.6' };
 * ```
 */
export type RelayFrame =
  | { readonly kind: 'opened'; readonly channel: number; readonly protocol: string }
  | {
      readonly kind: 'refused';
      readonly channel: number;
      readonly message: string;
      readonly status: number | undefined;
      readonly retryable: boolean;
    }
  | { readonly kind: 'message'; readonly channel: number; readonly data: string }
  | { readonly kind: 'binary'; readonly channel: number }
  | { readonly kind: 'closed'; readonly channel: number; readonly code: number; readonly reason: string }
  | { readonly kind: 'error'; readonly channel: number; readonly message: string };

/**
 * A page → relay frame as text.
 *
 * @example
 * ```ts
 * pageFrame('send', 3, '[2,"1","Heartbeat",{}]'); // 'send 3 [2,"1","Heartbeat",{}]'
 * pageFrame('close', 3, { code: 1000, reason: '' });
 * ```
 */
export function pageFrame(kind: 'open' | 'send' | 'close', channel: number, body: string | object): string {
  return `${kind} ${channel} ${typeof body === 'string' ? body : JSON.stringify(body)}`;
}

/**
 * Reads a relay → page frame; a string says what is wrong with it.
 *
 * @example
 * ```ts
 * parseRelayFrame('opened 3 {"protocol":"ocpp1.6"}'); // { kind: 'opened', channel: 3, protocol: 'ocpp1.6' }
 * parseRelayFrame('hello');                          // 'no channel'
 * ```
 */
export function parseRelayFrame(text: string): RelayFrame | string {
  const first = text.indexOf(' ');
  const second = first < 0 ? -1 : text.indexOf(' ', first + 1);
  if (second < 0) return 'no channel';
  const kind = text.slice(0, first);
  const channel = Number(text.slice(first + 1, second));
  if (!Number.isSafeInteger(channel) || channel < 0) return `bad channel ${text.slice(first + 1, second)}`;
  const body = text.slice(second + 1);
  if (kind === 'message') return { kind, channel, data: body };
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return `${kind}: body is not JSON`;
  }
  if (typeof fields !== 'object' || fields === null) return `${kind}: body is not an object`;
  const str = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  switch (kind) {
    case 'opened': {
      const protocol = str('protocol');
      return protocol === undefined ? 'opened: no protocol' : { kind, channel, protocol };
    }
    case 'refused': {
      const status = typeof fields.status === 'number' ? fields.status : undefined;
      return {
        kind,
        channel,
        message: str('message') ?? 'refused',
        status,
        retryable: fields.retryable === true,
      };
    }
    case 'closed':
      return {
        kind,
        channel,
        code: typeof fields.code === 'number' ? fields.code : 1006,
        reason: str('reason') ?? '',
      };
    case 'binary':
      return { kind, channel };
    case 'error':
      return { kind, channel, message: str('message') ?? 'relay error' };
    default:
      return `unknown frame kind ${JSON.stringify(kind.slice(0, 20))}`;
  }
}
