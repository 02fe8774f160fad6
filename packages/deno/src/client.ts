import {
  OCPPClient as CoreOCPPClient,
  type OCPPClientOptions as CoreOCPPClientOptions,
  type OCPPProtocol,
  withPresetValidators,
} from '@ocpp-ws-io/core';
import { denoConnector } from './connector.js';
import { allValidators } from './validators.js';

/**
 * Options of the Deno {@link OCPPClient}: the core options, with `connector` and `validators` preset.
 *
 * @example
 * ```ts
 * const options: OCPPClientOptions<'ocpp1.6'> = { endpoint: 'wss://csms.example/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'] };
 * ```
 */
export interface OCPPClientOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends Omit<CoreOCPPClientOptions<TProtocol>, 'connector'> {
  /** Opens the WebSocket (default: {@link denoConnector} over Deno's `WebSocket`). */
  readonly connector?: CoreOCPPClientOptions<TProtocol>['connector'];
}

/**
 * A charging station on Deno. Connects with Deno's `WebSocket`, which (unlike a browser) sends
 * `Authorization: Basic` on the first request, so security profiles 1 and 2 work without a
 * 401 round trip. Strict validation is on, with every version's validators preset.
 *
 * @example
 * ```ts
 * import { OCPPClient } from '@ocpp-ws-io/deno';
 *
 * const client = new OCPPClient({
 *   endpoint: 'ws://127.0.0.1:9000/ocpp', identity: 'CP-1', password: 'a-16-char-secret',
 *   protocols: ['ocpp2.0.1', 'ocpp1.6'],
 * });
 * client.handle('Reset', () => ({ status: 'Accepted' }));
 * const { protocol } = await client.connect();
 * await client.call('Heartbeat', {});
 * await client.close();
 * ```
 */
export class OCPPClient<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreOCPPClient<TProtocol> {
  constructor(options: OCPPClientOptions<TProtocol>) {
    super({
      ...withPresetValidators(options, allValidators),
      connector: options.connector ?? denoConnector(),
    });
  }
}
