// The business logic of a tiny CSMS: what it answers to each station message, for OCPP 1.6 and
// 2.0.1. Kept apart from the server setup so it reads like the handlers you would write.

let nextTransactionId = 1;

/** Registers the handlers of one connected station. */
export function serveStation(station, log = console.log) {
  const now = () => new Date().toISOString();
  const is16 = station.protocol === 'ocpp1.6';

  station.handle('BootNotification', ({ params }) => {
    log(
      `[csms] ${station.identity} booted (${is16 ? params.chargePointModel : params.chargingStation.model})`,
    );
    return { currentTime: now(), interval: 300, status: 'Accepted' };
  });
  station.handle('Heartbeat', () => ({ currentTime: now() }));
  station.handle('StatusNotification', ({ params }) => {
    log(
      `[csms] ${station.identity} connector ${params.connectorId}: ${is16 ? params.status : params.connectorStatus}`,
    );
    return {};
  });
  station.handle('Authorize', () =>
    is16 ? { idTagInfo: { status: 'Accepted' } } : { idTokenInfo: { status: 'Accepted' } },
  );
  station.handle('MeterValues', ({ params }) => {
    const sample = params.meterValue[0]?.sampledValue[0];
    log(`[csms] ${station.identity} meter: ${sample?.value} ${sample?.unit ?? 'Wh'}`);
    return {};
  });
  if (is16) {
    station.handle('StartTransaction', ({ params }) => {
      const transactionId = nextTransactionId++;
      log(`[csms] ${station.identity} started transaction ${transactionId} for ${params.idTag}`);
      return { transactionId, idTagInfo: { status: 'Accepted' } };
    });
    station.handle('StopTransaction', ({ params }) => {
      log(`[csms] ${station.identity} stopped transaction ${params.transactionId} at ${params.meterStop} Wh`);
      return { idTagInfo: { status: 'Accepted' } };
    });
  } else {
    station.handle('TransactionEvent', ({ params }) => {
      log(
        `[csms] ${station.identity} transaction ${params.transactionInfo.transactionId}: ${params.eventType}`,
      );
      return params.eventType === 'Started' ? { idTokenInfo: { status: 'Accepted' } } : {};
    });
  }
}
