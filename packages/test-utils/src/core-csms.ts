// A CSMS for tests whose stations run elsewhere (Deno, workerd): a core OCPPServer bound to a Node
// `ws` server by hand, so that each HTTP upgrade it sees can be recorded and asserted on. The types
// are structural because core's own tests use this package (a dependency on core would be a
// cycle); the transport comes from the caller — the Node adapter's, so the rules every runtime
// applies (binary frames, close frames) are the library's, not a copy of them here.
import { createServer, type IncomingMessage, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { closeWsServer } from './ws-server.js';

/** The handshake decision of a core OCPPServer, as far as binding it needs. */
type Decision =
  | { ok: true; protocol: string }
  | { ok: false; status: number; headers: Record<string, string> };

/** The part of a core OCPPServer this binding uses. */
export interface HandshakingServer<D extends Decision = Decision, T = unknown> {
  handshake(
    request: { url: string; headers: { get(name: string): string | null } },
    info?: { remoteAddress?: string | undefined },
  ): Promise<D>;
  accept(transport: T, decision: D & { ok: true }): unknown;
}

/** A running {@link startCoreCsms}. */
export interface CoreCsms {
  /** `ws://127.0.0.1:<port>` (no path: any path reaches the server's handshake). */
  url: string;
  port: number;
  /** Every upgrade request: the HTTP status answered and the Authorization header received. */
  upgrades: Array<{ status: number; authorization: string | undefined }>;
  /** Drops every socket and stops listening (the OCPPServer itself is the caller's to close). */
  close(): Promise<void>;
}

/**
 * Binds a core OCPPServer to `ws` on 127.0.0.1, each socket wrapped by `transport` (e.g. the Node
 * adapter's `WsTransport`): the core handshake decides, rejections are written
 * at the HTTP level (401 with its challenge, 400 …) before any upgrade, and `handleProtocols`
 * echoes exactly the protocol the core chose (without it, ws would echo the client's first offer).
 */
export async function startCoreCsms<D extends Decision, T>(
  server: HandshakingServer<D, T>,
  transport: (ws: WebSocket, protocol: string) => T,
): Promise<CoreCsms> {
  const chosen = new WeakMap<IncomingMessage, string>();
  const upgrades: CoreCsms['upgrades'] = [];
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (_offered, request) => chosen.get(request) ?? false,
  });
  const http = createServer((_req, res) => res.writeHead(426).end());
  http.on('upgrade', async (request, socket, head) => {
    const headers = {
      get: (name: string) => {
        const value = request.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
    const decision = await server.handshake(
      { url: request.url ?? '/', headers },
      { remoteAddress: request.socket.remoteAddress },
    );
    upgrades.push({
      status: decision.ok ? 101 : decision.status,
      authorization: request.headers.authorization,
    });
    if (!decision.ok) {
      const lines = Object.entries(decision.headers).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.end(
        `HTTP/1.1 ${decision.status} ${STATUS_CODES[decision.status]}\r\n${lines.join('')}Connection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    const accepted = decision as D & { ok: true };
    chosen.set(request, accepted.protocol);
    wss.handleUpgrade(request, socket, head, (ws) =>
      server.accept(transport(ws, accepted.protocol), accepted),
    );
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    upgrades,
    close: () => closeWsServer(http, wss),
  };
}
