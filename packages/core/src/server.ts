import { createNanoEvents } from 'nanoevents';
import { parseBasicAuth } from './basic-auth.js';
import { Endpoint } from './endpoint.js';
import {
  checkedProtocols,
  type EndpointConfig,
  type EndpointOptions,
  endpointConfig,
} from './endpoint-config.js';
import { StateError } from './errors.js';
import {
  chooseProtocol,
  createHandshake,
  type Handshake,
  type HandshakeMeta,
  type HandshakeRequest,
  identityProblem,
  parseProtocolHeader,
  splitIdentity,
} from './handshake.js';
import { createIdGenerator } from './ids.js';
import type { AnyHandler } from './inbound-call.js';
import type { OCPPProtocol } from './protocol.js';
import type { CloseInfo, Transport, TransportSink } from './transport.js';
import type { ActionName, HandlerContext, HandlerResult, RequestOf, ResponseOf } from './types.js';

/** Options of {@link OCPPServer}; the endpoint options apply to every station connection. */
export interface OCPPServerOptions<TProtocol extends OCPPProtocol = OCPPProtocol> extends EndpointOptions {
  /** Subprotocols accepted, in the server's preference order (default: all, newest first). */
  readonly protocols?: readonly TProtocol[];
  /** Give the auth callback at most this long before answering 503 (default 10 000 ms). */
  readonly authTimeoutMs?: number;
  /** Realm of the `WWW-Authenticate: Basic` challenge sent with 401 (browsers need it). */
  readonly authRealm?: string;
}

/**
 * What an auth callback returns: `true`/nothing accepts, `false` rejects with 401, or an object
 * to attach session data, force a protocol, or reject with a specific HTTP status.
 */
export type AuthDecision<TProtocol extends OCPPProtocol = OCPPProtocol> =
  | undefined
  | boolean
  | { readonly accept: true; readonly session?: Record<string, unknown>; readonly protocol?: TProtocol }
  | { readonly accept: false; readonly status?: number; readonly reason?: string };

/** The one auth callback, shared by every runtime's server. */
export type AuthCallback<TProtocol extends OCPPProtocol = OCPPProtocol> = (
  handshake: Handshake,
  signal: AbortSignal,
) => AuthDecision<TProtocol> | Promise<AuthDecision<TProtocol>>;

/** A handshake the server accepted: the adapter completes the upgrade with `headers`. */
export interface AcceptedHandshake<TProtocol extends OCPPProtocol = OCPPProtocol> {
  readonly ok: true;
  readonly identity: string;
  readonly protocol: TProtocol;
  readonly session: Record<string, unknown>;
  readonly handshake: Handshake;
  /** Response headers for the 101 — always echoes exactly one offered subprotocol. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A handshake the server refused: the adapter answers with this HTTP status and headers. */
export interface RejectedHandshake {
  readonly ok: false;
  readonly status: number;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Set when no subprotocol is common: the spec wants the WebSocket handshake completed WITHOUT
   * a Sec-WebSocket-Protocol header and the connection closed right after (OCPP-J 1.6 §3.2,
   * 2.0.1 §3.2, 2.1 §3.2). Adapters do that and close with {@link NO_COMMON_PROTOCOL_CLOSE}.
   */
  readonly closeAfterUpgrade?: true;
}

/** Close code and reason used after a handshake without a common subprotocol: 1002 protocol error. */
export const NO_COMMON_PROTOCOL_CLOSE = { code: 1002, reason: 'No common subprotocol' } as const;

export type ServerEvents<TProtocol extends OCPPProtocol> = {
  /** A station connected and is ready for handlers and calls. */
  client: (station: StationConnection<TProtocol>) => void;
  /** A handshake was refused (for logs / metrics). */
  rejected: (event: {
    readonly status: number;
    readonly reason: string;
    readonly identity: string | undefined;
  }) => void;
  /** An auth callback threw (the station got 500). */
  error: (error: unknown) => void;
};

/**
 * The CSMS side of OCPP-J, transport-agnostic: `handshake()` decides an upgrade from a
 * web-standard request (identity, subprotocol, Basic auth, the auth callback) and `accept()`
 * turns the upgraded transport into a {@link StationConnection}. Runtime packages bind these to
 * Node's `upgrade` event, `Deno.serve` or a Durable Object.
 *
 * @example
 * ```ts
 * const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], validators });
 * server.auth(({ identity, password }) => {
 *   const expected = secrets.get(identity); // unknown identity: refuse, never compare with undefined
 *   return expected !== undefined && timingSafeEqualString(password ?? '', expected);
 * });
 * server.on('client', (station) => {
 *   station.handle('BootNotification', () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }));
 * });
 * ```
 */
export class OCPPServer<TProtocol extends OCPPProtocol = OCPPProtocol> {
  private readonly emitter = createNanoEvents<ServerEvents<TProtocol>>();
  private readonly options: OCPPServerOptions<TProtocol>;
  private readonly order: readonly TProtocol[];
  private readonly authTimeoutMs: number;
  private authCallback: AuthCallback<TProtocol> | undefined;
  private readonly connected = new Map<string, StationConnection<TProtocol>>();
  private readonly shared = new Map<string, SharedHandler<TProtocol>>();
  // Resolved once; every station shares it.
  private readonly config: EndpointConfig;
  private lastPath = '';
  private closing = false;
  // What every station asks its server, as one object per server: each station keeps a
  // reference to it instead of two closures (and their context) of its own.
  private readonly host: StationHost<TProtocol> = {
    gone: (s) => {
      if (this.connected.get(s.identity) === s) this.connected.delete(s.identity);
    },
    sharedHandler: (action) => this.shared.get(action) ?? this.shared.get('*'),
  };

