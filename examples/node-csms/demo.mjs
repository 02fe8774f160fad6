// Runs the CSMS and one charging station on loopback and charges a car: boot, plug in,
// authorize, start, meter values, stop. Every OCPP frame is printed as it crosses the wire.
import { randomBytes } from 'node:crypto';
import { OCPPClient, OCPPServer } from '@ocpp-ws-io/node';
import { serveStation } from './csms-logic.mjs';
import { stationAuth } from './station-auth.mjs';

const protocol = process.argv.includes('--ocpp2.0.1') ? 'ocpp2.0.1' : 'ocpp1.6';
// The demo station's own password, random for each run (20 characters: fits 1.6 and 2.0.1).
const password = randomBytes(15).toString('base64url');
const server = new OCPPServer({ protocols: ['ocpp2.0.1', 'ocpp1.6'], path: '/ocpp' });
server.auth(stationAuth(new Map([['DEMO-CP-1', password]])));
server.on('client', (station) => serveStation(station));
const { url } = await server.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`CSMS listening on ${url}`);

const station = new OCPPClient({ endpoint: url, identity: 'DEMO-CP-1', protocols: [protocol], password });
station.on('message', ({ direction, data }) =>
  console.log(direction === 'out' ? '  station → csms' : '  station ← csms', data),
);
station.handle('RemoteStopTransaction', () => ({ status: 'Accepted' }));
await station.connect();
console.log(`Station connected with ${station.protocol}`);

const ts = () => new Date().toISOString();
if (protocol === 'ocpp1.6') {
  await station.call('BootNotification', { chargePointVendor: 'ocpp-ws-io', chargePointModel: 'Demo' });
  await station.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
  await station.call('Authorize', { idTag: 'DEMO-TAG' });
  const { transactionId } = await station.call('StartTransaction', {
    connectorId: 1,
    idTag: 'DEMO-TAG',
    meterStart: 0,
    timestamp: ts(),
  });
  for (let wh = 1000; wh <= 3000; wh += 1000) {
    await station.call('MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: ts(),
          sampledValue: [{ value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }],
        },
      ],
    });
  }
  await station.call('StopTransaction', { transactionId, meterStop: 3000, timestamp: ts() });
} else {
  await station.call('BootNotification', {
    reason: 'PowerUp',
    chargingStation: { vendorName: 'ocpp-ws-io', model: 'Demo' },
  });
  await station.call('StatusNotification', {
    timestamp: ts(),
    connectorStatus: 'Occupied',
    evseId: 1,
    connectorId: 1,
  });
  const transactionInfo = { transactionId: 'demo-tx-1' };
  let seqNo = 0;
  const event = (eventType, triggerReason, wh) =>
    station.call('TransactionEvent', {
      eventType,
      timestamp: ts(),
      triggerReason,
      seqNo: seqNo++,
      transactionInfo,
      evse: { id: 1, connectorId: 1 },
      ...(eventType === 'Started' ? { idToken: { idToken: 'DEMO-TAG', type: 'ISO14443' } } : {}),
      meterValue: [
        { timestamp: ts(), sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register' }] },
      ],
    });
  await event('Started', 'Authorized', 0);
  for (let wh = 1000; wh <= 3000; wh += 1000) await event('Updated', 'MeterValuePeriodic', wh);
  await event('Ended', 'StopAuthorized', 3000);
}
console.log('Charging session complete.');
await station.close();
await server.close();
