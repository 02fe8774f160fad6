import type { Validators } from '@ocpp-ws-io/core';
import { validators as ocpp16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as ocpp201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as ocpp21 } from '@ocpp-ws-io/schemas/ocpp2.1';

/**
 * Every version's full validator set: the default of this package's client and station object,
 * so strict mode (the core's default) works without configuration. Pass your own `validators`
 * to ship fewer bytes.
 *
 * @example
 * ```ts
 * import { ALL_VALIDATORS } from '@ocpp-ws-io/cloudflare';
 * const only16 = { 'ocpp1.6': ALL_VALIDATORS['ocpp1.6'] };
 * ```
 */
export const ALL_VALIDATORS: Validators = { 'ocpp1.6': ocpp16, 'ocpp2.0.1': ocpp201, 'ocpp2.1': ocpp21 };
