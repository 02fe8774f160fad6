import type { Ocpp2 } from '../profile.js';
import { authorizationHandlers } from './authorization.js';
import { availabilityHandlers } from './availability.js';
import { certificateHandlers } from './certificates.js';
import { commerceHandlers21 } from './commerce21.js';
import { displayHandlers } from './display.js';
import { gridHandlers21 } from './grid21.js';
import { monitoringHandlers } from './monitoring.js';
import { operationHandlers } from './operations.js';
import { provisioningHandlers } from './provisioning.js';
import { smartChargingHandlers } from './smart-charging.js';
import { transactionHandlers } from './transactions.js';

/** Registers every CSMS-initiated action's handler of the negotiated version; returns their removal. */
export function installHandlers(p: Ocpp2): () => void {
  const removers = [
    ...provisioningHandlers(p),
    ...availabilityHandlers(p),
    ...authorizationHandlers(p),
    ...transactionHandlers(p),
    ...smartChargingHandlers(p),
    ...monitoringHandlers(p),
    ...operationHandlers(p),
    ...certificateHandlers(p),
    ...displayHandlers(p),
    ...(p.protocol === 'ocpp2.1' ? [...gridHandlers21(p), ...commerceHandlers21(p)] : []),
    ...p.sessions.tx.events.listen(),
    p.network.listen(),
  ];
  return () => {
    for (const remove of removers) remove();
  };
}
