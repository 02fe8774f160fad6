/**
 * The part of a WHATWG `WebSocket` this package touches. Deno's client sockets and the server
 * sockets from `Deno.upgradeWebSocket` both satisfy it; a local type keeps Deno's type package
 * (and the DOM `WebSocket` constructor signature, which has no options object) out of our API.
 *
 * @example
 * ```ts
 * const transport = new DenoSocketTransport(new WebSocket(url) as WebSocketLike, 'ocpp1.6');
 * ```
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener<TType extends keyof WebSocketLikeEvents>(
    type: TType,
    listener: (event: WebSocketLikeEvents[TType]) => void,
  ): void;
}

/**
 * Event payloads of {@link WebSocketLike}, reduced to the fields we read.
 *
 * @example
 * ```ts
 * socket.addEventListener('close', ({ code, reason }: WebSocketLikeEvents['close']) => log(code, reason));
 * ```
 */
export interface WebSocketLikeEvents {
  open: unknown;
  message: { readonly data: unknown };
  close: { readonly code: number; readonly reason: string };
  error: { readonly message?: string; readonly error?: unknown };
}

/** `WebSocket.readyState` values (WHATWG WebSockets §"readyState"). */
export const CONNECTING = 0;
export const OPEN = 1;
