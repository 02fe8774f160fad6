// OCPP 2.0.1 blocks N (diagnostics) and P (data transfer) cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted, event, newTransaction, token } from './macros.js';

const LOG = { remoteLocation: 'https://logs.example/upload/' } as const;
const EXTRA = { customData: { vendorId: 'org.example.octt', note: 'custom data of the tool' } } as const;

/** CustomerInformation for the valid idToken, then (with `report`) an empty NotifyCustomerInformation. */
const customer = (
  id: string,
  request: { readonly report: boolean; readonly clear: boolean },
  requirements: readonly string[],
) =>
  tc(id, { ...CONTROL, requirements }, (b) => {
    b.use(booted)
      .respond('CustomerInformation', { status: 'Accepted' })
      .trigger('CustomerInformation', { requestId: 301, ...request, idToken: token() })
      .expectCall('CustomerInformation', {
        match: { report: request.report, clear: request.clear, 'idToken.idToken': v('validIdTag') },
        capture: { requestId: 'requestId' },
      })
      .expectStationResult('CustomerInformation', { match: { status: 'Accepted' } });
    if (request.report)
      b.send('NotifyCustomerInformation', {
        data: 'No data for this customer',
        seqNo: 0,
        generatedAt: v('now'),
        requestId: v('requestId'),
      }).expectResult('NotifyCustomerInformation');
  });

export const DIAGNOSTICS_201: readonly Scenario[] = [
  customer('TC_N_28_CSMS', { report: true, clear: false }, ['N09.FR.01', 'N09.FR.04']),
  customer('TC_N_31_CSMS', { report: true, clear: true }, ['N10.FR.08']),
  customer('TC_N_32_CSMS', { report: false, clear: true }, ['N10.FR.08']),
  tc('TC_N_34_CSMS', { ...CONTROL, requirements: ['N01'] }, (b) =>
    b
      .use(booted)
      .respond('GetLog', { status: 'Rejected' })
      .trigger('GetLog', { logType: 'DiagnosticsLog', requestId: 302, log: LOG })
      .expectCall('GetLog', { match: { 'log.remoteLocation': { present: true } } })
      .expectStationResult('GetLog', { match: { status: 'Rejected' } }),
  ),
  tc('TC_N_35_CSMS', { ...CONTROL, requirements: ['N01'] }, (b) =>
    b
      .use(booted)
      .respond('GetLog', { status: 'Accepted', filename: 'security.log' })
      .trigger('GetLog', { logType: 'SecurityLog', requestId: 303, log: LOG })
      .expectCall('GetLog', { match: { logType: 'SecurityLog' }, capture: { requestId: 'requestId' } })
      .expectStationResult('GetLog', { match: { status: 'Accepted' } })
      .send('LogStatusNotification', { status: 'Uploading', requestId: v('requestId') })
      .expectResult('LogStatusNotification')
      .send('LogStatusNotification', { status: 'Uploaded', requestId: v('requestId') })
      .expectResult('LogStatusNotification'),
  ),
  tc('TC_N_36_CSMS', { ...CONTROL, requirements: ['N01'] }, (b) =>
    b
      .use(booted)
      .respond('GetLog', { status: 'Accepted', filename: 'diagnostics.log' })
      .trigger('GetLog', { logType: 'DiagnosticsLog', requestId: 304, log: LOG })
      .expectCall('GetLog', { capture: { firstRequestId: 'requestId' } })
      .expectStationResult('GetLog', { match: { status: 'Accepted' } })
      .send('LogStatusNotification', { status: 'Uploading', requestId: v('firstRequestId') })
      .expectResult('LogStatusNotification')
      .respond('GetLog', { status: 'AcceptedCanceled', filename: 'diagnostics.log' })
      .trigger('GetLog', { logType: 'DiagnosticsLog', requestId: 305, log: LOG })
      .expectCall('GetLog', {
        capture: { secondRequestId: 'requestId' },
        note: 'a second request while the first uploads',
      })
      .expectStationResult('GetLog', { match: { status: 'AcceptedCanceled' } })
      .send('LogStatusNotification', { status: 'AcceptedCanceled', requestId: v('firstRequestId') })
      .expectResult('LogStatusNotification')
      .send('LogStatusNotification', { status: 'Uploading', requestId: v('secondRequestId') })
      .expectResult('LogStatusNotification')
      .send('LogStatusNotification', { status: 'Uploaded', requestId: v('secondRequestId') })
      .expectResult('LogStatusNotification'),
  ),
  tc('TC_P_02_CSMS', { requirements: ['P02.FR.06', 'P02.FR.07'] }, (b) =>
    b
      .use(booted)
      .send('DataTransfer', { vendorId: 'org.example.unknown-vendor', messageId: 'Probe', data: 'hello' })
      .expectResult('DataTransfer', {
        match: { status: { oneOf: ['UnknownVendorId', 'UnknownMessageId', 'Rejected'] } },
      }),
  ),
  tc('TC_P_03_CSMS', { requirements: ['P01'] }, (b) => {
    b.use(booted)
      .send('StatusNotification', {
        timestamp: v('now'),
        connectorStatus: 'Occupied',
        evseId: 1,
        connectorId: 1,
        ...EXTRA,
      })
      .expectResult('StatusNotification', {
        note: 'the CSMS answers a StatusNotification with customData as usual',
      })
      .use(newTransaction);
    event(b, 'Started', 'CablePluggedIn', 0, {
      ...EXTRA,
      transactionInfo: {
        chargingState: 'EVConnected',
        customData: { vendorId: 'org.example.octt', slot: 1 },
      },
    });
  }),
];
