import { type CloseCodes, sendableClose } from './close-frame.js';
import type { CloseInfo, Transport, TransportSink } from './transport.js';

/** Something the socket reported, waiting for the engine to attach. */
type Pending = (sink: TransportSink) => void;

/**
 * What every runtime's transport shares, so an adapter only maps its socket:
 * - events that arrive before {@link attach} are kept, in order, and delivered on attach (a
 *   server socket may carry a frame in the same TCP segment as the 101, before the engine is wired);
 * - {@link close} turns the asked-for code and reason into ones the runtime may send
 *   ({@link sendableClose}) before the socket sees them, so no runtime throws over them;
 * - the sink hears about the close once, whoever reports it first.
 *
 * A subclass implements `send`, `closeSocket` and `protocol`, and calls `onText`, `onBinary`,
 * `onClose` and `onError` from its socket's events.
 *
 * @example
 * ```ts
 * class MyTransport extends BufferedTransport {
 *   constructor(private readonly ws: WebSocket, readonly protocol: string) {
 *     super();
 *     ws.addEventListener('message', (e) => (typeof e.data === 'string' ? this.onText(e.data) : this.onBinary()));
 *     ws.addEventListener('close', (e) => this.onClose({ code: e.code, reason: e.reason }));
 *     ws.addEventListener('error', () => this.onError(new Error('WebSocket error')));
 *   }
 *   send(data: string) { this.ws.send(data); }
 *   protected closeSocket(code: number, reason: string) { this.ws.close(code, reason); }
 * }
 * ```
 */
export abstract class BufferedTransport implements Transport {
  abstract readonly protocol: string;
  #sink: TransportSink | undefined;
  // Created only if something arrives before attach(): most transports never need it.
  #backlog: Pending[] | undefined;
  #closed = false;

  abstract send(data: string): void;

  /**
   * Closes the socket with a code and reason {@link sendableClose} already made sendable under
   * {@link closeCodes}; called at most until the transport reported its close.
   */
  protected abstract closeSocket(code: number, reason: string): void;

  /** Which close codes this runtime lets a program send (default: what RFC 6455 allows). */
  protected get closeCodes(): CloseCodes {
    return 'protocol';
  }

  /** True once the close was reported to the sink (or is waiting for it to attach). */
  get isClosed(): boolean {
    return this.#closed;
  }

  close(code = 1000, reason = ''): void {
    if (this.#closed) return;
    const frame = sendableClose(code, reason, this.closeCodes);
    this.closeSocket(frame.code, frame.reason);
  }

  attach(sink: TransportSink): void {
    this.#sink = sink;
    const backlog = this.#backlog;
    this.#backlog = undefined;
    if (backlog) for (const pending of backlog) pending(sink);
  }

  /** The socket delivered a text frame. */
  onText(data: string): void {
    if (this.#sink) this.#sink.message(data);
    else this.#later((s) => s.message(data));
  }

  /** The socket delivered a binary frame (its content is never needed: OCPP-J is text). */
  onBinary(): void {
    this.#deliver((s) => s.binary());
  }

  /** The socket reported an error. */
  onError(error: Error): void {
    this.#deliver((s) => s.error(error));
  }

  /** The socket closed (or is as good as closed); only the first report counts. */
  onClose(info: CloseInfo): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#deliver((s) => s.close(info));
  }

  // Rare events take a closure either way; text frames (onText) skip it when the sink is there.
  #deliver(pending: Pending): void {
    if (this.#sink) pending(this.#sink);
    else this.#later(pending);
  }

  #later(pending: Pending): void {
    this.#backlog ??= [];
    this.#backlog.push(pending);
  }
}
