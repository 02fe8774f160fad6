import type { CloseInfo, Transport, TransportSink } from '@ocpp-ws-io/core';
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
 * their context.
 */
const owners = new WeakMap<WebSocket, WsTransport>();

function onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  owners.get(this)?.deliverMessage(frameText(data, isBinary));
}

function frameText(data: RawData, isBinary: boolean): string {
  return isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
}

function onSocketPong(this: WebSocket): void {
  owners.get(this)?.pong();
}

function onSocketError(this: WebSocket, error: Error): void {
  owners.get(this)?.deliverError(error);
}

function onSocketClose(this: WebSocket, code: number, reason: Buffer): void {
  owners.get(this)?.closed({ code, reason: reason.toString() });
}

/**
 * Maps a `ws` socket onto the core Transport. Frames that arrive before `attach` are buffered
 * (the handshake completes before the engine is wired). Text frames only: OCPP-J is text; a
 * binary frame is decoded as UTF-8 the way `ws` delivers it, then treated like any other frame.
 */
export class WsTransport implements Transport {
  private sink: TransportSink | undefined;
  // Only needed until attach(), and only if something arrives before it.
  private backlog: Array<(sink: TransportSink) => void> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private sweeper: KeepAliveSweeper | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private isClosed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly protocol: string,
    keepAlive: KeepAliveOptions = {},
    sweeper?: KeepAliveSweeper,
  ) {
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
      this.sweeper = sweeper;
      sweeper.add(this);
      return;
    }
    const interval = keepAlive.pingIntervalMs ?? 30_000;
    if (interval > 0) {
      const pongTimeout = keepAlive.pongTimeoutMs ?? 10_000;
      this.pingTimer = setInterval(() => this.heartbeat(pongTimeout), interval);
      // A keep-alive timer must not keep a Node process alive on its own.
      this.pingTimer.unref?.();
    }
  }

  send(data: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING)
      return;
    this.socket.close(code, reason);
  }

  ping(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  attach(sink: TransportSink): void {
    this.sink = sink;
    const backlog = this.backlog;
    this.backlog = undefined;
    if (backlog) for (const event of backlog) event(sink);
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

  /** @internal A text frame from the socket. */
  deliverMessage(text: string): void {
    if (this.sink) this.sink.message(text);
    else this.later((sink) => sink.message(text));
  }

  /** @internal A pong from the socket. */
  pong(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    if (this.sink) this.sink.pong?.();
    else this.later((sink) => sink.pong?.());
  }

  /** @internal An error from the socket. */
  deliverError(error: Error): void {
    if (this.sink) this.sink.error(error);
    else this.later((sink) => sink.error(error));
  }

  /** @internal The socket closed. */
  closed(info: CloseInfo): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.sweeper?.delete(this);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    if (this.sink) this.sink.close(info);
    else this.later((sink) => sink.close(info));
  }

  private later(event: (sink: TransportSink) => void): void {
    this.backlog ??= [];
    this.backlog.push(event);
  }
}

/**
 * @internal The socket class a server's `ws` instantiates (ws's documented `WebSocket` option).
 * Once a {@link WsTransport} owns it, the four events the transport needs go straight to it
 * rather than through listeners: four listeners grow the socket's event table by ~100 bytes,
 * and finding the transport costs a WeakMap entry (~40 bytes), per connection. Other events,
 * and every event before a transport owns the socket, are emitted as usual.
 */
export class TransportSocket extends WebSocket {
  /** The transport that owns this socket. */
  transport: WsTransport | undefined = undefined;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const transport = this.transport;
    if (transport === undefined) return super.emit(event, ...args);
    switch (event) {
      case 'message':
        transport.deliverMessage(frameText(args[0] as RawData, args[1] as boolean));
        return true;
      case 'pong':
        transport.pong();
        return true;
      case 'error':
        transport.deliverError(args[0] as Error);
        return true;
      case 'close':
        transport.closed({ code: args[0] as number, reason: String(args[1]) });
        return true;
      default:
        return super.emit(event, ...args);
    }
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
