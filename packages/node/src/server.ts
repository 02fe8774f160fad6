import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import {
  createServer as createHttpsServer,
  type ServerOptions as HttpsOptions,
  type Server as HttpsServer,
} from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  type ClientCertificate,
  OCPPServer as CoreServer,
  type OCPPServerOptions as CoreServerOptions,
  NO_COMMON_PROTOCOL_CLOSE,
  type OCPPProtocol,
  withPresetValidators,
} from '@ocpp-ws-io/core';
import { WebSocketServer } from 'ws';
import { ALL_VALIDATORS } from './defaults.js';
import { writeHttpRejection } from './http-reject.js';
import { listenOn } from './listen.js';
import { type KeepAliveOptions, KeepAliveSweeper, TransportSocket, WsTransport } from './ws-transport.js';

/** Options of the Node {@link OCPPServer}. */
export interface OCPPServerOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends CoreServerOptions<TProtocol>,
    KeepAliveOptions {
  /**
   * Accept upgrades only at `<path>/<identity>`, e.g. `/ocpp` for `/ocpp/CP-1`; other paths, including
   * `/ocpp/sub/CP-1` and `/ocppx/CP-1`, get 404. Default: any path.
   */
  readonly path?: string;
  /**
   * Upgrades being decided (handshake + auth callback) at once; more get 503 with `Retry-After`
   * so a reconnect storm or a flood of slow handshakes cannot pile up auth work (default 1000).
   */
  readonly maxConcurrentUpgrades?: number;
}

/** TLS versions below 1.2 are refused: `listen({ tls })` must not be talked into them. */
const WEAK_TLS = /^(SSLv2|SSLv3|TLSv1|TLSv1\.1)$/;
const WEAK_SECURE_PROTOCOL = /^(SSLv2|SSLv3|SSLv23|TLSv1|TLSv1_1|TLS)_(method|server_method|client_method)$/;

function checkTlsOptions(tls: HttpsOptions): void {
  if (tls.minVersion !== undefined && WEAK_TLS.test(tls.minVersion))
    throw new RangeError(`tls.minVersion ${tls.minVersion} is too weak: TLSv1.2 is the minimum`);
  // secureProtocol pins or widens the version range past minVersion; only the 1.2/1.3 pins are fine.
  if (tls.secureProtocol !== undefined && WEAK_SECURE_PROTOCOL.test(tls.secureProtocol))
    throw new RangeError(`tls.secureProtocol ${tls.secureProtocol} allows TLS below 1.2`);
}

/** Where {@link OCPPServer.listen} is listening. */
export interface ListenInfo {
  readonly host: string;
  readonly port: number;
  /** Base endpoint for stations, e.g. `ws://127.0.0.1:9000/ocpp`. */
  readonly url: string;
}

/**
 * A CSMS endpoint on Node: listens on a port (or attaches to your `http`/`https` server), decides
 * each upgrade with the shared auth callback, pings stations to detect dead links, and hands you a
 * {@link StationConnection} per station.
 *
 * @example
 * ```ts
 * import { OCPPServer, timingSafeEqualString } from '@ocpp-ws-io/node';
 *
 * const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
 * server.auth(({ identity, password }) => {
 *   const expected = lookup(identity); // unknown identity: refuse, never compare with undefined
 *   return expected !== undefined && timingSafeEqualString(password ?? '', expected);
 * });
 * server.on('client', (station) => {
 *   station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
 * });
 * const { url } = await server.listen({ port: 9000, host: '127.0.0.1' });
 * ```
 */
export class OCPPServer<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreServer<TProtocol> {
  private readonly wss: WebSocketServer;
  private readonly chosen = new WeakMap<IncomingMessage, string>();
  private readonly sweeper: KeepAliveSweeper;
  private readonly pathPrefix: string | undefined;
  private readonly owned: Array<HttpServer | HttpsServer> = [];
  private readonly detachers: Array<() => void> = [];
  private readonly maxUpgrades: number;
  private upgrading = 0;
  private readonly lastHeaderValues = new Map<string, string>();

