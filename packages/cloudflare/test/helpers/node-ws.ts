// A minimal Node `ws` CSMS for the Worker-as-client tests. Stations use @ocpp-ws-io/node's
// connector; this binding stays because the tests inspect each handshake it sees.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloseInfo, OCPPProtocol, OCPPServer, Transport, TransportSink } from '@ocpp-ws-io/core';
import WebSocket, { WebSocketServer } from 'ws';

class WsTransport implements Transport {
  private sink: TransportSink | undefined;
  private readonly backlog: Array<(s: TransportSink) => void> = [];
  constructor(
    private readonly ws: WebSocket,
    readonly protocol: string,
  ) {
    ws.on('message', (data, isBinary) => this.deliver((s) => s.message(isBinary ? '' : data.toString())));
    ws.on('close', (code, reason) => this.deliver((s) => s.close({ code, reason: reason.toString() })));
    ws.on('error', (error) => this.deliver((s) => s.error(error)));
  }
  send(data: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }
  close(code = 1000, reason = ''): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }
  attach(sink: TransportSink): void {
    this.sink = sink;
    for (const event of this.backlog.splice(0)) event(sink);
  }
  private deliver(event: (s: TransportSink) => void): void {
    if (this.sink) event(this.sink);
    else this.backlog.push(event);
  }
}

/** Runs a core OCPPServer on `ws://127.0.0.1:<port>`: the web-standard handshake on Node's upgrade event. */
export async function startNodeCsms<P extends OCPPProtocol>(
  server: OCPPServer<P>,
): Promise<{ url: string; close(): Promise<void> }> {
  const http = createServer((_req, res) => res.writeHead(426).end());
  // ws echoes what handleProtocols returns: the protocol the handshake decided for this request.
  const chosen = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (_offered, req) => chosen.get(req) ?? false,
  });
  http.on('upgrade', async (req: IncomingMessage, socket, head) => {
    const headers = { get: (name: string) => [req.headers[name.toLowerCase()]].flat()[0] ?? null };
    const decision = await server.handshake({ url: req.url ?? '/', headers });
    if (!decision.ok) {
      const extra = Object.entries(decision.headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${decision.status} Rejected\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    chosen.set(req, decision.protocol);
    wss.handleUpgrade(req, socket, head, (ws) =>
      server.accept(new WsTransport(ws, decision.protocol), decision),
    );
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        for (const ws of wss.clients) ws.terminate();
        http.closeAllConnections();
        http.close(() => ok());
      }),
  };
}

/** Resolves with the next close of a core endpoint. */
export const closedOf = (endpoint: { on(e: 'close', l: (i: CloseInfo) => void): () => void }) =>
  new Promise<CloseInfo>((ok) => endpoint.on('close', ok));
