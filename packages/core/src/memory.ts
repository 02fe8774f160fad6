import { ConnectError } from './errors.js';
import type { OCPPProtocol } from './protocol.js';
import { NO_COMMON_PROTOCOL_CLOSE, type OCPPServer } from './server.js';
import type { CloseInfo, Connector, Transport, TransportSink } from './transport.js';

/**
 * One end of an in-memory WebSocket. Frames are delivered on a microtask, in order, like a
 * socket would: never synchronously inside `send()` (which would reorder re-entrant calls).
 */
class MemoryTransport implements Transport {
  peer: MemoryTransport | undefined;
  private sink: TransportSink | undefined;
  private backlog: Array<(sink: TransportSink) => void> = [];
  private state: 'open' | 'closing' | 'closed' = 'open';

  constructor(readonly protocol: string) {}

  send(data: string): void {
    if (this.state !== 'open') return;
    const peer = this.peer;
    queueMicrotask(() => peer?.deliver((sink) => sink.message(data)));
  }

  close(code = 1000, reason = ''): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    const peer = this.peer;
    queueMicrotask(() => {
      peer?.remoteClosed({ code, reason });
      this.finish({ code, reason });
    });
  }

  attach(sink: TransportSink): void {
    this.sink = sink;
    const backlog = this.backlog;
    this.backlog = [];
    for (const event of backlog) event(sink);
  }

  /** Simulates a connection that drops without a close handshake (1006). */
  drop(): void {
    if (this.state === 'closed') return;
    const peer = this.peer;
    queueMicrotask(() => {
      peer?.remoteClosed({ code: 1006, reason: '' });
      this.finish({ code: 1006, reason: '' });
    });
  }

  private remoteClosed(info: CloseInfo): void {
    if (this.state === 'closed') return;
    this.finish(info);
  }

  private finish(info: CloseInfo): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.deliver((sink) => sink.close(info));
  }

  private deliver(event: (sink: TransportSink) => void): void {
    if (this.sink) event(this.sink);
    else this.backlog.push(event);
  }
}

/** Two connected in-memory transports with an agreed subprotocol, for tests and demos. */
export function createMemoryTransportPair(protocol: string): [MemoryTransport, MemoryTransport] {
  const a = new MemoryTransport(protocol);
  const b = new MemoryTransport(protocol);
  a.peer = b;
  b.peer = a;
  return [a, b];
}

export type { MemoryTransport };

/**
 * A connector that "dials" an {@link OCPPServer} in the same process: the full handshake
 * (identity, subprotocol, Basic auth, the auth callback) runs, then both sides get an in-memory
 * transport. Used by the engine's tests and by the playground's no-server mode.
 *
 * @example
 * ```ts
 * const client = new OCPPClient({ endpoint: 'ws://in-memory/ocpp', identity: 'CP-1', connector: connectInMemory(server), ... });
 * ```
 */
export function connectInMemory<TProtocol extends OCPPProtocol>(server: OCPPServer<TProtocol>): Connector {
  return async ({ url, protocols, password, identity, headers: extra }) => {
    const headers = new Map<string, string>();
    for (const [k, v] of Object.entries(extra ?? {})) headers.set(k.toLowerCase(), v);
    headers.set('sec-websocket-protocol', protocols.join(', '));
    if (password !== undefined) {
      const bytes = new TextEncoder().encode(`${identity}:${password}`);
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      headers.set('authorization', `Basic ${btoa(binary)}`);
    }
    const decision = await server.handshake({
      url,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    });
    if (!decision.ok && decision.closeAfterUpgrade) {
      // As on the wire: the upgrade completes with no subprotocol, and the server closes at once.
      const [clientSide, serverSide] = createMemoryTransportPair('');
      serverSide.close(NO_COMMON_PROTOCOL_CLOSE.code, NO_COMMON_PROTOCOL_CLOSE.reason);
      return clientSide;
    }
    if (!decision.ok) {
      throw new ConnectError(`Handshake rejected: ${decision.status} ${decision.reason}`, {
        status: decision.status,
        retryable: decision.status >= 500 || decision.status === 404,
      });
    }
    const [clientSide, serverSide] = createMemoryTransportPair(decision.protocol);
    server.accept(serverSide, decision);
    return clientSide;
  };
}