  constructor(options: OCPPServerOptions<TProtocol> = {}) {
    super(withPresetValidators(options, ALL_VALIDATORS));
    this.pathPrefix = options.path?.replace(/\/+$/, '');
    this.sweeper = new KeepAliveSweeper(options.pingIntervalMs ?? 30_000, options.pongTimeoutMs ?? 10_000);
    const maxUpgrades = options.maxConcurrentUpgrades ?? 1000;
    if (!(maxUpgrades > 0) || !Number.isInteger(maxUpgrades))
      throw new RangeError(`maxConcurrentUpgrades must be a positive integer, got ${maxUpgrades}`);
    this.maxUpgrades = maxUpgrades;
    this.wss = new WebSocketServer({
      noServer: true,
      // ws closes with 1009 above maxPayload before the engine sees the frame; keep it a little
      // above maxFrameBytes so the engine's own limit (same code) is the one that normally acts.
      maxPayload: (options.maxFrameBytes ?? 1024 * 1024) + 1024,
      // OCPP frames are small JSON; per-message deflate costs memory per idle station.
      perMessageDeflate: false,
      // The core server tracks its stations; ws's own Set would cost a Set entry and a 'close'
      // closure per connection for nothing.
      clientTracking: false,
      // Sockets that hand their events straight to their WsTransport (no listeners to store).
      WebSocket: TransportSocket,
      // Echo exactly the protocol the handshake chose. Without this handler ws would echo the
      // client's first offer, even one the server does not support.
      handleProtocols: (_offered, req) => this.chosen.get(req) ?? false,
    });
  }

  /**
   * Starts an HTTP (or, with `tls`, HTTPS) server for stations. Port 0 picks a free port.
   * Other HTTP requests get 426 Upgrade Required.
   */
  async listen(
    options: { readonly port?: number; readonly host?: string; readonly tls?: HttpsOptions } = {},
  ): Promise<ListenInfo> {
    const handler = (_req: IncomingMessage, res: import('node:http').ServerResponse) => {
      res
        .writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' })
        .end('WebSocket upgrade required\n');
    };
    if (options.tls) checkTlsOptions(options.tls);
    const http = options.tls
      ? createHttpsServer({ minVersion: 'TLSv1.2', ...options.tls }, handler)
      : createHttpServer(handler);
    this.owned.push(http);
    this.attach(http);
    const host = options.host ?? '127.0.0.1';
    const { port, urlHost } = await listenOn(http, options.port ?? 0, host);
    const scheme = options.tls ? 'wss' : 'ws';
    return { host, port, url: `${scheme}://${urlHost}:${port}${this.pathPrefix ?? ''}` };
  }

