import {
  type OCPPClientOptions as CoreClientOptions,
  OCPPClient as CoreOCPPClient,
  type OCPPProtocol,
  withPresetValidators,
} from '@ocpp-ws-io/core';
import { fetchConnector } from './connector.js';
import type { FetchLike } from './like.js';
import { ALL_VALIDATORS } from './validators.js';

/** Options of the Workers {@link OCPPClient}: the core options, with the connector preset. */
export interface OCPPClientOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends Omit<CoreClientOptions<TProtocol>, 'connector'> {
  /** Replaces the fetch-upgrade connector (tests, custom transports). */
  readonly connector?: CoreClientOptions<TProtocol>['connector'];
  /** The `fetch` the default connector upgrades with (default: the global one). */
  readonly fetch?: FetchLike;
}

/**
 * A charging-station client that runs inside a Worker or Durable Object: the core client with
 * the fetch-upgrade connector and every version's validators preset (strict mode stays on).
 * The socket is an outgoing one: it never hibernates, and keeps a Durable Object in memory.
 *
 * @example
 * ```ts
 * const client = new OCPPClient({
 *   endpoint: 'wss://csms.example.com/ocpp', identity: 'CP-1',
 *   protocols: ['ocpp2.0.1', 'ocpp1.6'], password: env.CP_PASSWORD,
 * });
 * client.handle('Reset', () => ({ status: 'Accepted' }));
 * const { protocol } = await client.connect();
 * const boot = await client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
 * ```
 */
export class OCPPClient<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreOCPPClient<TProtocol> {
  constructor(options: OCPPClientOptions<TProtocol>) {
    const { fetch, connector, ...rest } = options;
    super({
      ...withPresetValidators(rest, ALL_VALIDATORS),
      connector: connector ?? fetchConnector(fetch ? { fetch } : {}),
    });
  }
}
