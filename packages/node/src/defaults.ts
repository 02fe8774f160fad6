import type { Validators } from '@ocpp-ws-io/core';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';

/**
 * Every version's full validator set. On Node, bytes don't matter much, so strict mode works
 * out of the box; pass `validators` to override (e.g. a `defineValidators` subset).
 */
export const ALL_VALIDATORS: Validators = { 'ocpp1.6': v16, 'ocpp2.0.1': v201, 'ocpp2.1': v21 };