  /** Handles WebSocket upgrades of an existing `http`/`https` server; returns the detach function. */
  attach(server: HttpServer | HttpsServer): () => void {
    const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer) =>
      void this.handleUpgrade(req, socket, head);
    server.on('upgrade', onUpgrade);
    const detach = () => server.off('upgrade', onUpgrade);
    this.detachers.push(detach);
    return detach;
  }

  /** Decides and completes one upgrade (for frameworks that route `upgrade` events themselves). */
  async handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    // A client that hangs up while auth runs must not crash the process with an unhandled error.
    socket.on('error', ignoreError);
    if (this.upgrading >= this.maxUpgrades) {
      writeHttpRejection(socket, 503, 'Too many concurrent handshakes', { 'Retry-After': '1' });
      return;
    }
    this.upgrading++;
    try {
      await this.decideUpgrade(req, socket, head);
    } finally {
      this.upgrading--;
    }
  }

  private async decideUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const url = req.url ?? '/';
    if (this.pathPrefix !== undefined) {
      const pathname = url.split('?')[0] ?? '/';
      const dir = pathname.slice(0, pathname.lastIndexOf('/'));
      if (dir !== this.pathPrefix) {
        writeHttpRejection(socket, 404, 'Not Found', {});
        return;
      }
    }
    // The station's Handshake keeps `headers` for the whole connection: it holds the headers
    // object only, not `req` (an IncomingMessage with socket and parser state is far bigger).
    this.shareHeaderValues(req.headers);
    const decision = await this.handshake(
      { url, headers: new NodeHeaders(req.headers) },
      { remoteAddress: req.socket.remoteAddress, clientCertificate: peerCertificate(req.socket) },
    );
    if (socket.destroyed) return;
    if (!decision.ok && decision.closeAfterUpgrade) {
      // No `chosen` entry: handleProtocols answers false, so the 101 carries no subprotocol.
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        socket.off('error', ignoreError);
        ws.close(NO_COMMON_PROTOCOL_CLOSE.code, NO_COMMON_PROTOCOL_CLOSE.reason);
      });
      return;
    }
    if (!decision.ok) {
      writeHttpRejection(socket, decision.status, decision.reason, decision.headers);
      return;
    }
    this.chosen.set(req, decision.protocol);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // ws now handles the socket's errors itself; a second listener would keep the socket's
      // 'error' entry an array for the whole connection.
      socket.off('error', ignoreError);
      // The server's one sweeper pings every station (keep-alive options are its own).
      this.accept(new WsTransport(ws, decision.protocol, {}, this.sweeper), decision);
    });
  }

  /**
   * Node parses every header value into a string of its own, and each station's handshake
   * keeps them all. A value equal to the one the previous upgrade sent under the same name is
   * replaced by that earlier string (strings are immutable: nobody can tell), so a fleet that
   * sends the same Host, Upgrade, Sec-WebSocket-Version… shares one copy. Only the names below,
   * one value each: nothing accumulates, whatever clients send.
   */
  private shareHeaderValues(headers: IncomingMessage['headers']): void {
    for (const name of SHARED_HEADERS) {
      const value = headers[name];
      if (typeof value !== 'string') continue;
      const last = this.lastHeaderValues.get(name);
      if (value === last) headers[name] = last;
      else this.lastHeaderValues.set(name, value);
    }
  }

  /** Closes every station (1001), stops accepting, and closes servers started by `listen()`. */
  override async close(code = 1001, reason = 'Server shutting down'): Promise<void> {
    for (const detach of this.detachers.splice(0)) detach();
    await super.close(code, reason);
    await Promise.all(
      this.owned.splice(0).map(
        (http) =>
          new Promise<void>((resolve) => {
            http.close(() => resolve());
            http.closeAllConnections?.();
          }),
      ),
    );
    this.wss.close();
  }
}

/** Headers whose values are usually the same for every station of a CSMS (not the per-connection key). */
const SHARED_HEADERS = [
  'host',
  'upgrade',
  'connection',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
  'user-agent',
  'origin',
  'pragma',
  'cache-control',
  'accept-encoding',
  'accept-language',
] as const;

/** Shared by every pending upgrade: one function instead of a closure per socket. */
function ignoreError(): void {}

/**
 * The request headers as `Handshake.headers`, with `get` on the prototype like the web
 * `Headers` it stands in for: one small object per connection instead of an object, a closure
 * and its context.
 */
class NodeHeaders {
  constructor(private readonly headers: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

function peerCertificate(socket: Socket): ClientCertificate | undefined {
  const tls = socket as Partial<TLSSocket>;
  if (typeof tls.getPeerCertificate !== 'function') return undefined;
  const cert = tls.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return undefined;
  const subject: Record<string, string> = {};
  for (const [k, v] of Object.entries(cert.subject ?? {}))
    subject[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return { subject, fingerprint256: cert.fingerprint256, authorized: tls.authorized === true };
}
