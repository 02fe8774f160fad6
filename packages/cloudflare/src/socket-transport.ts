import { BufferedTransport, sendableClose } from '@ocpp-ws-io/core';
import type { WebSocketLike } from './like.js';

/**
 * The core {@link Transport} over one Workers WebSocket; buffering until attach, the close-frame
 * rule and the binary-frame rule are the core's ({@link BufferedTransport}). Events are pushed in
 * by its owner: the Durable Object's `webSocketMessage/Close/Error` methods for a hibernatable
 * socket, or {@link listenTo} for a standard socket from a `fetch()` upgrade.
 *
 * @example
 * ```ts
 * const transport = new SocketTransport(ws, 'ocpp1.6');
 * server.accept(transport, accepted);
 * await transport.receive('[2,"1","Heartbeat",{}]'); // resolves once the CALLRESULT was sent
 * ```
 */
export class SocketTransport extends BufferedTransport {
  /** Answers the engine is still working on, told by {@link waitUntil} while a frame is delivered. */
  private readonly answers = new Set<() => void>();
  private answer: Promise<void> | undefined;

  constructor(
    readonly socket: WebSocketLike,
    readonly protocol: string,
    /** Longest time {@link receive} keeps its caller waiting for a handler's answer. */
    private readonly answerWaitMs = 60_000,
  ) {
    super();
  }

  send(data: string): void {
    if (!this.isClosed) this.socket.send(data);
  }

  protected closeSocket(code: number, reason: string): void {
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closing or closed underneath us: the close below is what matters to the core.
    }
    // Finish now instead of waiting for the peer's close frame: a hibernatable socket may never
    // report it to this instance, and the core must not keep calls waiting on a dead socket.
    this.closed({ code, reason });
  }

  /** The engine's promise of an answer to the frame being delivered (see Transport.waitUntil). */
  waitUntil(answer: Promise<void>): void {
    this.answer = answer;
  }

  /**
   * Delivers one inbound text frame. When it started a handler, resolves once the handler's
   * answer went out (or after `answerWaitMs`, or on close), so a Durable Object event handler
   * that awaits it stays in progress while an async handler runs: the object is not evicted
   * mid-handler. The engine says which frames started one; nothing here reads the frame.
   */
  receive(data: string): Promise<void> {
    this.answer = undefined;
    this.onText(data);
    // Set by waitUntil() during onText, when the engine started a handler for this frame.
    const answer = this.answer as Promise<void> | undefined;
    this.answer = undefined;
    if (!answer || this.isClosed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // The timer exists only while an event is in progress anyway, so it never blocks
      // hibernation on its own; it is cleared as soon as the answer is written.
      const done = () => {
        clearTimeout(timer);
        this.answers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.answerWaitMs);
      this.answers.add(done);
      void answer.then(done);
    });
  }

  /** The peer closed (or the runtime reported the socket closed). */
  closed(info: { code: number; reason: string }): void {
    if (this.isClosed) return;
    this.onClose(info);
    for (const done of [...this.answers]) done();
  }

  /** The runtime reported a socket error; the socket is unusable afterwards. */
  errored(error: Error): void {
    if (this.isClosed) return;
    this.onError(error);
    this.closed({ code: 1006, reason: error.message });
  }
}

/**
 * Answers a close frame the peer sent, with the code and reason it carried (made sendable: a
 * 1005 "no code" cannot be sent back as such). Older compatibility dates do not answer it for us,
 * and the peer would wait for the reply until its own timeout.
 */
export function answerClose(ws: WebSocketLike, code: number, reason: string): void {
  const frame = sendableClose(code, reason);
  try {
    ws.close(frame.code, frame.reason);
  } catch {
    // Already closed.
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
    if (typeof data === 'string') void transport.receive(data);
    else transport.onBinary();
  });
  ws.addEventListener('close', ({ code, reason }) => {
    answerClose(ws, code, reason);
    transport.closed({ code, reason });
  });
  ws.addEventListener('error', (event) =>
    transport.errored(
      event.error instanceof Error ? event.error : new Error(event.message ?? 'WebSocket error'),
    ),
  );
  return transport;
}
