// A CSMS for tests whose stations run elsewhere (Deno, workerd): a core OCPPServer bound to a Node
// `ws` server by hand, so that each HTTP upgrade it sees can be recorded and asserted on. The types
// are structural because core's own tests use this package (a dependency on core would be a cycle).
import { createServer, type IncomingMessage, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** What a core Transport drives (structurally core's `TransportSink`). */
interface Sink {
  message(data: string): void;
  close(info: { code: number; reason: string }): void;
  error(error: Error): void;
}

/** The handshake decision of a core OCPPServer, as far as binding it needs. */
type Decision =
  | { ok: true; protocol: string }
  | { ok: false; status: number; headers: Record<string, string> };

/** The part of a core OCPPServer this binding uses. */
export interface HandshakingServer<D extends Decision = Decision> {
  handshake(
    request: { url: string; headers: { get(name: string): string | null } },
    info?: { remoteAddress?: string | undefined },
  ): Promise<D>;
  accept(transport: WsTransport, decision: D & { ok: true }): unknown;
}

/** A core Transport over one Node `ws` socket; events before `attach` are buffered. */
export class WsTransport {
  #sink: Sink | undefined;
  #backlog: Array<(sink: Sink) => void> = [];
  readonly #ws: WebSocket;

  constructor(
    ws: WebSocket,
    readonly protocol: string = ws.protocol,
  ) {
    this.#ws = ws;
    ws.on('message', (data, isBinary) => {
      // OCPP-J frames are text; a binary frame is refused the way a strict CSMS would.
      if (isBinary) ws.close(1003, 'text frames only');
      else this.#deliver((sink) => sink.message(data.toString()));
    });
    ws.on('close', (code, reason) =>
      this.#deliver((sink) => sink.close({ code, reason: reason.toString() })),
    );
    ws.on('error', (error) => this.#deliver((sink) => sink.error(error)));
  }

  send(data: string): void {
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.send(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING)
      this.#ws.close(code, reason);
  }

  attach(sink: Sink): void {
    this.#sink = sink;
    for (const event of this.#backlog.splice(0)) event(sink);
  }

  #deliver(event: (sink: Sink) => void): void {
    if (this.#sink) event(this.#sink);
    else this.#backlog.push(event);
  }
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
 * Binds a core OCPPServer to `ws` on 127.0.0.1: the core handshake decides, rejections are written
 * at the HTTP level (401 with its challenge, 400 …) before any upgrade, and `handleProtocols`
 * echoes exactly the protocol the core chose (without it, ws would echo the client's first offer).
 */
export async function startCoreCsms<D extends Decision>(server: HandshakingServer<D>): Promise<CoreCsms> {
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
    wss.handleUpgrade(request, socket, head, (ws) => server.accept(new WsTransport(ws), accepted));
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    upgrades,
    close: () =>
      new Promise<void>((ok) => {
        for (const ws of wss.clients) ws.terminate();
        http.closeAllConnections();
        http.close(() => ok());
      }),
  };
}
