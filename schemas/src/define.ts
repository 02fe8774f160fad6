import type { ActionSchemas, OCPPProtocol, ValidatorSet } from './types.js';
import { validate } from './validate.js';

/**
 * Builds a validator set from the actions an application uses, e.g.
 * `defineValidators('ocpp1.6', { BootNotification, Heartbeat })`: actions left out are unknown to
 * the connection and their schemas are not bundled.
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineValidators<P extends OCPPProtocol, A extends Record<string, ActionSchemas>>(
  protocol: P,
  actions: A,
): ValidatorSet<P> & { readonly actions: Readonly<A> } {
  return Object.freeze({ protocol, actions: Object.freeze({ ...actions }), validate });
}
