import { basicAuthorization, ConnectError, type Connector, refusedUpgrade } from '@ocpp-ws-io/core';
import type { FetchLike } from './like.js';
import { listenTo, SocketTransport } from './socket-transport.js';

/** Options of {@link fetchConnector}. */
export interface FetchConnectorOptions {
  /** The `fetch` to upgrade with (default: the global one). A service binding's `fetch` works too. */
  readonly fetch?: FetchLike;
}

/**
 * A core {@link Connector} for Workers: opens the WebSocket with a `fetch()` upgrade, because
 * `new WebSocket()` cannot send `Authorization` (security profiles 1 and 2 need it). The agreed
 * subprotocol is read from the response header: on these sockets `ws.protocol` is always `""`.
 *
 * @example
 * ```ts
 * import { OCPPClient as CoreClient } from '@ocpp-ws-io/core';
 * const client = new CoreClient({ endpoint: 'wss://csms.example/ocpp', identity: 'CP-1',
 *   connector: fetchConnector(), validators });
 * ```
 */
export function fetchConnector(options: FetchConnectorOptions = {}): Connector {
  return async ({ url, identity, protocols, password, headers: extra, signal }) => {
    const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
    const headers: Record<string, string> = {
      ...extra,
      Upgrade: 'websocket',
      'Sec-WebSocket-Protocol': protocols.join(', '),
    };
    if (password !== undefined) headers.Authorization = basicAuthorization(identity, password);
    // Workers' fetch() speaks http(s) only; the upgrade header turns it into a WebSocket.
    const httpUrl = url.replace(/^ws(s?):/i, 'http$1:');
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await doFetch(httpUrl, { headers, signal });
    } catch (error) {
      if (signal.aborted && signal.reason instanceof ConnectError) throw signal.reason;
      throw new ConnectError(`Connection to ${url} failed: ${(error as Error)?.message ?? error}`, {
        retryable: true,
        cause: error,
      });
    }
    const ws = response.webSocket;
    if (response.status !== 101 || !ws) {
      await response.body?.cancel().catch(() => {});
      throw refusedUpgrade(response.status, url);
    }
    ws.accept();
    const protocol = response.headers.get('Sec-WebSocket-Protocol')?.trim() ?? '';
    // The core checks that `protocol` was offered and closes with 1002 otherwise.
    return listenTo(ws, new SocketTransport(ws, protocol));
  };
}
