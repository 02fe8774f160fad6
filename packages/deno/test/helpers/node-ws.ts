// A Node CSMS for the Deno client tests: a core OCPPServer bound to a `ws` server with HTTP-level
// rejections, recording every upgrade it sees (the tests assert on them). Node stations use
// @ocpp-ws-io/node's connector.
import { createServer, type IncomingMessage, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AcceptedHandshake, OCPPServer, Transport, TransportSink } from '@ocpp-ws-io/core';
import { WebSocket, WebSocketServer } from 'ws';

/** A core Transport over one Node `ws` socket; events before `attach` are buffered. */
export class NodeWsTransport implements Transport {
  private sink: TransportSink | undefined;
  private backlog: Array<(sink: TransportSink) => void> = [];

  constructor(
    private readonly ws: WebSocket,
    readonly protocol: string = ws.protocol,
  ) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) ws.close(1003, 'text frames only');
      else this.deliver((sink) => sink.message(data.toString()));
    });
    ws.on('close', (code, reason) => this.deliver((sink) => sink.close({ code, reason: reason.toString() })));
    ws.on('error', (error) => this.deliver((sink) => sink.error(error)));
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

  private deliver(event: (sink: TransportSink) => void): void {
    if (this.sink) event(this.sink);
    else this.backlog.push(event);
  }
}

/** A Node CSMS around a core OCPPServer. */
export interface NodeCsms {
  url: string;
  /** Every upgrade request: the HTTP status answered and the Authorization header received. */
  upgrades: Array<{ status: number; authorization: string | undefined }>;
  close(): Promise<void>;
}

/**
 * Binds a core OCPPServer to `ws` on 127.0.0.1: the core handshake decides, rejections are
 * written at the HTTP level (401 with its challenge, 400 …) before any upgrade, and
 * `handleProtocols` echoes exactly the protocol the core chose (without it, ws would echo the
 * client's first offer).
 */
export async function startNodeCsms(server: OCPPServer): Promise<NodeCsms> {
  const chosen = new WeakMap<IncomingMessage, AcceptedHandshake>();
  const upgrades: NodeCsms['upgrades'] = [];
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (_offered, request) => chosen.get(request)?.protocol ?? false,
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
    chosen.set(request, decision);
    wss.handleUpgrade(request, socket, head, (ws) => server.accept(new NodeWsTransport(ws), decision));
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    upgrades,
    close: async () => {
      await server.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((ok) => http.close(() => ok()));
    },
  };
}
