import type { WebSocketLike } from './socket.js';

/**
 * The connection info `Deno.serve` passes to a handler, reduced to what we read.
 *
 * @example
 * ```ts
 * Deno.serve((req, info: ServeInfoLike) => server.handler(req, info));
 * ```
 */
export interface ServeInfoLike {
  /** `Deno.NetAddr` for TCP (`hostname`), `Deno.UnixAddr` for sockets (no hostname). */
  readonly remoteAddr?: { readonly hostname?: string };
}

/**
 * A fetch-style handler as `Deno.serve` takes it.
 *
 * @example
 * ```ts
 * const handler: DenoHandler = server.handler;
 * Deno.serve({ port: 9000 }, handler);
 * ```
 */
export type DenoHandler = (request: Request, info?: ServeInfoLike) => Response | Promise<Response>;

/**
 * What `Deno.serve` returns, reduced to what we use.
 *
 * @example
 * ```ts
 * const http: DenoHttpServerLike = Deno.serve(server.handler);
 * await http.finished;
 * ```
 */
export interface DenoHttpServerLike {
  readonly addr: { readonly hostname?: string; readonly port?: number };
  readonly finished: Promise<void>;
}

/**
 * The part of the `Deno` namespace the server uses; injectable so tests and other hosts can stand in.
 *
 * @example
 * ```ts
 * const server = new OCPPServer({ deno: Deno as unknown as DenoLike });
 * ```
 */
export interface DenoLike {
  upgradeWebSocket(
    request: Request,
    options?: { readonly idleTimeout?: number },
  ): { readonly socket: WebSocketLike; readonly response: Response };
  serve(
    options: {
      readonly port?: number;
      readonly hostname?: string;
      readonly signal?: AbortSignal;
      readonly onListen?: (addr: { readonly hostname: string; readonly port: number }) => void;
    },
    handler: DenoHandler,
  ): DenoHttpServerLike;
}

/** `globalThis.Deno`, or a clear error when this code runs somewhere else. */
export function globalDeno(): DenoLike {
  const deno = (globalThis as { Deno?: DenoLike }).Deno;
  if (!deno) throw new TypeError('@ocpp-ws-io/deno needs the Deno runtime (globalThis.Deno is missing)');
  return deno;
}
