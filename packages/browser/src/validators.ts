import type { Validators } from '@ocpp-ws-io/core';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';

/**
 * Every action of every version: what the full client validates with by default. Convenient,
 * and the bulk of the full bundle; `@ocpp-ws-io/browser/lite` exists to leave it out.
 *
 * @example
 * ```ts
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', validators: { 'ocpp1.6': ALL_VALIDATORS['ocpp1.6'] } });
 * ```
 */
export const ALL_VALIDATORS: Validators = { 'ocpp1.6': v16, 'ocpp2.0.1': v201, 'ocpp2.1': v21 };
