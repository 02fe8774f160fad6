import type { CloseInfo, Transport, TransportSink } from '@ocpp-ws-io/core';
import type { RawData, WebSocket } from 'ws';

/** Keep-alive settings: ping every `pingIntervalMs`; no pong within `pongTimeoutMs` → dead. */
export interface KeepAliveOptions {
  /** Interval between WebSocket pings (default 30 000 ms; 0 disables). */
  readonly pingIntervalMs?: number;
  /** How long to wait for the pong before the peer is declared dead (default 10 000 ms). */
  readonly pongTimeoutMs?: number;
}

/**
 * Maps a `ws` socket onto the core Transport. Frames that arrive before `attach` are buffered
 * (the handshake completes before the engine is wired). Text frames only: OCPP-J is text; a
 * binary frame is decoded as UTF-8 the way `ws` delivers it, then treated like any other frame.
 */
export class WsTransport implements Transport {
  private sink: TransportSink | undefined;
  private backlog: Array<(sink: TransportSink) => void> = [];
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private sweeper: KeepAliveSweeper | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly protocol: string,
    keepAlive: KeepAliveOptions = {},
    sweeper?: KeepAliveSweeper,
  ) {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      this.emit((sink) => sink.message(text));
    });
    socket.on('pong', () => {
      if (this.pongTimer) clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
      this.emit((sink) => sink.pong?.());
    });
    socket.on('error', (error: Error) => this.emit((sink) => sink.error(error)));
    socket.on('close', (code: number, reason: Buffer) => this.onClose({ code, reason: reason.toString() }));
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
    this.backlog = [];
    for (const event of backlog) event(sink);
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

  private onClose(info: CloseInfo): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.sweeper?.delete(this);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.emit((sink) => sink.close(info));
  }

  private emit(event: (sink: TransportSink) => void): void {
    if (this.sink) event(this.sink);
    else this.backlog.push(event);
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
