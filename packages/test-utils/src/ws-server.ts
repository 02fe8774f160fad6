import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** Options for {@link startWsServer}. */
export interface WsServerOptions {
  /** Subprotocols the server accepts, in preference order (default `['ocpp2.0.1', 'ocpp1.6']`). */
  protocols?: string[];
  /**
   * Require `Authorization: Basic` with these credentials. A request without the right header
   * gets `401` with `WWW-Authenticate: Basic realm="ocpp"`: the challenge browsers need before
   * they send URL-userinfo credentials.
   */
  basicAuth?: { user: string; pass: string };
  /** Called for each open socket; default: echo every message back unchanged. */
  onConnection?: (ws: WebSocket, headers: IncomingHttpHeaders) => void;
}

/** One upgrade request as the server saw it. */
export interface SeenUpgrade {
  url: string;
  headers: IncomingHttpHeaders;
  /** What the server answered: 101 or 401. */
  status: number;
}

/** A running Node `ws` server on loopback. */
export interface WsTestServer {
  /** `ws://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  /** Every upgrade request received, in order. */
  upgrades: SeenUpgrade[];
  wss: WebSocketServer;
  close(): Promise<void>;
}

/**
 * A `ws` server on `127.0.0.1:<random port>` that echoes exactly one offered subprotocol (the first
 * of `protocols` the client offered; none → no header, so strict clients fail as in production),
 * records each upgrade's headers, and can demand Basic auth with a proper 401 challenge.
 *
 * Uses `noServer` + the http `upgrade` event (ws README "Client authentication") so a 401 can be
 * written before the handshake.
 */
export async function startWsServer(options: WsServerOptions = {}): Promise<WsTestServer> {
  const supported = options.protocols ?? ['ocpp2.0.1', 'ocpp1.6'];
  const expectedAuth = options.basicAuth
    ? `Basic ${Buffer.from(`${options.basicAuth.user}:${options.basicAuth.pass}`).toString('base64')}`
    : undefined;
  const upgrades: SeenUpgrade[] = [];
  const http = createServer((_req, res) => res.writeHead(426).end('upgrade required'));
  const wss = new WebSocketServer({
    noServer: true,
    // Without this handler ws picks the client's first offer, even one we don't support.
    handleProtocols: (offered) => supported.find((p) => offered.has(p)) ?? false,
  });
  const onConnection =
    options.onConnection ??
    ((ws: WebSocket) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  http.on('upgrade', (req, socket, head) => {
    if (expectedAuth && req.headers.authorization !== expectedAuth) {
      upgrades.push({ url: req.url ?? '', headers: req.headers, status: 401 });
      socket.write(
        'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="ocpp"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
      );
      socket.destroy();
      return;
    }
    upgrades.push({ url: req.url ?? '', headers: req.headers, status: 101 });
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req.headers));
  });
  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    upgrades,
    wss,
    close: () => closeWsServer(http, wss),
  };
}

/** Drops every socket of `wss`, then stops `http` listening; resolves once it has. */
export function closeWsServer(http: Server, wss: WebSocketServer): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    http.closeAllConnections();
    http.close(() => resolve());
  });
}
