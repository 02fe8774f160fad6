import type { StationConnection } from '@ocpp-ws-io/cloudflare';
import { energyWh, sampleCount } from './meter.js';
import { StationRecords, type StationSummary } from './model.js';
import type { CsmsStorage } from './storage.js';

/** Options of {@link serveStation}. */
export interface CsmsOptions {
  /** Where this station's records live: Durable Object storage, or memory in the page. */
  readonly storage: CsmsStorage;
  /** Heartbeat interval handed out in BootNotification (seconds, default 60). */
  readonly heartbeatIntervalS?: number;
  /** Called after every change of the station's summary: keeps a registry of stations current. */
  readonly onSummary?: (summary: StationSummary) => void | Promise<void>;
}

/**
 * The authorization rule of the demo: every token is accepted except the ones whose name says
 * otherwise, so the rejection paths can be tried from the playground ("BLOCKED-1", "INVALID",
 * "EXPIRED-1") and by the CSMS test suite (OCTT's configured blocked / invalid / expired idTags).
 */
export function authorizationStatus(idTag: string): 'Accepted' | 'Blocked' | 'Invalid' | 'Expired' {
  const tag = idTag.toUpperCase();
  if (tag.startsWith('BLOCK')) return 'Blocked';
  if (tag.startsWith('INVALID')) return 'Invalid';
  if (tag.startsWith('EXPIRED')) return 'Expired';
  return 'Accepted';
}

const now = () => new Date().toISOString();

/**
 * Answers one station's messages the way a small CSMS would, for OCPP 1.6 and 2.0.1, and keeps
 * its records in `options.storage`. Runtime-agnostic: the Worker calls it from its Durable
 * Object's `onStation`, the playground from its in-page `OCPPServer`.
 *
 * `restored` (a Durable Object woke from hibernation) means the connection is not new, so it is
 * not recorded as a fresh connect.
 */
export function serveStation(
  station: StationConnection,
  options: CsmsOptions,
  context: { restored: boolean } = { restored: false },
): void {
  const records = new StationRecords(options.storage);
  const interval = options.heartbeatIntervalS ?? 60;
  const touch = async (change: (s: StationSummary) => void = () => {}) => {
    const summary = await records.updateSummary(station.identity, station.protocol, change);
    await options.onSummary?.(summary);
  };

  if (!context.restored) {
    void touch((s) => {
      s.connected = true;
      s.connectedAt = now();
    });
  }
  station.on('close', () => {
    void touch((s) => {
      s.connected = false;
    });
  });

  if (station.protocol === 'ocpp1.6')
    serve16(station as StationConnection<'ocpp1.6'>, records, interval, touch);
  else serve201(station as StationConnection<'ocpp2.0.1'>, records, interval, touch);
}

type Touch = (change?: (s: StationSummary) => void) => Promise<void>;

function serve16(
  station: StationConnection<'ocpp1.6'>,
  records: StationRecords,
  interval: number,
  touch: Touch,
): void {
  // OCPP 1.6 §4.2: Accepted, with the heartbeat interval the station must use.
  station.handle('BootNotification', async ({ params }) => {
    await touch((s) => {
      s.vendor = params.chargePointVendor;
      s.model = params.chargePointModel;
    });
    return { status: 'Accepted', currentTime: now(), interval };
  });
  station.handle('Heartbeat', async () => {
    await touch();
    return { currentTime: now() };
  });
  station.handle('StatusNotification', async ({ params }) => {
    await touch((s) => {
      s.connectors[String(params.connectorId)] = {
        connectorId: params.connectorId,
        status: params.status,
        errorCode: params.errorCode,
        updatedAt: params.timestamp ?? now(),
      };
    });
    return {};
  });
  station.handle('Authorize', ({ params }) => ({ idTagInfo: { status: authorizationStatus(params.idTag) } }));
  // §4.8: the CSMS assigns the transaction id, and answers with the idTag's status.
  station.handle('StartTransaction', async ({ params }) => {
    const id = await records.nextTransactionId();
    await records.saveTransaction({
      id: String(id),
      connectorId: params.connectorId,
      idTag: params.idTag,
      startedAt: params.timestamp,
      meterStartWh: params.meterStart,
      lastMeterWh: params.meterStart,
      meterSamples: 0,
    });
    await touch();
    return { transactionId: id, idTagInfo: { status: authorizationStatus(params.idTag) } };
  });
  // §4.7: meter values of a transaction carry its id; the register is the energy reading.
  station.handle('MeterValues', async ({ params }) => {
    if (params.transactionId !== undefined) {
      const wh = energyWh(params.meterValue);
      await records.updateTransaction(String(params.transactionId), (t) => {
        t.meterSamples += sampleCount(params.meterValue);
        if (wh !== undefined) t.lastMeterWh = wh;
      });
    }
    await touch();
    return {};
  });
  station.handle('StopTransaction', async ({ params }) => {
    await records.updateTransaction(String(params.transactionId), (t) => {
      t.stoppedAt = params.timestamp;
      t.meterStopWh = params.meterStop;
      t.lastMeterWh = params.meterStop;
      t.stopReason = params.reason ?? 'Local';
      t.meterSamples += sampleCount(params.transactionData);
    });
    await touch();
    // idTagInfo is optional here (a transaction may stop without a token); answer it anyway, as
    // the original example did, so stations that expect it keep working.
    return { idTagInfo: { status: params.idTag ? authorizationStatus(params.idTag) : 'Accepted' } };
  });
  station.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  station.handle('DiagnosticsStatusNotification', () => ({}));
  station.handle('FirmwareStatusNotification', () => ({}));
  // The security extension (1.6 security whitepaper ed. 2): a station that has it reports
  // security events (A04: critical ones at every boot), signed firmware and log uploads.
  station.handle('SecurityEventNotification', () => ({}));
  station.handle('SignedFirmwareStatusNotification', () => ({}));
  station.handle('LogStatusNotification', () => ({}));
  // This demo has no certificate authority to sign a station's CSR with (A02): it says so.
  station.handle('SignCertificate', () => ({ status: 'Rejected' }));
}

