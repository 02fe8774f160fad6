// The few WebSocket shapes this package touches, as small local types. The DOM's `WebSocket`
// fits them, and so does any look-alike a caller injects (a test fake, a reconnecting wrapper,
// undici's or Deno's WebSocket), without us depending on their type packages.

/**
 * A `message` event: `data` is a string for text frames, a Blob or ArrayBuffer for binary ones.
 *
 * @example
 * ```ts
 * ws.addEventListener('message', (event: MessageEventLike) => console.log(event.data));
 * ```
 */
export interface MessageEventLike {
  readonly data: unknown;
}

/**
 * A `close` event: the code and reason the browser reports (1006 and "" when the link just dropped).
 *
 * @example
 * ```ts
 * ws.addEventListener('close', ({ code, reason }: CloseEventLike) => console.log(code, reason));
 * ```
 */
export interface CloseEventLike {
  readonly code: number;
  readonly reason: string;
}

/**
 * The part of a browser `WebSocket` the transport uses.
 *
 * @example
 * ```ts
 * const ws: WebSocketLike = new WebSocket('ws://127.0.0.1:9000/ocpp/CP-1', ['ocpp1.6']);
 * ```
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  /** Set to `'arraybuffer'`: a binary frame is refused unread, so no Blob needs making for it. */
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  addEventListener(type: 'close', listener: (event: CloseEventLike) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

/**
 * A WebSocket constructor: `globalThis.WebSocket` by default, or one you inject.
 *
 * @example
 * ```ts
 * const Ctor: WebSocketConstructorLike = WebSocket;
 * ```
 */
export type WebSocketConstructorLike = new (url: string, protocols?: string | string[]) => WebSocketLike;

// readyState values (WHATWG WebSockets §"The WebSocket interface"); read as numbers so an
// injected implementation without the static constants still works.
export const OPEN = 1;
export const CLOSING = 2;
