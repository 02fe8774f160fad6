import { ConnectError, type Connector } from '@ocpp-ws-io/core';
import { authenticatedUrl, type BrowserAuthOptions } from './auth-url.js';
import type { CloseEventLike, WebSocketConstructorLike, WebSocketLike } from './like.js';
import { BrowserTransport } from './transport.js';

/**
 * Options of {@link browserConnector}.
 *
 * @example
 * ```ts
 * const options: BrowserConnectorOptions = { WebSocket: MyReconnectingWebSocket, authQueryParam: 'token' };
 * ```
 */
export interface BrowserConnectorOptions extends BrowserAuthOptions {
  /**
   * The WebSocket constructor (default `globalThis.WebSocket`, read when a connection opens).
   * Inject one for tests, wrappers, or runtimes where the global is missing.
   */
  readonly WebSocket?: WebSocketConstructorLike | undefined;
}

/**
 * Opens a connection with the browser's `WebSocket`: offers the subprotocols, puts the password
 * where a browser can (see {@link authenticatedUrl}), and resolves with a {@link BrowserTransport}
 * once the socket is open (the client then checks the subprotocol was one it offered).
 *
 * A failed handshake is a {@link ConnectError}: a browser reports only close code 1006, never the
 * HTTP status, so a 401 (wrong password) looks exactly like an unreachable host. `status` is
 * undefined and `retryable` is true, because the cause is unknown; cap your retries.
 *
 * @example
 * ```ts
 * import { browserConnector, OCPPClient } from '@ocpp-ws-io/browser/lite';
 *
 * const connector = browserConnector({ authQueryParam: 'token' });
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', password: token, connector, strictMode: false });
 * ```
 */
export function browserConnector(options: BrowserConnectorOptions = {}): Connector {
  return (request) =>
    new Promise((resolve, reject) => {
      const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket;
      if (!Ctor) {
        reject(
          new ConnectError('No WebSocket in this runtime: pass the `WebSocket` option', { retryable: false }),
        );
        return;
      }
      let socket: WebSocketLike;
      try {
        socket = new Ctor(authenticatedUrl(request, options), [...request.protocols]);
      } catch (error) {
        // The constructor throws SyntaxError on a malformed URL or protocol list: retrying can't help.
        reject(
          new ConnectError(`Cannot open WebSocket: ${(error as Error)?.message ?? error}`, {
            retryable: false,
            cause: error,
          }),
        );
        return;
      }
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        request.signal.removeEventListener('abort', onAbort);
        outcome();
      };
      // The client aborts with the ConnectError it wants to report (closed, timed out).
      const onAbort = () =>
        settle(() => {
          // close() on a CONNECTING socket fails the handshake; no code, since only 1000/3xxx/4xxx are allowed.
          socket.close();
          reject(request.signal.reason);
        });
      if (request.signal.aborted) {
        onAbort();
        return;
      }
      request.signal.addEventListener('abort', onAbort, { once: true });
      // Created now so no frame sent right after the handshake is missed; it buffers until attach.
      const transport = new BrowserTransport(socket);
      // Whether the agreed subprotocol is one that was offered is the client's check (core), as
      // in every runtime: Chromium already fails such a handshake, injected sockets may not.
      socket.addEventListener('open', () => settle(() => resolve(transport)));
      // Before `open`, the browser follows an error with a close event; the close carries the code.
      socket.addEventListener('close', (event: CloseEventLike) =>
        settle(() => reject(handshakeFailure(request.url, event))),
      );
    });
}

function handshakeFailure(url: string, event: CloseEventLike): ConnectError {
  return new ConnectError(
    // The browser hides the HTTP status on purpose; the message says where to look instead.
    `WebSocket handshake with ${url} failed (close ${event.code}${event.reason ? ` ${event.reason}` : ''}); ` +
      'browsers hide the HTTP status (401, 404, no common subprotocol or no CSMS look alike): see the CSMS logs',
    { retryable: true },
  );
}
