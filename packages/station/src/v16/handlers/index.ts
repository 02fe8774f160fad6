import type { Ocpp16 } from '../profile.js';
import { smartChargingHandlers } from '../smart-charging.js';
import { authorizationHandlers } from './authorization.js';
import { availabilityHandlers } from './availability.js';
import { certificateHandlers } from './certificates.js';
import { configurationHandlers } from './configuration.js';
import { operationHandlers } from './operations.js';
import { remoteHandlers } from './remote.js';

/** Registers every CSMS-initiated 1.6 action's handler; returns the function that removes them all. */
export function installHandlers(p: Ocpp16): () => void {
  const removers = [
    ...configurationHandlers(p),
    ...availabilityHandlers(p),
    ...authorizationHandlers(p),
    ...remoteHandlers(p),
    ...smartChargingHandlers(p),
    ...operationHandlers(p),
    ...certificateHandlers(p),
    p.sessions.tx.listen(),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
