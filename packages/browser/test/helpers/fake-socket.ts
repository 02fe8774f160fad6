import type { CloseEventLike, MessageEventLike, WebSocketLike } from '../../src/like.js';

type Listener = (event: never) => void;

/**
 * A scripted stand-in for the browser WebSocket, for unit tests of the mapping logic only (what
 * Chromium really does is proven in browser.test.ts). It records what the code under test did
 * and enforces the browser's close() rules, so a missing translation throws like Chromium would.
 */
export class FakeWebSocket implements WebSocketLike {
  static last: FakeWebSocket | undefined;
  readyState = 0;
  protocol = '';
  binaryType = 'blob';
  readonly sent: string[] = [];
  readonly closeCalls: Array<[number | undefined, string | undefined]> = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeWebSocket.last = this;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    // WHATWG WebSockets close() steps 1–2, as browsers implement them.
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999))
      throw new Error('InvalidAccessError');
    if (reason !== undefined && new TextEncoder().encode(reason).length > 123) throw new Error('SyntaxError');
    this.closeCalls.push([code, reason]);
    this.readyState = 2;
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  // Test-side drivers.
  open(protocol: string): void {
    this.protocol = protocol;
    this.readyState = 1;
    this.fire('open', {});
  }
  message(data: unknown): void {
    this.fire('message', { data } satisfies MessageEventLike);
  }
  closed(code: number, reason = ''): void {
    this.readyState = 3;
    this.fire('close', { code, reason } satisfies CloseEventLike);
  }
  error(): void {
    this.fire('error', {});
  }

  private fire(type: string, event: object): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (e: object) => void)(event);
  }
}
