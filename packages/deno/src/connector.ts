import { basicAuthorization, ConnectError, type Connector, refusedUpgrade } from '@ocpp-ws-io/core';
import { OPEN, type WebSocketLike } from './socket.js';
import { DenoSocketTransport } from './transport.js';

/**
 * Deno's `WebSocket` constructor. Unlike the browser one it takes `{ protocols, headers }`
 * (Deno >= 2.5) and sends those headers, so Basic auth goes out on the first request.
 *
 * @example
 * ```ts
 * const connector = denoConnector({ WebSocket: globalThis.WebSocket as unknown as DenoWebSocketConstructor });
 * ```
 */
export type DenoWebSocketConstructor = new (
  url: string,
  options: { protocols: string[]; headers: Record<string, string> },
) => WebSocketLike;

/**
 * Options of {@link denoConnector}.
 *
 * @example
 * ```ts
 * const connector = denoConnector({ WebSocket: RecordingWebSocket }); // a test double
 * ```
 */
export interface DenoConnectorOptions {
  /** The WebSocket constructor (default: `globalThis.WebSocket`, Deno's). Injected in tests. */
  readonly WebSocket?: DenoWebSocketConstructor;
}

/**
 * A core {@link Connector} over Deno's WebSocket: sends the offered subprotocols and, with a
 * password, `Authorization: Basic base64(identity:password)` up front (security profiles 1/2).
 * Resolves once the socket is open; the client then checks the agreed subprotocol was offered.
 *
 * @example
 * ```ts
 * import { OCPPClient } from '@ocpp-ws-io/core';
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', connector: denoConnector(), validators });
 * ```
 */
export function denoConnector(options: DenoConnectorOptions = {}): Connector {
  return (request) =>
    new Promise((resolve, reject) => {
      const { url, identity, protocols, password, signal } = request;
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const WebSocketImpl =
        options.WebSocket ?? (globalThis as unknown as { WebSocket: DenoWebSocketConstructor }).WebSocket;
      const headers: Record<string, string> = { ...request.headers };
      if (password !== undefined) headers.Authorization = basicAuthorization(identity, password);
      const socket = new WebSocketImpl(url, { protocols: [...protocols], headers });
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = () =>
        settle(() => {
          socket.close(1000, 'Connection attempt aborted');
          reject(signal.reason);
        });
      signal.addEventListener('abort', onAbort, { once: true });

      // Deno opens even when the server echoed no subprotocol (`protocol === ""`): the client
      // refuses a protocol it did not offer (core, the same check in every runtime). The
      // transport is built in the open handler, so no frame that follows is missed.
      socket.addEventListener('open', () =>
        settle(() => resolve(new DenoSocketTransport(socket, socket.protocol, 'client'))),
      );
      // Before `open`, Deno reports a refused handshake only as an error event whose message
      // carries the HTTP status ("… 401 Unauthorized"), then a close.
      const fail = (message: string) =>
        settle(() => {
          const status = statusFrom(message);
          reject(
            status === undefined
              ? new ConnectError(`Connection to ${url} failed: ${message}`, { retryable: true })
              : refusedUpgrade(status, url),
          );
        });
      socket.addEventListener('error', (event) => {
        if (socket.readyState !== OPEN) fail(event.message || 'WebSocket error');
      });
      socket.addEventListener('close', ({ code, reason }) => fail(`closed (${code}) ${reason}`.trim()));
    });
}

// Deno 2.9: "NetworkError: failed to connect to WebSocket: Invalid status code: 401". Anchored on
// "status code" so digits of an address (127.0.0.1) are never mistaken for a status.
function statusFrom(message: string): number | undefined {
  const match = /status code:?\s*(\d{3})\b/i.exec(message);
  return match ? Number(match[1]) : undefined;
}
