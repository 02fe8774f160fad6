// UpdateFirmware (L01/L02), PublishFirmware (L03), UnpublishFirmware (L04), GetLog (N01),
// CustomerInformation (N09/N10), TriggerMessage (F06).

import type { Ocpp2 } from '../profile.js';
import { triggerMessage } from '../trigger.js';

export function operationHandlers(p: Ocpp2): Array<() => void> {
  return [
    p.handle('UpdateFirmware', (request) => ({ status: p.operations.updateFirmware(request) })),
    p.handle('PublishFirmware', (request) => ({ status: p.operations.publish(request) })),
    p.handle('UnpublishFirmware', ({ checksum }) => ({ status: p.operations.unpublish(checksum) })),
    p.handle('GetLog', (request) => p.uploads.getLog(request)),
    p.handle('CustomerInformation', (request) => ({ status: p.uploads.customerInformation(request) })),
    p.handle('TriggerMessage', ({ requestedMessage, evse }) => ({
      status: triggerMessage(p, requestedMessage, evse),
    })),
  ];
}
