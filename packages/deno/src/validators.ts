import type { Validators } from '@ocpp-ws-io/core';
import { validators as ocpp16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as ocpp201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as ocpp21 } from '@ocpp-ws-io/schemas/ocpp2.1';

/**
 * Every action's validators for every supported version: the default of the Deno client and
 * server, so strict mode works out of the box. Bundle size matters little on a Deno server; a
 * size-sensitive build can pass its own, smaller `validators`.
 *
 * @example
 * ```ts
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', validators: { 'ocpp1.6': allValidators['ocpp1.6'] } });
 * ```
 */
export const allValidators: Validators = {
  'ocpp1.6': ocpp16,
  'ocpp2.0.1': ocpp201,
  'ocpp2.1': ocpp21,
};
