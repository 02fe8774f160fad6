import {
  OCPPServer as CoreOCPPServer,
  type OCPPServerOptions as CoreOCPPServerOptions,
  NO_COMMON_PROTOCOL_CLOSE,
  type OCPPProtocol,
  withPresetValidators,
} from '@ocpp-ws-io/core';
import { type DenoHandler, type DenoLike, globalDeno, type ServeInfoLike } from './deno.js';
import { DenoSocketTransport } from './transport.js';
import { allValidators } from './validators.js';

/**
 * Options of the Deno {@link OCPPServer}: the core options plus Deno's keep-alive and shutdown.
 *
 * @example
 * ```ts
 * const server = new OCPPServer({ protocols: ['ocpp2.0.1'], idleTimeoutSeconds: 60, closeTimeoutMs: 5_000 });
 * ```
 */
export interface OCPPServerOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends CoreOCPPServerOptions<TProtocol> {
  /**
   * Deno's `upgradeWebSocket` `idleTimeout`, in seconds: after this long without traffic Deno
   * sends a WebSocket ping itself and closes with 1001 when no pong comes back (there is no
   * manual ping API). `0` disables it. Default: Deno's own (30 s in Deno 2.9). OCPP-J 2.0.1 §5.2
   * prefers these pings over frequent Heartbeats for liveness.
   */
  readonly idleTimeoutSeconds?: number;
  /** How long a shutdown waits for stations to finish the 1001 close handshake (default 2 000 ms). */
  readonly closeTimeoutMs?: number;
  /** The Deno namespace (default `globalThis.Deno`). */
  readonly deno?: DenoLike;
}

/**
 * Options of {@link OCPPServer.serve}; unset values keep `Deno.serve`'s defaults.
 *
 * @example
 * ```ts
 * const stop = new AbortController();
 * server.serve({ port: 9000, hostname: '0.0.0.0', signal: stop.signal });
 * ```
 */
export interface ServeOptions {
  readonly port?: number;
  readonly hostname?: string;
  /** Aborting it shuts down like {@link ServeHandle.shutdown}. */
  readonly signal?: AbortSignal;
  /** Called once listening (default: Deno prints "Listening on …"). */
  readonly onListen?: (addr: { readonly hostname: string; readonly port: number }) => void;
}

/**
 * A running `serve()`.
 *
 * @example
 * ```ts
 * const running: ServeHandle = server.serve({ port: 0, onListen: ({ port }) => console.log(port) });
 * await running.shutdown();
 * ```
 */
export interface ServeHandle {
  /** Where it listens. */
  readonly addr: { readonly hostname?: string; readonly port?: number };
  /** Resolves once the HTTP server has stopped. */
  readonly finished: Promise<void>;
  /** Closes every station with 1001, then stops `Deno.serve`; resolves once stopped. */
  shutdown(): Promise<void>;
}

/**
 * A CSMS on Deno. {@link OCPPServer.handler} is a fetch-style handler for `Deno.serve` (or any
 * router in front of it); {@link OCPPServer.serve} runs one for you. Strict validation is on,
 * with every version's validators preset.
 *
 * @example
 * ```ts
 * import { OCPPServer, timingSafeEqualString } from '@ocpp-ws-io/deno';
 *
 * const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'] });
 * server.auth(({ identity, password }) => {
 *   const expected = secrets.get(identity); // unknown identity: refuse, never compare with undefined
 *   return expected !== undefined && timingSafeEqualString(password ?? '', expected);
 * });
 * server.on('client', (station) => {
 *   station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
 * });
 * Deno.serve({ port: 9000 }, server.handler); // or: server.serve({ port: 9000 })
 * ```
 */
export class OCPPServer<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreOCPPServer<TProtocol> {
  private readonly deno: DenoLike | undefined;
  private readonly idleTimeoutSeconds: number | undefined;
  private readonly closeTimeoutMs: number;

  constructor(options: OCPPServerOptions<TProtocol> = {}) {
    super(withPresetValidators(options, allValidators));
    this.deno = options.deno;
    this.idleTimeoutSeconds = options.idleTimeoutSeconds;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2_000;
  }

