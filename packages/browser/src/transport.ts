import type { Transport, TransportSink } from '@ocpp-ws-io/core';
import { browserCloseArgs } from './close-code.js';
import { CLOSING, type MessageEventLike, OPEN, type WebSocketLike } from './like.js';

/** Payload-less events and text frames, queued in arrival order. */
type Delivery = (sink: TransportSink) => void;

/** The few binary shapes a `message` event may carry: `Blob` or `ArrayBuffer`(-view). */
interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}
const isBlobLike = (data: unknown): data is BlobLike =>
  typeof data === 'object' && data !== null && typeof (data as BlobLike).arrayBuffer === 'function';

/**
 * Maps a browser `WebSocket` onto the core {@link Transport}.
 *
 * - Events that arrive before `attach()` are buffered, in order.
 * - OCPP-J is text; a binary frame is decoded as UTF-8 (invalid bytes become U+FFFD, and the
 *   engine then answers it as a malformed frame). `binaryType` is set to `'arraybuffer'` so
 *   decoding is synchronous; if an injected implementation still hands over a `Blob`, later
 *   events wait for it, so frame order is never changed.
 * - `close()` translates codes a browser may not send (see {@link browserCloseCode}).
 * - No `ping()`: browsers have no ping API. They answer the server's pings on their own.
 *
 * @example
 * ```ts
 * const ws = new WebSocket('ws://127.0.0.1:9000/ocpp/CP-1', ['ocpp1.6']);
 * ws.addEventListener('open', () => {
 *   const transport = new BrowserTransport(ws);
 *   transport.attach({ message: console.log, close: console.log, error: console.error });
 * });
 * ```
 */
export class BrowserTransport implements Transport {
  private sink: TransportSink | undefined;
  private backlog: Delivery[] = [];
  /** Set while a Blob frame is being read: everything after it waits behind this promise. */
  private pending: Promise<void> | undefined;
  private readonly decoder = new TextDecoder();

  constructor(private readonly socket: WebSocketLike) {
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (event) => this.onMessage(event));
    socket.addEventListener('close', (event) =>
      this.deliver((sink) => sink.close({ code: event.code, reason: event.reason })),
    );
    // Browsers give an error event no detail at all (by design: no network facts leak to pages).
    socket.addEventListener('error', () => this.deliver((sink) => sink.error(new Error('WebSocket error'))));
  }

  /** The agreed subprotocol; read live, since the transport exists before the handshake ends. */
  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string): void {
    if (this.socket.readyState === OPEN) this.socket.send(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.socket.readyState >= CLOSING) return;
    const args = browserCloseArgs(code, reason);
    this.socket.close(args.code, args.reason);
  }

  attach(sink: TransportSink): void {
    this.sink = sink;
    const backlog = this.backlog;
    this.backlog = [];
    for (const delivery of backlog) delivery(sink);
  }

  private onMessage(event: MessageEventLike): void {
    const { data } = event;
    if (typeof data === 'string') {
      this.deliver((sink) => sink.message(data));
    } else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
      const text = this.decoder.decode(data);
      this.deliver((sink) => sink.message(text));
    } else if (isBlobLike(data)) {
      const read = data.arrayBuffer().then(
        (buffer) => this.decoder.decode(buffer),
        // An unreadable Blob still counts as a frame: the engine reports it as malformed.
        () => '',
      );
      this.chain(() => read.then((text) => this.emit((sink) => sink.message(text))));
    }
  }

  private deliver(delivery: Delivery): void {
    if (this.pending) this.chain(() => this.emit(delivery));
    else this.emit(delivery);
  }

  private chain(step: () => Promise<void> | void): void {
    const next = (this.pending ?? Promise.resolve()).then(step);
    this.pending = next;
    void next.then(() => {
      if (this.pending === next) this.pending = undefined;
    });
  }

  private emit(delivery: Delivery): void {
    if (this.sink) delivery(this.sink);
    else this.backlog.push(delivery);
  }
}
