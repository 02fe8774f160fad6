// TriggerMessage (F06): the station answers, then sends the requested message right after the
// answer (also while its boot is Pending, B02). An EVSE (and connector) the station does not have
// is Rejected, as is a message with nothing to report (no transaction for TransactionEvent) and a
// BootNotification once accepted (F06).

import type { EVSEType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState } from '../model/state.js';
import type { Ocpp2 } from './profile.js';

type Answer = 'Accepted' | 'Rejected' | 'NotImplemented';

/** Answers a trigger and schedules the message right after the answer. */
export function triggerMessage(p: Ocpp2, message: string, evse: EVSEType | undefined): Answer {
  const { state } = p.ctx;
  if (
    evse &&
    (evse.id < 0 ||
      evse.id > state.connectors.length ||
      (evse.connectorId !== undefined && evse.connectorId !== 1))
  )
    return 'Rejected';
  const chosen: ConnectorState[] = evse && evse.id > 0 ? [p.ctx.connector(evse.id)] : [...state.connectors];
  let task: (() => void | Promise<void>) | undefined;
  switch (message) {
    case 'BootNotification':
      if (p.accepted) return 'Rejected';
      task = () => p.bootSequence.triggered();
      break;
    case 'Heartbeat':
      task = () => p.bootSequence.heartbeat(true);
      break;
    case 'StatusNotification':
      task = () => {
        for (const c of chosen) p.status.report(c.id, true, true);
      };
      break;
    case 'MeterValues':
      task = () => {
        for (const id of evse?.id === 0 ? [0] : chosen.map((c) => c.id)) p.sampler.sample(id, 'Trigger');
      };
      break;
    case 'TransactionEvent': {
      const running = chosen.filter((c) => c.transaction);
      if (running.length === 0) return 'Rejected';
      task = () => {
        for (const c of running) p.sampler.triggered(c);
      };
      break;
    }
    case 'FirmwareStatusNotification':
      task = () => p.operations.triggerStatus();
      break;
    case 'LogStatusNotification':
      task = () => p.uploads.triggerLogStatus();
      break;
    case 'PublishFirmwareStatusNotification':
      task = () => p.operations.triggerPublishStatus();
      break;
    case 'SignChargingStationCertificate':
      task = () => p.certificates.requestSignature('ChargingStationCertificate');
      break;
    case 'SignV2GCertificate':
      task = () => p.certificates.requestSignature('V2GCertificate');
      break;
    case 'SignV2G20Certificate':
      task = () => p.certificates.requestSignature('V2G20Certificate');
      break;
    case 'SignCombinedCertificate':
      task = () => p.certificates.requestSignature();
      break;
    default:
      // 2.1 CustomTrigger: no vendor triggers are defined by this station.
      return 'NotImplemented';
  }
  p.afterAnswer(`trigger:${message}`, task);
  return 'Accepted';
}
