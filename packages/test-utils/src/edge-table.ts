// The cross-runtime table: edge behaviours every server (Node, Deno, workerd) and every client
// (Node, Chromium, Deno, Worker) of ours must show alike, as data. Each runtime package runs it
// with a harness of its own (test/cross-runtime.test.ts); the peer on the other end is always a
// raw Node `ws` socket (src/edge-peers.ts), so what is asserted is what goes over the wire.
// Where a runtime imposes a behaviour of its own before our code sees anything, the case says so
// in `imposed`, and the harness pins that instead: the exception is written down, and a change in
// the runtime shows up as a failure.
import { LONG_REASON } from '../fixtures/edge-endpoint.js';

/** A runtime one of our endpoints runs in. `workerd` is the Durable Object server and the Worker client. */
export type EdgeRuntime = 'node' | 'deno' | 'workerd' | 'chromium';

/** Our server (a station connection) or our client. */
export type EdgeSide = 'server' | 'client';

/** What one case ended in, as seen from the wire (and, for a client that never connected, its error). */
export type EdgeOutcome =
  /** Our endpoint closed the connection; `replies` are the frames it sent before. */
  | {
      readonly closed: { readonly code: number; readonly reason: string };
      readonly replies: readonly unknown[];
    }
  /** Our endpoint answered with this frame (and kept the connection). */
  | { readonly reply: unknown }
  /** Our endpoint answered the peer's ping with this payload. */
  | { readonly pong: string }
  /** Our server refused the upgrade at the HTTP level. */
  | { readonly refused: { readonly status: number; readonly challenge: string | undefined } }
  /** Our server completed the upgrade with this subprotocol header, then closed with this code. */
  | { readonly upgraded: { readonly protocol: string | undefined; readonly closeCode: number | undefined } }
  /** Our client's connect() rejected with a ConnectError like this. */
  | { readonly connectError: { readonly status: number | undefined; readonly retryable: boolean } };

/** One row of the table. */
export interface EdgeCase {
  /** Short name; the station identity is `EDGE-<id>`. */
  readonly id: string;
  /** What the peer does and what must happen, with the clause that says so. */
  readonly title: string;
  /** The outcome on each side the case applies to. */
  readonly expected: { readonly server?: EdgeOutcome; readonly client?: EdgeOutcome };
  /**
   * The close is the WebSocket implementation's, not our code's (RFC 6455 §8.1 "Fail the
   * WebSocket Connection"): no script-side code mapping applies to it.
   */
  readonly closedByRuntime?: true;
  /** Where a runtime decides before our code does: its outcome, and why. Keyed `side:runtime`. */
  readonly imposed?: Readonly<
    Partial<Record<`${EdgeSide}:${EdgeRuntime}`, { outcome: EdgeOutcome; why: string }>>
  >;
}

/** The servers and clients the table runs against. */
export const EDGE_RUNTIMES: Readonly<Record<EdgeSide, readonly EdgeRuntime[]>> = {
  server: ['node', 'deno', 'workerd'],
  client: ['node', 'chromium', 'deno', 'workerd'],
};

/**
 * Sides whose WebSocket API lets a script send only 1000 and 3000–4999 (WHATWG WebSockets
 * close()): there the same close goes out as 4000 + (code − 1000), the private-use code that
 * names the RFC 6455 one (RFC 6455 §7.4.2; the core's sendableClose).
 */
const SCRIPT_CLOSE_CODES: ReadonlySet<string> = new Set(['client:chromium', 'client:deno']);

/** The largest frame any of our endpoints accepts by default (maxFrameBytes, 1 MiB). */
export const EDGE_MAX_FRAME_BYTES = 1024 * 1024;

const closes = (code: number, reason: string, replies: readonly unknown[] = []): EdgeOutcome => ({
  closed: { code, reason },
  replies,
});

const BINARY = closes(1003, 'OCPP-J uses text frames only');
const TOO_LARGE = closes(1009, 'Frame too large');
/** The first 61 "é" of LONG_REASON: 122 bytes; a 62nd would split at byte 123. */
const CUT_REASON = LONG_REASON.slice(0, 61);
const ACCEPTED = [3, 'long1', { status: 'Accepted' }];

