import { DurableObject } from 'cloudflare:workers';
import {
  type AcceptedHandshake,
  type AuthDecision,
  type CallOptions,
  type Handshake,
  NO_COMMON_PROTOCOL_CLOSE,
  type OCPPProtocol,
  OCPPServer,
  type OCPPServerOptions,
  type StationConnection,
  withPresetValidators,
} from '@ocpp-ws-io/core';
import {
  fromAttachment,
  SessionTooLargeError,
  type StationAttachment,
  toAcceptedHandshake,
  toAttachment,
} from './attachment.js';
import { failureOf, type StationCallOutcome } from './call-outcome.js';
import type { WebSocketLike } from './like.js';
import { answerClose, SocketTransport } from './socket-transport.js';
import { ALL_VALIDATORS } from './validators.js';

/** What {@link OCPPStationObject.onStation} learns about a connection. */
export interface StationContext {
  /**
   * True when the connection was rebuilt from its socket attachment after the object hibernated
   * (the constructor ran again); false for a fresh upgrade.
   */
  readonly restored: boolean;
}

/** A snapshot of the object's station, as returned by `stationInfo()` over RPC. */
export interface StationInfo {
  readonly connected: boolean;
  readonly identity?: string;
  readonly protocol?: string;
  readonly session?: Record<string, unknown>;
  readonly connectedAt?: number;
}

type WebSocketPairLike = new () => { 0: WebSocketLike; 1: WebSocketLike & { accept(): void } };

/**
 * No common subprotocol: complete the handshake without a Sec-WebSocket-Protocol header and close
 * at once (OCPP-J 1.6 §3.2, 2.0.1 §3.2, 2.1 §3.2). A plain (non-hibernating) accept is enough for
 * a socket that lives for one close frame.
 */
function upgradeThenClose(): Response {
  const Pair = (globalThis as unknown as { WebSocketPair: WebSocketPairLike }).WebSocketPair;
  const pair = new Pair();
  pair[1].accept();
  pair[1].close(NO_COMMON_PROTOCOL_CLOSE.code, NO_COMMON_PROTOCOL_CLOSE.reason);
  return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit);
}

/**
 * A CSMS Durable Object for one charging station (address it by identity), on the WebSocket
 * Hibernation API. Extend it, register handlers in {@link onStation}, optionally check
 * credentials in {@link authenticate} and tune the core server in {@link serverOptions}.
 *
 * The object may hibernate whenever it is idle for ~10 s; the constructor then runs again and
 * instance fields are gone. Each connection is rebuilt from its socket attachment (identity,
 * protocol, the auth callback's session) and `onStation` runs again with `restored: true`, so
 * register handlers there and keep other state in `this.ctx.storage`.
 *
 * Internal methods use `#private` names on purpose: every public method of a Durable Object
 * class is callable over RPC, TypeScript's `private` included.
 *
 * @example
 * ```ts
 * export class StationObject extends OCPPStationObject<Env> {
 *   // One credential per station; examples/cloudflare-csms keeps a salted hash in this.ctx.storage.
 *   protected override async authenticate({ password }: Handshake) {
 *     const ok = await checkStationPassword(this.ctx.storage, password); // false when none is stored
 *     return ok ? { accept: true, session: { tenant: 'acme' } } : false;
 *   }
 *   protected override onStation(station: StationConnection) {
 *     station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
 *   }
 * }
 * ```
 */
export abstract class OCPPStationObject<
  TEnv = unknown,
  TProtocol extends OCPPProtocol = OCPPProtocol,