function serve201(
  station: StationConnection<'ocpp2.0.1'>,
  records: StationRecords,
  interval: number,
  touch: Touch,
): void {
  // 2.0.1 B01: Accepted with the heartbeat interval.
  station.handle('BootNotification', async ({ params }) => {
    await touch((s) => {
      s.vendor = params.chargingStation.vendorName;
      s.model = params.chargingStation.model;
    });
    return { status: 'Accepted', currentTime: now(), interval };
  });
  station.handle('Heartbeat', async () => {
    await touch();
    return { currentTime: now() };
  });
  station.handle('StatusNotification', async ({ params }) => {
    await touch((s) => {
      // One connector per EVSE in the demo: key by EVSE id, as an operator reads it.
      s.connectors[String(params.evseId)] = {
        connectorId: params.evseId,
        status: params.connectorStatus,
        updatedAt: params.timestamp,
      };
    });
    return {};
  });
  station.handle('Authorize', ({ params }) => ({
    idTokenInfo: { status: authorizationStatus(params.idToken.idToken) },
  }));
  station.handle('MeterValues', async () => {
    await touch();
    return {};
  });
  // 2.0.1 E01–E07: one message type reports the whole transaction (Started / Updated / Ended).
  station.handle('TransactionEvent', async ({ params }) => {
    const id = params.transactionInfo.transactionId;
    const wh = energyWh(params.meterValue);
    if (params.eventType === 'Started') {
      await records.saveTransaction({
        id,
        ...(params.evse ? { connectorId: params.evse.id } : {}),
        ...(params.idToken ? { idTag: params.idToken.idToken } : {}),
        startedAt: params.timestamp,
        ...(wh === undefined ? {} : { meterStartWh: wh, lastMeterWh: wh }),
        meterSamples: 0,
      });
    }
    await records.updateTransaction(id, (t) => {
      t.meterSamples += sampleCount(params.meterValue);
      if (wh !== undefined) t.lastMeterWh = wh;
      if (params.idToken && !t.idTag) t.idTag = params.idToken.idToken;
      if (params.eventType === 'Ended') {
        t.stoppedAt = params.timestamp;
        t.stopReason = params.transactionInfo.stoppedReason ?? 'Local';
        if (wh !== undefined) t.meterStopWh = wh;
      }
    });
    await touch();
    // idTokenInfo only when a token came with the event (2.x: omit optional fields, never null).
    return params.idToken ? { idTokenInfo: { status: authorizationStatus(params.idToken.idToken) } } : {};
  });
  station.handle('NotifyReport', () => ({}));
  station.handle('NotifyEvent', () => ({}));
  station.handle('FirmwareStatusNotification', () => ({}));
  station.handle('LogStatusNotification', () => ({}));
  station.handle('SecurityEventNotification', () => ({}));
  // N09/N10: the customer data a station reports after CustomerInformation (the demo keeps none).
  station.handle('NotifyCustomerInformation', () => ({}));
  // P02.FR.06/07: no vendor-specific extension here, for any vendor.
  station.handle('DataTransfer', () => ({ status: 'UnknownVendorId' }));
  // A02: this demo has no certificate authority to sign a station's CSR with; it says so.
  station.handle('SignCertificate', () => ({ status: 'Rejected' }));
}
