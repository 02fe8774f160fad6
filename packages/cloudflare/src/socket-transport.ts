import type { CloseInfo, Transport, TransportSink } from '@ocpp-ws-io/core';
import type { WebSocketLike } from './like.js';

// RFC 6455 §7.4.1: codes that only describe a close and may never be sent in a close frame.
const UNSENDABLE = new Set([1005, 1006, 1015]);

// The message id of an inbound CALL / outbound CALLRESULT or CALLERROR, read without parsing the
// whole frame (the core parses it properly; this only pairs a reply with its call).
const CALL_ID = /^\s*\[\s*2\s*,\s*"((?:[^"\\]|\\.){1,80})"/;
const REPLY_ID = /^\s*\[\s*[34]\s*,\s*"((?:[^"\\]|\\.){1,80})"/;

function idOf(pattern: RegExp, frame: string): string | undefined {
  const raw = pattern.exec(frame)?.[1];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * The core {@link Transport} over one Workers WebSocket. Events are pushed in by its owner:
 * the Durable Object's `webSocketMessage/Close/Error` methods for a hibernatable socket, or
 * {@link listenTo} for a standard socket from a `fetch()` upgrade.
 *
 * @example
 * ```ts
 * const transport = new SocketTransport(ws, 'ocpp1.6');
 * server.accept(transport, accepted);
 * await transport.receive('[2,"1","Heartbeat",{}]'); // resolves once the CALLRESULT was sent
 * ```
 */
export class SocketTransport implements Transport {
  private sink: TransportSink | undefined;
  private backlog: Array<(sink: TransportSink) => void> = [];
  private closedInfo: CloseInfo | undefined;
  private readonly replies = new Map<string, () => void>();

  constructor(
    readonly socket: WebSocketLike,
    readonly protocol: string,
    /** Longest time {@link receive} keeps its caller waiting for a handler's reply. */
    private readonly replyWaitMs = 60_000,
  ) {}

  get isClosed(): boolean {
    return this.closedInfo !== undefined;
  }

  send(data: string): void {
    if (this.closedInfo) return;
    this.socket.send(data);
    const id = idOf(REPLY_ID, data);
    if (id !== undefined) this.settleReply(id);
  }

  close(code = 1000, reason = ''): void {
    if (this.closedInfo) return;
    try {
      this.socket.close(UNSENDABLE.has(code) ? 1000 : code, reason);
    } catch {
      // Already closing or closed underneath us: the close below is what matters to the core.
    }
    // Finish now instead of waiting for the peer's close frame: a hibernatable socket may never
    // report it to this instance, and the core must not keep calls waiting on a dead socket.
    this.finish({ code, reason });
  }

  attach(sink: TransportSink): void {
    this.sink = sink;
    const backlog = this.backlog;
    this.backlog = [];
    for (const event of backlog) event(sink);
  }

  /**
   * Delivers one inbound text frame. For a CALL, resolves once its CALLRESULT/CALLERROR went
   * out (or after `replyWaitMs`, or on close), so a Durable Object event handler that awaits it
   * stays in progress while an async handler runs: the object is not evicted mid-handler.
   */
  receive(data: string): Promise<void> {
    const id = idOf(CALL_ID, data);
    let waiting: Promise<void> | undefined;
    if (id !== undefined && !this.replies.has(id)) {
      waiting = new Promise<void>((resolve) => {
        // The timer exists only while an event is in progress anyway, so it never blocks
        // hibernation on its own; it is cleared as soon as the reply is written.
        const timer = setTimeout(() => this.settleReply(id), this.replyWaitMs);
        this.replies.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.deliver((sink) => sink.message(data));
    return waiting ?? Promise.resolve();
  }

  /** The peer closed (or the runtime reported the socket closed). */
  closed(info: CloseInfo): void {
    this.finish(info);
  }

  /** The runtime reported a socket error; the socket is unusable afterwards. */
  errored(error: Error): void {
    if (this.closedInfo) return;
    this.deliver((sink) => sink.error(error));
    this.finish({ code: 1006, reason: error.message });
  }

  private settleReply(id: string): void {
    const settle = this.replies.get(id);
    this.replies.delete(id);
    settle?.();
  }

  private finish(info: CloseInfo): void {
    if (this.closedInfo) return;
    this.closedInfo = info;
    for (const id of [...this.replies.keys()]) this.settleReply(id);
    this.deliver((sink) => sink.close(info));
  }

  private deliver(event: (sink: TransportSink) => void): void {
    if (this.sink) event(this.sink);
    else this.backlog.push(event);
  }
}

/**
 * Drives a {@link SocketTransport} from a standard (non-hibernatable) socket's events.
 *
 * @example
 * ```ts
 * ws.accept();
 * const transport = listenTo(ws, new SocketTransport(ws, 'ocpp2.0.1'));
 * ```
 */
export function listenTo(ws: WebSocketLike, transport: SocketTransport): SocketTransport {
  ws.addEventListener('message', ({ data }) => {
    // OCPP-J frames are UTF-8 text frames (OCPP-J 1.6 §3, 2.x §3); binary has no meaning here.
    if (typeof data === 'string') void transport.receive(data);
    else transport.close(1003, 'OCPP-J frames are text');
  });
  ws.addEventListener('close', ({ code, reason }) => {
    // Answer the peer's close frame: without the reply, older compatibility dates leave the
    // peer waiting for it until its own timeout.
    try {
      ws.close(UNSENDABLE.has(code) ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
    transport.closed({ code, reason });
  });
  ws.addEventListener('error', (event) =>
    transport.errored(
      event.error instanceof Error ? event.error : new Error(event.message ?? 'WebSocket error'),
    ),
  );
  return transport;
}

export { UNSENDABLE as UNSENDABLE_CLOSE_CODES };