> extends DurableObject<TEnv> {
  // Built on first use, not in the constructor: subclass fields (and overrides reading them)
  // are not initialised yet while the base constructor runs.
  #server: OCPPServer<TProtocol> | undefined;
  readonly #transports = new Map<string, SocketTransport>();
  #restoring = false;

  /**
   * Options of the core server (protocols in preference order, validators, timeouts). Default:
   * every protocol, newest first, with every version's validators and strict mode on.
   */
  protected serverOptions(): OCPPServerOptions<TProtocol> {
    return {};
  }

  /** The auth callback, the same shape as on every runtime. Absent: every station is accepted. */
  protected authenticate?(
    handshake: Handshake,
    signal: AbortSignal,
  ): AuthDecision<TProtocol> | Promise<AuthDecision<TProtocol>>;

  /** Registers handlers on a connection: after each upgrade and after each hibernation. */
  protected abstract onStation(station: StationConnection<TProtocol>, context: StationContext): void;

  /** Takes the upgrade the Worker forwarded: handshake, hibernatable accept, 101 with the subprotocol. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426, headers: { Upgrade: 'websocket' } });
    }
    const server = this.#ensure();
    const decision = await server.handshake(request, {
      remoteAddress: request.headers.get('CF-Connecting-IP') ?? undefined,
    });
    if (!decision.ok && decision.closeAfterUpgrade) return upgradeThenClose();
    if (!decision.ok)
      return new Response(decision.reason, { status: decision.status, headers: decision.headers });

    const sid = crypto.randomUUID();
    let attachment: ReturnType<typeof toAttachment>;
    try {
      attachment = toAttachment(decision, sid, Date.now());
    } catch (error) {
      return this.#refuse(error);
    }
    const Pair = (globalThis as unknown as { WebSocketPair: WebSocketPairLike }).WebSocketPair;
    const pair = new Pair();
    const socket = pair[1];
    this.ctx.acceptWebSocket(socket, [decision.identity.slice(0, 256)]);
    try {
      socket.serializeAttachment(attachment);
    } catch (error) {
      socket.close(1011, 'Session too large');
      return this.#refuse(error);
    }
    this.#bind(server, new SocketTransport(socket, decision.protocol), sid, decision);
    // Echo the negotiated subprotocol: workerd does not add it, and strict clients (browsers,
    // ws, undici) fail the handshake without it.
    return new Response(null, { status: 101, webSocket: pair[0], headers: decision.headers } as ResponseInit);
  }

  /** Hibernation API: one inbound frame. Awaits the reply to a CALL, so the object stays awake for it. */
  async webSocketMessage(ws: WebSocketLike, message: string | ArrayBuffer): Promise<void> {
    const transport = this.#transportOf(ws);
    if (!transport) {
      ws.close(1011, 'Unknown connection');
      return;
    }
    if (typeof message === 'string') await transport.receive(message);
    else transport.onBinary();
  }

  /** Hibernation API: the station closed its socket. */
  async webSocketClose(ws: WebSocketLike, code: number, reason: string, _wasClean: boolean): Promise<void> {
    const transport = this.#transportOf(ws);
    answerClose(ws, code, reason);
    transport?.closed({ code, reason });
  }

  /** Hibernation API: the socket failed. */
  async webSocketError(ws: WebSocketLike, error: unknown): Promise<void> {
    this.#transportOf(ws)?.errored(error instanceof Error ? error : new Error(String(error)));
  }

  /**
   * RPC: sends a CALL to the connected station and returns its response, or why there is none,
   * as plain data. While this awaits, the RPC is in progress, so the object cannot hibernate
   * and the pending call (kept in memory) is not lost; its timeout (`callTimeoutMs`, default
   * 30 s) bounds how long the object is held awake. A deploy or `ctx.abort()` still drops it.
   *
   * @example
   * ```ts
   * const outcome = await env.STATIONS.getByName('CP-1').callStation('RemoteStartTransaction', { idTag: 'TAG-1' });
   * if (outcome.ok) console.log(outcome.response);
   * ```
   */
  async callStation(
    action: string,
    params: unknown,
    options: Pick<CallOptions, 'timeoutMs'> = {},
  ): Promise<StationCallOutcome> {
    const station = this.#station();
    if (!station) {
      return { ok: false, error: { type: 'NotConnected', message: 'The station is not connected' } };
    }
    try {
      const call = station.call as (a: string, p: unknown, o: CallOptions) => Promise<unknown>;
      const response = await call.call(station, action, params, options);
      return { ok: true, protocol: station.protocol, response };
    } catch (error) {
      return { ok: false, error: failureOf(error) };
    }
  }

  /**
   * RPC: who is connected to this object, with the session the auth callback attached.
   *
   * @example
   * ```ts
   * const info = await env.STATIONS.getByName('CP-1').stationInfo();
   * ```
   */
  async stationInfo(): Promise<StationInfo> {
    const station = this.#station();
    if (!station) return { connected: false };
    const connectedAt = this.#attachmentOf(station.identity)?.connectedAt;
    return {
      connected: true,
      identity: station.identity,
      protocol: station.protocol,
      session: station.session,
      ...(connectedAt === undefined ? {} : { connectedAt }),
    };
  }

  /**
   * The live connection of this object's station, rebuilt from its attachment if the object
   * hibernated; undefined when none is open.
   */
  protected get station(): StationConnection<TProtocol> | undefined {
    return this.#station();
  }

  #station(): StationConnection<TProtocol> | undefined {
    const stations = [...this.#ensure().stations.values()];
    return stations[stations.length - 1];
  }

  #attachmentOf(identity: string) {
    for (const ws of this.ctx.getWebSockets()) {
      const a = fromAttachment(ws.deserializeAttachment());
      if (a?.identity === identity && this.#transports.get(a.sid)?.isClosed === false) return a;
    }
    return undefined;
  }

  #refuse(error: unknown): Response {
    // The operator must see this: it is a configuration error, not a station's fault.
    console.error(
      error instanceof SessionTooLargeError ? error.message : `Could not accept a station: ${error}`,
    );
    const reason = error instanceof SessionTooLargeError ? 'Session too large' : 'Internal error';
    return new Response(reason, { status: 500 });
  }

  /** The server, and every socket that outlived the previous instance bound to a connection. */
  #ensure(): OCPPServer<TProtocol> {
    let server = this.#server;
    if (!server) {
      server = new OCPPServer<TProtocol>(withPresetValidators(this.serverOptions(), ALL_VALIDATORS));
      const auth = this.authenticate;
      if (auth) server.auth((handshake, signal) => auth.call(this, handshake, signal));
      server.on('client', (station) => this.onStation(station, { restored: this.#restoring }));
      this.#server = server;
      this.#restore(server);
    }
    return server;
  }

  #bind(
    server: OCPPServer<TProtocol>,
    transport: SocketTransport,
    sid: string,
    accepted: AcceptedHandshake<TProtocol>,
  ): void {
    this.#transports.set(sid, transport);
    const station = server.accept(transport, accepted);
    station.on('close', () => this.#transports.delete(sid));
  }

  #restore(server: OCPPServer<TProtocol>): void {
    const sockets = this.ctx
      .getWebSockets()
      .map((ws) => ({ ws, attachment: fromAttachment(ws.deserializeAttachment()) }))
      .filter((s): s is { ws: WebSocketLike; attachment: StationAttachment } => s.attachment !== undefined)
      // Oldest first: accepting a newer connection of the same identity replaces an older one.
      .sort((a, b) => a.attachment.connectedAt - b.attachment.connectedAt);
    this.#restoring = true;
    try {
      for (const { ws, attachment } of sockets) {
        if (this.#transports.has(attachment.sid)) continue;
        const accepted = toAcceptedHandshake<TProtocol>(attachment);
        this.#bind(server, new SocketTransport(ws, attachment.protocol), attachment.sid, accepted);
      }
    } finally {
      this.#restoring = false;
    }
  }

  #transportOf(ws: WebSocketLike): SocketTransport | undefined {
    this.#ensure();
    const attachment = fromAttachment(ws.deserializeAttachment());
    return attachment && this.#transports.get(attachment.sid);
  }
}
