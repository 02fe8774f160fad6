import { OCPPClient as CoreClient, type OCPPProtocol, type Validators } from '@ocpp-ws-io/core';
import { type BrowserClientBaseOptions, toCoreOptions } from './options.js';

/**
 * Options of the lite {@link OCPPClient}: with strict validation on (the default) you pass the
 * validators for exactly the actions you use, so nothing else is bundled; or you turn strict
 * mode off.
 *
 * @example
 * ```ts
 * import { Heartbeat } from '@ocpp-ws-io/schemas/ocpp1.6';
 *
 * const strict: LiteClientOptions<'ocpp1.6'> = {
 *   endpoint, identity: 'CP-1', protocols: ['ocpp1.6'],
 *   validators: { 'ocpp1.6': defineValidators('ocpp1.6', { Heartbeat }) },
 * };
 * const loose: LiteClientOptions<'ocpp1.6'> = { endpoint, identity: 'CP-1', protocols: ['ocpp1.6'], strictMode: false };
 * ```
 */
export type LiteClientOptions<TProtocol extends OCPPProtocol = OCPPProtocol> =
  BrowserClientBaseOptions<TProtocol> &
    (
      | { readonly strictMode?: true; readonly validators: Validators }
      | { readonly strictMode: false; readonly validators?: Validators }
    );

/**
 * A browser charging station that ships only the schemas you give it. Same engine and features
 * as the full client from `@ocpp-ws-io/browser`; the difference is bytes: the full client
 * presets every action of every version, this one needs `validators` (or `strictMode: false`).
 * An action missing from your set is unknown to the connection (NotImplemented both ways).
 *
 * @example
 * ```ts
 * import { defineValidators, OCPPClient } from '@ocpp-ws-io/browser/lite';
 * import { BootNotification, Heartbeat, Reset } from '@ocpp-ws-io/schemas/ocpp1.6';
 *
 * const client = new OCPPClient({
 *   endpoint: 'wss://csms.example.com/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'],
 *   validators: { 'ocpp1.6': defineValidators('ocpp1.6', { BootNotification, Heartbeat, Reset }) },
 * });
 * client.handle('Reset', () => ({ status: 'Accepted' }));
 * await client.connect();
 * await client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Sim' });
 * ```
 */
export class OCPPClient<TProtocol extends OCPPProtocol = OCPPProtocol> extends CoreClient<TProtocol> {
  constructor(options: LiteClientOptions<TProtocol>) {
    super(toCoreOptions(options));
  }
}