  constructor(options: OCPPServerOptions<TProtocol> = {}) {
    const order = checkedProtocols(options.protocols, options);
    this.options = options;
    this.config = endpointConfig(options, createIdGenerator());
    this.order = order;
    this.authTimeoutMs = options.authTimeoutMs ?? 10_000;
  }

  /**
   * Sets the auth callback, the same in every runtime. Without one, every well-formed
   * handshake is accepted (fine for a lab, never for production).
   *
   * @example
   * ```ts
   * server.auth(async ({ identity, password, protocol, remoteAddress }) => {
   *   const station = await db.find(identity);
   *   if (!station) return { accept: false, status: 404 };
   *   return station.passwordMatches(password) ? { accept: true, session: { tenant: station.tenant } } : false;
   * });
   * ```
   */
  auth(callback: AuthCallback<TProtocol>): this {
    this.authCallback = callback;
    return this;
  }

  /**
   * Registers a handler shared by every station (present and future), for the actions a station
   * has no handler of its own for; `'*'` catches the rest. The context carries the `station`.
   * One registration instead of one per connection: the idiomatic way to serve thousands.
   *
   * @example
   * ```ts
   * server.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
   * server.handle('StatusNotification', ({ station, params }) => {
   *   statuses.set(station.identity, params);
   *   return {};
   * });
   * ```
   */
  handle<TAction extends ActionName<TProtocol>>(
    action: TAction,
    handler: (
      context: HandlerContext<TProtocol, RequestOf<TProtocol, TAction>> & {
        readonly station: StationConnection<TProtocol>;
      },
    ) => HandlerResult<ResponseOf<TProtocol, TAction>>,
  ): () => void;
  handle(
    action: '*',
    handler: (
      context: HandlerContext<TProtocol, Record<string, unknown>> & {
        readonly station: StationConnection<TProtocol>;
      },
    ) => unknown,
  ): () => void;
  handle(action: string, handler: (context: never) => unknown): () => void {
    const shared = handler as SharedHandler<TProtocol>;
    this.shared.set(action, shared);
    return () => {
      if (this.shared.get(action) === shared) this.shared.delete(action);
    };
  }

  /** Listens to a server event; returns the function that removes the listener. */
  on<TEvent extends keyof ServerEvents<TProtocol>>(
    event: TEvent,
    listener: ServerEvents<TProtocol>[TEvent],
  ): () => void {
    return this.emitter.on(event, listener);
  }

  /** Connected stations by identity. */
  get stations(): ReadonlyMap<string, StationConnection<TProtocol>> {
    return this.connected;
  }

  /** Subprotocols accepted, in preference order. */
  get protocols(): readonly TProtocol[] {
    return this.order;
  }

