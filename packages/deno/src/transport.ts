import type { Transport, TransportSink } from '@ocpp-ws-io/core';
import { CONNECTING, OPEN, type WebSocketLike } from './socket.js';

// RFC 6455 §5.5: a close frame's body is at most 125 bytes, 2 of them the code.
const MAX_REASON_BYTES = 123;

/**
 * Maps one Deno `WebSocket` (client or server side) onto the core {@link Transport}.
 *
 * Two Deno specifics shape it:
 * - A server socket is still CONNECTING when the handler has it: the 101 goes out only after the
 *   handler returns its response. The engine may send (a CSMS-initiated call in a `client`
 *   listener) or close before that, so frames and a close are held until `open`.
 * - Events that fire before the engine `attach`es are buffered, as the contract requires.
 *
 * @example
 * ```ts
 * const { socket, response } = Deno.upgradeWebSocket(request);
 * server.accept(new DenoSocketTransport(socket, 'ocpp2.0.1'), accepted);
 * return response;
 * ```
 */
export class DenoSocketTransport implements Transport {
  private sink: TransportSink | undefined;
  private backlog: Array<(sink: TransportSink) => void> = [];
  private outbox: string[] | undefined;
  private deferredClose: { code: number; reason: string } | undefined;

  /**
   * @param socket the Deno WebSocket.
   * @param protocol the agreed subprotocol. Passed in because a Deno server socket reports
   *   `protocol === ""` even after we echoed one.
   */
  constructor(
    private readonly socket: WebSocketLike,
    readonly protocol: string,
  ) {
    if (socket.readyState === CONNECTING) {
      this.outbox = [];
      socket.addEventListener('open', () => this.flush());
    }
    socket.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') {
        this.deliver((sink) => sink.message(data));
        return;
      }
      // OCPP-J messages are JSON text (OCPP-J 2.0.1 §4.1.2); a binary frame is a data type we
      // cannot accept, which RFC 6455 §7.4.1 answers with 1003.
      this.close(1003, 'OCPP-J uses text frames only');
    });
    socket.addEventListener('close', ({ code, reason }) => {
      this.outbox = undefined;
      this.deliver((sink) => sink.close({ code, reason }));
    });
    socket.addEventListener('error', (event) => {
      const error =
        event.error instanceof Error ? event.error : new Error(event.message || 'WebSocket error');
      this.deliver((sink) => sink.error(error));
    });
  }

  send(data: string): void {
    if (this.outbox) this.outbox.push(data);
    else if (this.socket.readyState === OPEN) this.socket.send(data);
  }

  close(code = 1000, reason = ''): void {
    const trimmed = truncateUtf8(reason, MAX_REASON_BYTES);
    if (this.outbox) {
      this.deferredClose ??= { code, reason: trimmed };
      return;
    }
    if (this.socket.readyState > OPEN) return;
    try {
      this.socket.close(code, trimmed);
    } catch {
      // Deno's *client* WebSocket follows the WHATWG rule that scripts may only send 1000 or
      // 3000-4999 and throws InvalidAccessError for e.g. 1002 or 1009 (server sockets take any
      // code). Close normally rather than not at all; the reason still says why.
      this.socket.close(1000, trimmed);
    }
  }

  attach(sink: TransportSink): void {
    this.sink = sink;
    const backlog = this.backlog;
    this.backlog = [];
    for (const event of backlog) event(sink);
  }

  private flush(): void {
    const outbox = this.outbox ?? [];
    this.outbox = undefined;
    for (const frame of outbox) this.socket.send(frame);
    if (this.deferredClose) this.close(this.deferredClose.code, this.deferredClose.reason);
  }

  private deliver(event: (sink: TransportSink) => void): void {
    if (this.sink) event(this.sink);
    else this.backlog.push(event);
  }
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
