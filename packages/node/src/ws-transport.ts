import { BufferedTransport, FRAME_TOO_LARGE_CLOSE } from '@ocpp-ws-io/core';
import { type RawData, WebSocket } from 'ws';

/** Keep-alive settings: ping every `pingIntervalMs`; no pong within `pongTimeoutMs` → dead. */
export interface KeepAliveOptions {
  /** Interval between WebSocket pings (default 30 000 ms; 0 disables). */
  readonly pingIntervalMs?: number;
  /** How long to wait for the pong before the peer is declared dead (default 10 000 ms). */
  readonly pongTimeoutMs?: number;
}

/**
 * Which transport a socket belongs to, for the listeners below. The listeners are the same
 * four functions for every socket (`ws` calls them with the socket as `this`): a CSMS holding
 * thousands of idle stations keeps one map entry per socket instead of four closures and
 * their context. Only sockets ws did not create as a {@link TransportSocket} need them.
 */
const owners = new WeakMap<WebSocket, WsTransport>();

function onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  owners.get(this)?.frame(data, isBinary);
}

function onSocketPong(this: WebSocket): void {
  owners.get(this)?.pong();
}

function onSocketError(this: WebSocket, error: Error): void {
  owners.get(this)?.onError(error);
}

function onSocketClose(this: WebSocket, code: number, reason: Buffer): void {
  owners.get(this)?.closed(code, reason);
}

/**
 * Maps a `ws` socket onto the core Transport; buffering until attach, the close-frame rule and
 * the binary-frame rule are the core's ({@link BufferedTransport}). Adds what only Node can do:
 * WebSocket pings, with a dead peer (no pong within `pongTimeoutMs`) terminated.
 */
export class WsTransport extends BufferedTransport {
  // The server's shared sweeper, or a ping timer of its own (a client): one field for either, as
  // a CSMS keeps thousands of these.
  private keepAlive: KeepAliveSweeper | ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: WebSocket,
    readonly protocol: string,
    keepAlive: KeepAliveOptions = {},
    sweeper?: KeepAliveSweeper,
  ) {
    super();
    if (socket instanceof TransportSocket && socket.transport === undefined) {
      socket.transport = this;
    } else {
      owners.set(socket, this);
      socket.on('message', onSocketMessage);
      socket.on('pong', onSocketPong);
      socket.on('error', onSocketError);
      socket.on('close', onSocketClose);
    }
    if (sweeper) {
      this.keepAlive = sweeper;
      sweeper.add(this);
      return;
    }
    const interval = keepAlive.pingIntervalMs ?? 30_000;
    if (interval > 0) {
      const pongTimeout = keepAlive.pongTimeoutMs ?? 10_000;
      const timer = setInterval(() => this.heartbeat(pongTimeout), interval);
      // A keep-alive timer must not keep a Node process alive on its own.
      timer.unref?.();
      this.keepAlive = timer;
    }
  }

  send(data: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(data);
  }

  protected closeSocket(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING)
      return;
    this.socket.close(code, reason);
  }

  /** @internal Sends one ping; no pong within `pongTimeoutMs` terminates the socket. */
  heartbeat(pongTimeoutMs: number): void {
    if (this.pongTimer || this.socket.readyState !== this.socket.OPEN) return;
    this.pongTimer = setTimeout(() => {
      // No pong: the peer or the path is gone (half-open TCP). terminate() skips the close
      // handshake, which could never complete, and reports 1006.
      this.socket.terminate();
    }, pongTimeoutMs);
    this.pongTimer.unref?.();
    this.socket.ping();
  }

  /** @internal A frame from the socket: text goes to the engine, binary is the engine's to refuse. */
  frame(data: RawData, isBinary: boolean): void {
    if (isBinary) this.onBinary();
    else this.onText(data.toString());
  }

  /** @internal A pong from the socket: the peer is alive. */
  pong(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  /** @internal The socket closed. */
  closed(code: number, reason: Buffer | string): void {
    if (this.isClosed) return;
    if (this.keepAlive instanceof KeepAliveSweeper) this.keepAlive.delete(this);
    else if (this.keepAlive) clearInterval(this.keepAlive);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.onClose({ code, reason: reason.toString() });
  }
}

/**
 * @internal The socket class the server's `ws` instantiates (ws's documented `WebSocket`
 * option), and the client connector too. Once a {@link WsTransport} owns it, the four events the
 * transport needs go straight to it rather than through listeners: four listeners grow the
 * socket's event table by ~100 bytes, and finding the transport costs a WeakMap entry (~40
 * bytes), per connection. Other events, and every event before a transport owns the socket, are
 * emitted as usual.
 */
export class TransportSocket extends WebSocket {
  /** The transport that owns this socket. */
  transport: WsTransport | undefined = undefined;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const transport = this.transport;
    if (transport === undefined) return super.emit(event, ...args);
    switch (event) {
      case 'message':
        transport.frame(args[0] as RawData, args[1] as boolean);
        return true;
      case 'pong':
        transport.pong();
        return true;
      case 'error':
        transport.onError(args[0] as Error);
        return true;
      case 'close':
        transport.closed(args[0] as number, args[1] as Buffer);
        return true;
      default:
        return super.emit(event, ...args);
    }
  }

  /**
   * ws closes by itself, with a code and no reason, when a frame breaks its `maxPayload` (1009):
   * the reason is filled in so the peer reads what every runtime of ours says for a frame over
   * `maxFrameBytes` ({@link FRAME_TOO_LARGE_CLOSE}).
   */
  override close(code?: number, data?: string | Buffer): void {
    if (code === FRAME_TOO_LARGE_CLOSE.code && data === undefined)
      super.close(code, FRAME_TOO_LARGE_CLOSE.reason);
    else super.close(code, data);
  }
}

/**
 * One ping timer for every socket of a server: a CSMS with thousands of stations runs one
 * interval instead of thousands (each costs a timer object and a closure per connection).
 */
export class KeepAliveSweeper {
  private readonly transports = new Set<WsTransport>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly pongTimeoutMs: number,
  ) {}

  add(transport: WsTransport): void {
    if (this.intervalMs <= 0) return;
    this.transports.add(transport);
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const t of this.transports) t.heartbeat(this.pongTimeoutMs);
    }, this.intervalMs);
    this.timer.unref?.();
  }

  delete(transport: WsTransport): void {
    this.transports.delete(transport);
    if (this.transports.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
