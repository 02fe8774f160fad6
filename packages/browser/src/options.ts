import type { Connector, OCPPClientOptions as CoreClientOptions, OCPPProtocol } from '@ocpp-ws-io/core';
import { type BrowserConnectorOptions, browserConnector } from './connector.js';

/**
 * What every browser client accepts: the core options without the connector (which defaults to
 * {@link browserConnector}), plus where the password goes and which WebSocket to use.
 * `headers` is left out: a browser cannot send handshake headers.
 *
 * @example
 * ```ts
 * const base: BrowserClientBaseOptions = {
 *   endpoint: 'wss://csms.example.com/ocpp', identity: 'CP-1', password: token, authQueryParam: 'token',
 * };
 * ```
 */
export interface BrowserClientBaseOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends Omit<CoreClientOptions<TProtocol>, 'connector' | 'headers'>,
    BrowserConnectorOptions {
  /** Replace the connector entirely (e.g. a relay of your own); `WebSocket` and `authQueryParam` are then ignored. */
  readonly connector?: Connector;
}

/** The core options a browser client hands to the core constructor. */
export function toCoreOptions<TProtocol extends OCPPProtocol>(
  options: BrowserClientBaseOptions<TProtocol>,
): CoreClientOptions<TProtocol> {
  const { WebSocket, authQueryParam, connector, ...core } = options;
  return { ...core, connector: connector ?? browserConnector({ WebSocket, authQueryParam }) };
}