/** The table. */
export const EDGE_CASES: readonly EdgeCase[] = [
  {
    id: 'binary-call',
    title:
      'a binary frame carrying a valid CALL is refused unread with 1003 (OCPP-J 2.0.1 §4.1.2: UTF-8 text; RFC 6455 §7.4.1)',
    expected: { server: BINARY, client: BINARY },
  },
  {
    id: 'close-long',
    title:
      'a close with a 200-byte reason goes out with the reason cut to 123 bytes on a character boundary (RFC 6455 §5.5)',
    expected: { server: closes(1000, CUT_REASON, [ACCEPTED]), client: closes(1000, CUT_REASON, [ACCEPTED]) },
  },
  {
    id: 'oversized-just-over',
    title: 'a frame 100 bytes over maxFrameBytes closes with 1009 "Frame too large" (RFC 6455 §7.4.1)',
    expected: { server: TOO_LARGE, client: TOO_LARGE },
  },
  {
    id: 'oversized-double',
    title:
      'a frame of twice maxFrameBytes closes with 1009 "Frame too large", also where the runtime enforces the limit (RFC 6455 §7.4.1)',
    expected: { server: TOO_LARGE, client: TOO_LARGE },
  },
  {
    id: 'invalid-utf8',
    title: 'a text frame that is not UTF-8 fails the connection with 1007 (RFC 6455 §8.1, §7.4.1)',
    expected: { server: closes(1007, ''), client: closes(1007, '') },
    closedByRuntime: true,
    imposed: {
      'server:deno': {
        outcome: closes(1006, ''),
        why: 'Deno drops the TCP connection on such a frame without a close frame (the peer sees 1006), before any script sees it',
      },
      'client:deno': {
        outcome: closes(1006, ''),
        why: 'Deno drops the TCP connection on such a frame without a close frame (the peer sees 1006), before any script sees it',
      },
      'client:chromium': {
        outcome: closes(1002, 'Invalid UTF-8 in text frame'),
        why: 'Chromium fails the connection itself, with 1002 (protocol error) rather than 1007, before the page sees the frame',
      },
      'server:workerd': {
        outcome: { reply: [3, 'utf1', { status: 'Accepted' }] },
        why: 'workerd decodes the frame with U+FFFD in place of the bad bytes and hands on valid text: the CALL is answered (a script cannot tell)',
      },
      'client:workerd': {
        outcome: { reply: [3, 'utf1', { status: 'Accepted' }] },
        why: 'workerd decodes the frame with U+FFFD in place of the bad bytes and hands on valid text: the CALL is answered (a script cannot tell)',
      },
    },
  },
  {
    id: 'unauthorized',
    title:
      'a wrong Basic-auth password: 401 with a Basic challenge; the client reports a final ConnectError (OCPP 2.0.1 security profile 1)',
    expected: {
      server: { refused: { status: 401, challenge: 'Basic realm="ocpp", charset="UTF-8"' } },
      client: { connectError: { status: 401, retryable: false } },
    },
    imposed: {
      'client:chromium': {
        outcome: { connectError: { status: undefined, retryable: true } },
        why: 'a browser hides the HTTP status of a failed handshake (WHATWG WebSockets): a 401 looks like an unreachable host, close 1006',
      },
    },
  },
  {
    id: 'no-common-subprotocol',
    title:
      'no common subprotocol: the server upgrades without Sec-WebSocket-Protocol and closes with 1002; the client refuses for good (OCPP-J 2.0.1 §3.2)',
    expected: {
      server: { upgraded: { protocol: undefined, closeCode: 1002 } },
      client: { connectError: { status: undefined, retryable: false } },
    },
    imposed: {
      'client:chromium': {
        outcome: { connectError: { status: undefined, retryable: true } },
        why: 'Chromium fails a handshake whose 101 names no subprotocol itself (RFC 6455 §4.1) and reports only close 1006',
      },
    },
  },
  {
    id: 'fragmented-call',
    title: 'a CALL in three fragments is one message, and is answered (RFC 6455 §5.4)',
    expected: {
      server: { reply: [3, 'frag1', { status: 'Accepted' }] },
      client: { reply: [3, 'frag1', { status: 'Accepted' }] },
    },
  },
  {
    id: 'ping',
    title: 'a ping is answered with a pong carrying its payload (RFC 6455 §5.5.2, §5.5.3)',
    expected: { server: { pong: 'edge-ping' }, client: { pong: 'edge-ping' } },
  },
];

/** The outcome `runtime` must show on `side` for `edgeCase`, or undefined when the case does not apply. */
export function expectedOutcome(
  edgeCase: EdgeCase,
  side: EdgeSide,
  runtime: EdgeRuntime,
): EdgeOutcome | undefined {
  const imposed = edgeCase.imposed?.[`${side}:${runtime}`];
  if (imposed) return imposed.outcome;
  const outcome = edgeCase.expected[side];
  if (!outcome || !('closed' in outcome) || edgeCase.closedByRuntime) return outcome;
  if (!SCRIPT_CLOSE_CODES.has(`${side}:${runtime}`)) return outcome;
  const { code, reason } = outcome.closed;
  return code > 1000 && code < 2000 ? { ...outcome, closed: { code: code + 3000, reason } } : outcome;
}

/** The cases that apply to `side` (each runtime's harness runs all of them). */
export function edgeCasesFor(side: EdgeSide): readonly EdgeCase[] {
  return EDGE_CASES.filter((c) => c.expected[side] !== undefined);
}
