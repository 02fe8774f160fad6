import { OCPPClient as CoreClient, type OCPPProtocol } from '@ocpp-ws-io/core';
import { type BrowserClientBaseOptions, toCoreOptions } from './options.js';
import { ALL_VALIDATORS } from './validators.js';

/**
 * Options of the full browser {@link OCPPClient}; `validators` defaults to {@link ALL_VALIDATORS}.
 *
 * @example
 * ```ts
 * const options: OCPPClientOptions<'ocpp1.6'> = {
 *   endpoint: 'ws://127.0.0.1:9000/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'], callTimeoutMs: 10_000,
 * };
 * ```
 */
export type OCPPClientOptions<TProtocol extends OCPPProtocol = OCPPProtocol> =
  BrowserClientBaseOptions<TProtocol>;

/**
 * A charging station in a browser (a web simulator, a kiosk): connects with the page's
 * `WebSocket`, strict validation on with every version's schemas preset. Credentials go in the
 * URL (Basic auth after the CSMS's 401 challenge) or, with `authQueryParam`, in a query
 * parameter; see the package README for which to choose. For a smaller bundle use
 * `@ocpp-ws-io/browser/lite`.
 *
 * @example
 * ```ts
 * import { OCPPClient } from '@ocpp-ws-io/browser';
 *
 * const client = new OCPPClient({
 *   endpoint: 'wss://csms.example.com/ocpp', identity: 'CP-1', password: 'a-16-char-secret',
 *   protocols: ['ocpp2.0.1', 'ocpp1.6'],
 * });
 * client.handle('Reset', () => ({ status: 'Accepted' }));
 * await client.connect();
 * await client.call('Heartbeat', {});
 * ```
 */
export class OCPPClient<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreClient<TProtocol> {
  constructor(options: OCPPClientOptions<TProtocol>) {
    super(toCoreOptions({ ...options, validators: options.validators ?? ALL_VALIDATORS }));
  }
}
