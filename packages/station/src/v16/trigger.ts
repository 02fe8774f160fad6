// TriggerMessage (OCPP 1.6 §5.17) and ExtendedTriggerMessage (security whitepaper, F06): the
// station answers, then sends the requested message (even while Pending, §4.2).

import type { Ocpp16 } from './profile.js';

/** Answers a trigger and schedules the message right after the answer. */
export function triggerMessage(
  p: Ocpp16,
  message: string,
  connectorId?: number,
  extended = false,
): 'Accepted' | 'Rejected' | 'NotImplemented' {
  const { state } = p.ctx;
  if (connectorId !== undefined && (connectorId < 0 || connectorId > state.connectors.length))
    return 'Rejected';
  const ids = connectorId === undefined ? state.connectors.map((c) => c.id) : [connectorId];
  let task: (() => void | Promise<void>) | undefined;
  switch (message) {
    case 'BootNotification':
      task = () => p.bootSequence.triggered();
      break;
    case 'Heartbeat':
      task = () => p.bootSequence.heartbeat(true);
      break;
    case 'StatusNotification':
      task = () => {
        if (connectorId === undefined) p.status.reportAll(true, true);
        else p.status.report(connectorId, true, true);
      };
      break;
    case 'MeterValues':
      task = () => {
        for (const id of ids) p.sessions.sample(id, 'Trigger');
      };
      break;
    case 'FirmwareStatusNotification':
      task = () => p.operations.triggerFirmwareStatus(extended);
      break;
    case 'DiagnosticsStatusNotification':
      if (extended) return 'NotImplemented';
      task = () => p.operations.triggerDiagnosticsStatus();
      break;
    case 'LogStatusNotification':
      if (!extended) return 'NotImplemented';
      task = () => p.operations.triggerLogStatus();
      break;
    case 'SignChargePointCertificate':
      if (!extended) return 'NotImplemented';
      task = () => p.certificates.requestSignature();
      break;
    default:
      return 'NotImplemented';
  }
  p.afterAnswer(`trigger:${message}`, task);
  return 'Accepted';
}
