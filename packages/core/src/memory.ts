import { basicAuthorization } from './basic-auth.js';
import { BufferedTransport } from './buffered-transport.js';
import type { OCPPProtocol } from './protocol.js';
import { refusedUpgrade } from './refused-upgrade.js';
import { NO_COMMON_PROTOCOL_CLOSE, type OCPPServer } from './server.js';
import type { CloseInfo, Connector } from './transport.js';

/**
 * One end of an in-memory WebSocket. Frames are delivered on a microtask, in order, like a
 * socket would: never synchronously inside `send()` (which would reorder re-entrant calls).
 */
class MemoryTransport extends BufferedTransport {
  peer: MemoryTransport | undefined;
  #open = true;

  constructor(readonly protocol: string) {
    super();
  }

  send(data: string): void {
    if (!this.#open || this.isClosed) return;
    const peer = this.peer;
    queueMicrotask(() => peer?.onText(data));
  }

  protected closeSocket(code: number, reason: string): void {
    this.#end({ code, reason });
  }

  /** Simulates a connection that drops without a close handshake (1006). */
  drop(): void {
    this.#end({ code: 1006, reason: '' });
  }

  #end(info: CloseInfo): void {
    if (!this.#open) return;
    this.#open = false;
    const peer = this.peer;
    queueMicrotask(() => {
      peer?.onClose(info);
      this.onClose(info);
    });
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
    if (password !== undefined) headers.set('authorization', basicAuthorization(identity, password));
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
    if (!decision.ok) throw refusedUpgrade(decision.status, url);
    const [clientSide, serverSide] = createMemoryTransportPair(decision.protocol);
    server.accept(serverSide, decision);
    return clientSide;
  };
}
