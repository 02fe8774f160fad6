import { ConnectError, type Connector } from '@ocpp-ws-io/core';
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
 * Resolves only when the server agreed one of the offered subprotocols.
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

      // Build the transport now so no frame that arrives right after `open` is missed; it
      // buffers events until the engine attaches.
      let transport: DenoSocketTransport | undefined;
      socket.addEventListener('open', () =>
        settle(() => {
          // Deno opens even when the server echoed no subprotocol (`protocol === ""`); OCPP-J
          // 2.0.1 §3.2 makes that a refusal, so the check is ours. Not retryable: the server
          // will answer the same way next time.
          if (!protocols.includes(socket.protocol)) {
            socket.close(1000, 'No agreed subprotocol');
            reject(
              new ConnectError(
                socket.protocol
                  ? `Server chose subprotocol ${socket.protocol}, which was not offered`
                  : `Server agreed no subprotocol (offered: ${protocols.join(', ')})`,
                { retryable: false },
              ),
            );
            return;
          }
          transport = new DenoSocketTransport(socket, socket.protocol);
          resolve(transport);
        }),
      );
      // Before `open`, Deno reports a refused handshake only as an error event whose message
      // carries the HTTP status ("… 401 Unauthorized"), then a close.
      const fail = (message: string) =>
        settle(() => {
          const status = statusFrom(message);
          reject(
            new ConnectError(`Connection to ${url} failed: ${message}`, {
              retryable: status === undefined || status >= 500 || status === 404,
              ...(status === undefined ? {} : { status }),
            }),
          );
        });
      socket.addEventListener('error', (event) => {
        if (socket.readyState !== OPEN) fail(event.message || 'WebSocket error');
      });
      socket.addEventListener('close', ({ code, reason }) => fail(`closed (${code}) ${reason}`.trim()));
    });
}

/**
 * `Basic base64(utf8(identity:password))` (RFC 7617 §2 with the UTF-8 charset); the username is
 * the station identity (OCPP 1.6 security whitepaper ed. 2, security profile 1).
 *
 * @example
 * ```ts
 * basicAuthorization('CP-1', 'pw'); // 'Basic Q1AtMTpwdw=='
 * ```
 */
export function basicAuthorization(identity: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${identity}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

// Deno 2.9: "NetworkError: failed to connect to WebSocket: Invalid status code: 401". Anchored on
// "status code" so digits of an address (127.0.0.1) are never mistaken for a status.
function statusFrom(message: string): number | undefined {
  const match = /status code:?\s*(\d{3})\b/i.exec(message);
  return match ? Number(match[1]) : undefined;
}