  /**
   * Decides a WebSocket upgrade: identity from the last path segment (percent-decoded,
   * validated), subprotocol by the server's preference, Basic credentials, then the auth callback.
   */
  async handshake(
    request: HandshakeRequest,
    meta: HandshakeMeta = {},
  ): Promise<AcceptedHandshake<TProtocol> | RejectedHandshake> {
    if (this.closing) return this.reject(503, 'Server is closing', undefined);
    let url: URL;
    try {
      url = new URL(request.url, 'ws://localhost');
    } catch {
      return this.reject(400, 'Malformed request URL', undefined);
    }
    const split = splitIdentity(url.pathname);
    if (!split) return this.reject(400, 'No station identity in the path', undefined);
    const offered = parseProtocolHeader(request.headers.get('sec-websocket-protocol'));
    const protocol = chooseProtocol(this.order, offered);
    if (!protocol) {
      // "it MUST complete the WebSocket handshake with a response without a Sec-WebSocket-Protocol
      // header and then immediately close the WebSocket connection" (OCPP-J 1.6 §3.2, 2.0.1 §3.2,
      // 2.1 §3.2): adapters upgrade, then close with 1002; `status` is for runtimes that cannot.
      return {
        ...this.reject(
          400,
          `No common subprotocol (offered: ${offered.join(', ') || 'none'})`,
          split.identity,
        ),
        closeAfterUpgrade: true,
      };
    }
    const problem = identityProblem(split.identity, protocol);
    if (problem) return this.reject(400, problem, split.identity);

    const authorization = request.headers.get('authorization');
    const credentials = parseBasicAuth(authorization);
    if (authorization && !credentials)
      return this.reject(401, 'Malformed Authorization header', split.identity);
    // The Basic-auth username is the station identity (OCPP 1.6 security whitepaper ed.2 A00.FR.204/303).
    if (credentials && credentials.username !== split.identity) {
      return this.reject(401, 'Basic-auth username does not match the identity', split.identity);
    }
    const handshake = createHandshake(
      {
        identity: split.identity,
        path: this.sharedPath(split.path),
        offeredProtocols: offered,
        protocol,
        username: credentials?.username,
        password: credentials?.password,
        remoteAddress: meta.remoteAddress,
        clientCertificate: meta.clientCertificate,
        headers: request.headers,
      },
      url.search,
    );

    let decision: AuthDecision<TProtocol> = true;
    if (this.authCallback) {
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        decision = await Promise.race([
          Promise.resolve(this.authCallback(handshake, controller.signal)),
          new Promise<never>((_, rejectTimeout) => {
            timer = setTimeout(() => rejectTimeout(new AuthTimeout()), this.authTimeoutMs);
          }),
        ]);
      } catch (error) {
        controller.abort(error);
        if (error instanceof AuthTimeout) return this.reject(503, 'Authentication timed out', split.identity);
        this.emitter.emit('error', error);
        return this.reject(500, 'Authentication failed', split.identity);
      } finally {
        clearTimeout(timer);
      }
    }
    if (decision === false) return this.reject(401, 'Unauthorized', split.identity);
    if (typeof decision === 'object' && decision.accept === false) {
      return this.reject(decision.status ?? 401, decision.reason ?? 'Unauthorized', split.identity);
    }
    let chosen: TProtocol = protocol as TProtocol;
    let session: Record<string, unknown> = {};
    if (typeof decision === 'object' && decision.accept === true) {
      if (decision.protocol) {
        if (!offered.includes(decision.protocol) || !this.order.includes(decision.protocol)) {
          return this.reject(400, `Auth chose ${decision.protocol}, which was not offered`, split.identity);
        }
        chosen = decision.protocol;
      }
      session = decision.session ?? {};
    }
    return {
      ok: true,
      identity: split.identity,
      protocol: chosen,
      session,
      handshake,
      // Echo exactly one offered subprotocol: strict clients (browsers, ws, undici) fail the
      // handshake when the header is missing, and no runtime adds it for us (workerd, Deno).
      headers: { 'Sec-WebSocket-Protocol': chosen },
    };
  }

  /**
   * Turns an upgraded transport into a station connection and emits `client`. A station that
   * connects again under the same identity replaces the old connection (closed with 1000).
   */
  accept(transport: Transport, accepted: AcceptedHandshake<TProtocol>): StationConnection<TProtocol> {
    if (this.closing) {
      transport.close(1001, 'Server is closing');
      throw new StateError('Server is closing');
    }
    const previous = this.connected.get(accepted.identity);
    const station = new StationConnection<TProtocol>(this.config, accepted, this.host);
    this.connected.set(accepted.identity, station);
    if (previous) previous.close(1000, 'Replaced by a new connection');
    station.attachTransport(transport);
    this.emitter.emit('client', station);
    return station;
  }

  /** Closes every station connection (1001 "going away") and refuses new ones. */
  async close(code = 1001, reason = 'Server shutting down'): Promise<void> {
    this.closing = true;
    await Promise.all([...this.connected.values()].map((s) => s.close(code, reason)));
  }

  /**
   * The path string of the previous handshake when equal: stations of one server nearly always
   * share a path, and each Handshake would otherwise keep a copy of its own. One entry, so
   * nothing accumulates; strings are immutable, so sharing one is invisible.
   */
  private sharedPath(path: string): string {
    if (path === this.lastPath) return this.lastPath;
    this.lastPath = path;
    return path;
  }

  private reject(status: number, reason: string, identity: string | undefined): RejectedHandshake {
    this.emitter.emit('rejected', { status, reason, identity });
    const headers: Record<string, string> =
      status === 401
        ? { 'WWW-Authenticate': `Basic realm="${this.options.authRealm ?? 'ocpp'}", charset="UTF-8"` }
        : {};
    return { ok: false, status, reason, headers };
  }
}

