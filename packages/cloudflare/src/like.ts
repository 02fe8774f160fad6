// The few Workers runtime shapes this package touches, as small local types: no dependency on
// @cloudflare/workers-types, so the package type-checks anywhere and users keep their own
// runtime types (which are structurally compatible with these).

/** A Workers `WebSocket`: a standard one from `fetch()` or a hibernatable one in a Durable Object. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Starts delivering events of a `fetch()`-upgrade socket (not for hibernatable ones). */
  accept(): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { readonly code: number; readonly reason: string }) => void,
  ): void;
  addEventListener(
    type: 'error',
    listener: (event: { readonly message?: string; readonly error?: unknown }) => void,
  ): void;
  /** Hibernation API: structured-clone data kept with the socket (≤ 16 KiB). */
  serializeAttachment(value: unknown): void;
  deserializeAttachment(): unknown;
}

/** The part of `DurableObjectState` the station object uses (the WebSocket Hibernation API). */
export interface DurableObjectStateLike {
  acceptWebSocket(ws: WebSocketLike, tags?: string[]): void;
  getWebSockets(tag?: string): WebSocketLike[];
  /** The object's durable key-value storage: where state beyond the socket attachment belongs. */
  readonly storage: {
    get<T = unknown>(key: string): Promise<T | undefined>;
    put(key: string, value: unknown): Promise<void>;
    delete(key: string): Promise<boolean>;
  };
}

/** A Response from a WebSocket-upgrade `fetch()`: `webSocket` is set on a 101. */
export interface UpgradeResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly webSocket: WebSocketLike | null;
  readonly body: { cancel(): Promise<void> } | null;
}

/** The Workers `fetch` as the client connector calls it. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<UpgradeResponseLike>;

/** A `DurableObjectNamespace` binding, reduced to addressing an object by name. */
export interface DurableObjectNamespaceLike<TStub> {
  getByName(name: string): TStub;
}
