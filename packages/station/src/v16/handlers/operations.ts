// UpdateFirmware (§5.19), SignedUpdateFirmware, GetDiagnostics (§5.9), GetLog, TriggerMessage
// (§5.17), ExtendedTriggerMessage — security extension names per the whitepaper.

import type { Ocpp16 } from '../profile.js';
import { triggerMessage } from '../trigger.js';

export function operationHandlers(p: Ocpp16): Array<() => void> {
  return [
    p.handle('UpdateFirmware', (request) => {
      p.afterAnswer('updateFirmware', () => p.operations.updateFirmware(request));
      return {};
    }),
    p.handle('SignedUpdateFirmware', (request) => ({ status: p.operations.signedUpdateFirmware(request) })),
    p.handle('GetDiagnostics', ({ location }) => ({ fileName: p.operations.getDiagnostics(location) })),
    p.handle('GetLog', (request) => p.operations.getLog(request)),
    p.handle('TriggerMessage', ({ requestedMessage, connectorId }) => ({
      status: triggerMessage(p, requestedMessage, connectorId),
    })),
    p.handle('ExtendedTriggerMessage', ({ requestedMessage, connectorId }) => ({
      status: triggerMessage(p, requestedMessage, connectorId, true),
    })),
  ];
}
