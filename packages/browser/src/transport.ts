import { BufferedTransport, type CloseCodes } from '@ocpp-ws-io/core';
import { CLOSING, OPEN, type WebSocketLike } from './like.js';

/**
 * Maps a browser `WebSocket` onto the core {@link Transport}. Buffering until attach, the
 * close-frame rule and the binary-frame rule are the core's ({@link BufferedTransport}); what is
 * the browser's:
 * - `close()` follows the WHATWG rule (only 1000 and 3000–4999): 1002 goes out as 4002, 1009 as
 *   4009 (see `sendableClose`);
 * - a binary frame is reported as such, never read (OCPP-J is text; the engine closes with
 *   4003), and `binaryType` is `'arraybuffer'` so the browser does not even make a Blob of it;
 * - no ping: browsers have no ping API. They answer the server's pings on their own.
 *
 * @example
 * ```ts
 * const ws = new WebSocket('ws://127.0.0.1:9000/ocpp/CP-1', ['ocpp1.6']);
 * ws.addEventListener('open', () => {
 *   const transport = new BrowserTransport(ws);
 *   transport.attach({ message: console.log, binary: () => {}, close: console.log, error: console.error });
 * });
 * ```
 */
export class BrowserTransport extends BufferedTransport {
  constructor(private readonly socket: WebSocketLike) {
    super();
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') this.onText(data);
      else this.onBinary();
    });
    socket.addEventListener('close', ({ code, reason }) => this.onClose({ code, reason }));
    // Browsers give an error event no detail at all (by design: no network facts leak to pages).
    socket.addEventListener('error', () => this.onError(new Error('WebSocket error')));
  }

  protected override get closeCodes(): CloseCodes {
    return 'script';
  }

  /** The agreed subprotocol; read live, since the transport exists before the handshake ends. */
  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string): void {
    if (this.socket.readyState === OPEN) this.socket.send(data);
  }

  protected closeSocket(code: number, reason: string): void {
    if (this.socket.readyState < CLOSING) this.socket.close(code, reason);
  }
}
