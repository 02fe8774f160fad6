import { BufferedTransport, type CloseCodes } from '@ocpp-ws-io/core';
import { CONNECTING, OPEN, type WebSocketLike } from './socket.js';

/**
 * Maps one Deno `WebSocket` (client or server side) onto the core {@link Transport}; buffering
 * until attach, the close-frame rule and the binary-frame rule are the core's
 * ({@link BufferedTransport}). One Deno specific shapes it: a server socket is still CONNECTING
 * when the handler has it (the 101 goes out only after the handler returns its response), and the
 * engine may send (a CSMS-initiated call in a `client` listener) or close before that, so frames
 * and a close are held until `open`.
 *
 * @example
 * ```ts
 * const { socket, response } = Deno.upgradeWebSocket(request);
 * server.accept(new DenoSocketTransport(socket, 'ocpp2.0.1'), accepted);
 * return response;
 * ```
 */
export class DenoSocketTransport extends BufferedTransport {
  private outbox: string[] | undefined;
  private deferredClose: { code: number; reason: string } | undefined;

  /**
   * @param socket the Deno WebSocket.
   * @param protocol the agreed subprotocol. Passed in because a Deno server socket reports
   *   `protocol === ""` even after we echoed one.
   * @param side `'client'` for a socket Deno's `new WebSocket()` opened: it follows the WHATWG
   *   rule that a script may only close with 1000 or 3000–4999 (server sockets take any code).
   */
  constructor(
    private readonly socket: WebSocketLike,
    readonly protocol: string,
    private readonly side: 'client' | 'server' = 'server',
  ) {
    super();
    if (socket.readyState === CONNECTING) {
      this.outbox = [];
      socket.addEventListener('open', () => this.flush());
    }
    socket.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') this.onText(data);
      else this.onBinary();
    });
    socket.addEventListener('close', ({ code, reason }) => {
      this.outbox = undefined;
      this.onClose({ code, reason });
    });
    socket.addEventListener('error', (event) =>
      this.onError(
        event.error instanceof Error ? event.error : new Error(event.message || 'WebSocket error'),
      ),
    );
  }

  protected override get closeCodes(): CloseCodes {
    return this.side === 'client' ? 'script' : 'protocol';
  }

  send(data: string): void {
    if (this.outbox) this.outbox.push(data);
    else if (this.socket.readyState === OPEN) this.socket.send(data);
  }

  protected closeSocket(code: number, reason: string): void {
    if (this.outbox) {
      this.deferredClose ??= { code, reason };
      return;
    }
    if (this.socket.readyState <= OPEN) this.socket.close(code, reason);
  }

  private flush(): void {
    const outbox = this.outbox ?? [];
    this.outbox = undefined;
    for (const frame of outbox) this.socket.send(frame);
    if (this.deferredClose) this.closeSocket(this.deferredClose.code, this.deferredClose.reason);
  }
}