class AuthTimeout extends Error {}

/** @internal What a station needs from its server. */
export interface StationHost<TProtocol extends OCPPProtocol> {
  /** The station closed: forget it, unless a newer connection took its identity. */
  gone(station: StationConnection<TProtocol>): void;
  /** The server-level handler for an action the station has no handler of its own for. */
  sharedHandler(action: string): SharedHandler<TProtocol> | undefined;
}

/** A server-level handler, as stored: it gets the station along with the usual context. */
type SharedHandler<TProtocol extends OCPPProtocol> = (
  context: Parameters<AnyHandler>[0] & { readonly station: StationConnection<TProtocol> },
) => unknown;

/**
 * One station's connection on the CSMS side: call the station, handle its calls.
 *
 * @example
 * ```ts
 * server.on('client', async (station) => {
 *   station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
 *   const result = await station.call('TriggerMessage', { requestedMessage: 'StatusNotification' });
 * });
 * ```
 */
export class StationConnection<TProtocol extends OCPPProtocol = OCPPProtocol> extends Endpoint<TProtocol> {
  readonly identity: string;
  /** Whatever the auth callback attached. */
  readonly session: Record<string, unknown>;
  readonly handshake: Handshake;
  private socket: Transport | undefined;
  private closedInfo: CloseInfo | undefined;
  // Created by the first close() that has to wait.
  private waiters: Array<(info: CloseInfo) => void> | undefined;
  private readonly host: StationHost<TProtocol>;

  /** @internal created by {@link OCPPServer.accept}. */
  constructor(config: EndpointConfig, accepted: AcceptedHandshake<TProtocol>, host: StationHost<TProtocol>) {
    super(config);
    this.host = host;
    this.identity = accepted.identity;
    this.session = accepted.session;
    this.handshake = accepted.handshake;
    this.negotiatedProtocol = accepted.protocol;
  }

  private negotiatedProtocol: TProtocol;

  protected override inheritedHandler(action: string): AnyHandler | undefined {
    const shared = this.host.sharedHandler(action);
    // The context is this call's own object: adding the station to it copies nothing.
    if (!shared) return undefined;
    return (context) => {
      (context as { station?: unknown }).station = this;
      return shared(context as Parameters<SharedHandler<TProtocol>>[0]);
    };
  }

  /** The agreed subprotocol. */
  override get protocol(): TProtocol {
    return this.negotiatedProtocol;
  }

  /** True until the connection closed. */
  get isOpen(): boolean {
    return this.closedInfo === undefined;
  }

  /** @internal */
  attachTransport(transport: Transport): void {
    this.socket = transport;
    this.bind(transport, this.negotiatedProtocol, new StationConnection.Sink<TProtocol>(this, transport));
    this.emit('open', { protocol: this.negotiatedProtocol });
  }

  /** Closes the connection and resolves once it is closed. */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    if (this.closedInfo) return Promise.resolve(this.closedInfo);
    const done = new Promise<CloseInfo>((resolve) => {
      this.waiters ??= [];
      this.waiters.push(resolve);
    });
    this.shutdown('Connection closed by the server');
    this.closeTransport(code, reason);
    return done;
  }

  /**
   * What a station's transport drives: one small object, its methods on the prototype. The
   * engine's default sink (three arrow functions) costs three closures and their context, ~260
   * bytes per connection: nothing for a client, a lot for a server holding thousands of
   * stations. Declared inside StationConnection so it may call the engine's protected entry points.
   */
  private static readonly Sink = class Sink<P extends OCPPProtocol> implements TransportSink {
    // Declared, not initialised as fields: the constructor sets them.
    declare private readonly station: StationConnection<P>;
    declare private readonly transport: Transport;

    constructor(station: StationConnection<P>, transport: Transport) {
      this.station = station;
      this.transport = transport;
    }

    message(data: string): void {
      this.station.receive(this.transport, data);
    }

    binary(): void {
      this.station.receiveBinary(this.transport);
    }

    close(info: CloseInfo): void {
      this.station.onTransportClose(this.transport, info);
    }

    error(error: Error): void {
      this.station.onTransportError(this.transport, error);
    }
  };

  protected override onTransportClose(transport: Transport, info: CloseInfo): void {
    if (transport !== this.socket) return;
    super.onTransportClose(transport, info);
    this.shutdown('Connection closed');
    this.closedInfo = info;
    this.host.gone(this);
    this.emit('close', info);
    const waiters = this.waiters;
    this.waiters = undefined;
    if (waiters) for (const resolve of waiters) resolve(info);
  }

  protected override onTransportError(transport: Transport, error: Error): void {
    if (transport === this.socket) this.emit('error', error);
  }
}