  /**
   * Answers one HTTP request: a WebSocket upgrade is decided by the core handshake (identity,
   * subprotocol in the server's order, Basic auth, the auth callback) and either refused with
   * its HTTP status (401 carries `WWW-Authenticate`) or upgraded with the chosen subprotocol
   * echoed. Anything else gets 426. A property, so `Deno.serve(server.handler)` needs no bind.
   *
   * @example
   * ```ts
   * Deno.serve({ port: 9000 }, (req, info) =>
   *   new URL(req.url).pathname.startsWith('/ocpp/') ? server.handler(req, info) : new Response('hi'));
   * ```
   */
  readonly handler: DenoHandler = async (request: Request, info?: ServeInfoLike): Promise<Response> => {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('This is an OCPP-J WebSocket endpoint', {
        status: 426,
        headers: { Upgrade: 'websocket' },
      });
    }
    // A copy, taken before upgrading: once `upgradeWebSocket(request)` ran, reading
    // `request.headers` throws "Request closed", and the auth callback and `station.handshake`
    // keep these headers for later.
    const headers = new Headers(request.headers);
    const decision = await this.handshake(
      { url: request.url, headers },
      { remoteAddress: info?.remoteAddr?.hostname },
    );
    if (!decision.ok && decision.closeAfterUpgrade) return this.upgradeThenClose(request);
    if (!decision.ok)
      return new Response(decision.reason, { status: decision.status, headers: decision.headers });

    let upgraded: ReturnType<DenoLike['upgradeWebSocket']>;
    try {
      // No `protocol` option: Deno matches it against the offered list split on ", " exactly,
      // so `ocpp2.0.1,ocpp1.6` (what `ws` sends) throws; and upgrading a cloned Request with a
      // normalised header corrupts frames (Deno 2.9.6, "RSV1 must be clear"). Setting the
      // header on the 101 ourselves avoids both.
      upgraded = (this.deno ?? globalDeno()).upgradeWebSocket(
        request,
        this.idleTimeoutSeconds === undefined ? {} : { idleTimeout: this.idleTimeoutSeconds },
      );
    } catch (error) {
      return new Response(`Bad WebSocket upgrade: ${(error as Error).message}`, { status: 400 });
    }
    const { socket, response } = upgraded;
    for (const [name, value] of Object.entries(decision.headers)) response.headers.set(name, value);
    try {
      this.accept(new DenoSocketTransport(socket, decision.protocol), decision);
    } catch {
      // The server started closing while the auth callback ran: refuse instead of upgrading.
      return new Response('Server is closing', { status: 503 });
    }
    return response;
  };

  /**
   * No common subprotocol: complete the handshake without a Sec-WebSocket-Protocol header and
   * close at once (OCPP-J 1.6 §3.2, 2.0.1 §3.2, 2.1 §3.2).
   */
  private upgradeThenClose(request: Request): Response {
    try {
      const { socket, response } = (this.deno ?? globalDeno()).upgradeWebSocket(request);
      socket.addEventListener('open', () =>
        socket.close(NO_COMMON_PROTOCOL_CLOSE.code, NO_COMMON_PROTOCOL_CLOSE.reason),
      );
      return response;
    } catch (error) {
      return new Response(`Bad WebSocket upgrade: ${(error as Error).message}`, { status: 400 });
    }
  }

  /**
   * Runs `Deno.serve` with {@link OCPPServer.handler}. Shut down with the returned handle or
   * the `signal`: stations are closed with 1001 first, because aborting `Deno.serve` with
   * sockets open puts an invalid 1005 on the wire (strict clients such as `ws` report 1006).
   *
   * @example
   * ```ts
   * const running = server.serve({ port: 9000, hostname: '127.0.0.1' });
   * Deno.addSignalListener('SIGINT', () => running.shutdown());
   * await running.finished;
   * ```
   */
  serve(options: ServeOptions = {}): ServeHandle {
    const abort = new AbortController();
    const http = (this.deno ?? globalDeno()).serve(
      {
        signal: abort.signal,
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
        ...(options.onListen === undefined ? {} : { onListen: options.onListen }),
      },
      this.handler,
    );
    let stopping: Promise<void> | undefined;
    const shutdown = () => {
      stopping ??= (async () => {
        await this.closeStations();
        abort.abort();
        await http.finished;
      })();
      return stopping;
    };
    options.signal?.addEventListener('abort', () => void shutdown(), { once: true });
    if (options.signal?.aborted) void shutdown();
    return { addr: http.addr, finished: http.finished, shutdown };
  }

  /** Closes every station with 1001 and waits for the close handshakes, at most `closeTimeoutMs`. */
  private async closeStations(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.close(1001, 'Server shutting down'),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.closeTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
