// OCPP 1.6 Core profile cases (CSMS as the system under test).

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL as control, tc } from './case.js';
import { authorized, booted, charging, started, status } from './macros.js';

const REMOTE_AUTH = { config: { AuthorizeRemoteTxRequests: 'true' } } as const;

export const CORE_16: readonly Scenario[] = [
  tc('TC_001_CSMS', { requirements: ['OCPP 1.6 §4.2', '§4.6', '§4.9'] }, (b) =>
    b
      .use(booted())
      // The station heartbeats at the interval the CSMS gave; its time is skipped ahead to it.
      .expectStationCall('Heartbeat', {
        stationWithin: 86_400_000,
        note: 'the station sends Heartbeat after the interval',
      })
      .expectResult('Heartbeat', { match: { currentTime: { present: true } } }),
  ),
  tc('TC_004_1_CSMS', { requirements: ['OCPP 1.6 §4.1', '§4.8'] }, (b) => b.use(booted()).use(charging())),
  tc(
    'TC_004_2_CSMS',
    { requirements: ['OCPP 1.6 §9.1.5'], station: { config: { ConnectionTimeOut: '30' } } },
    (b) =>
      b
        .use(booted())
        .use(authorized())
        .expectStationCall('StatusNotification', {
          match: { connectorId: 1, status: 'Available' },
          stationWithin: 40_000,
          note: 'no cable within ConnectionTimeOut: the connector is Available again',
        })
        .expectResult('StatusNotification'),
  ),
  tc(
    'TC_007_CSMS',
    {
      requirements: ['OCPP 1.6 §3.5.2', '§4.8'],
      station: { config: { LocalPreAuthorize: 'true', ConnectionTimeOut: '30' } },
    },
    (b) => {
      // The idTag gets into the Authorization Cache by an earlier Authorize, which then lapses.
      b.use(booted()).use(authorized());
      b.expectStationCall('StatusNotification', { match: { status: 'Available' }, stationWithin: 40_000 });
      b.expectResult('StatusNotification');
      b.plugIn(1);
      status(b, 1, 'Preparing');
      b.presentToken(
        v('validIdTag'),
        1,
        'the driver presents the cached idTag: no Authorize, the transaction starts',
      );
      b.use(started());
    },
  ),
  tc('TC_010_CSMS', { ...control, requirements: ['OCPP 1.6 §5.11'], station: REMOTE_AUTH }, (b) => {
    b.use(booted()).plugIn(1);
    status(b, 1, 'Preparing');
    b.trigger('RemoteStartTransaction', { connectorId: 1, idTag: v('validIdTag') })
      .expectCall('RemoteStartTransaction', {
        match: { idTag: { present: true } },
        capture: { remoteIdTag: 'idTag' },
      })
      .expectStationResult('RemoteStartTransaction', { match: { status: 'Accepted' } })
      .exchange(
        'Authorize',
        { match: { idTag: v('remoteIdTag') } },
        { match: { 'idTagInfo.status': 'Accepted' } },
      )
      .use(started());
  }),
  tc('TC_011_1_CSMS', { ...control, requirements: ['OCPP 1.6 §5.11'], station: REMOTE_AUTH }, (b) => {
    b.use(booted())
      .trigger('RemoteStartTransaction', { connectorId: 1, idTag: v('validIdTag') })
      .expectCall('RemoteStartTransaction', {
        match: { idTag: { present: true } },
        capture: { remoteIdTag: 'idTag' },
      })
      .expectStationResult('RemoteStartTransaction', { match: { status: 'Accepted' } })
      .exchange(
        'Authorize',
        { match: { idTag: v('remoteIdTag') } },
        { match: { 'idTagInfo.status': 'Accepted' } },
      );
    status(b, 1, 'Preparing');
    b.plugIn(1).use(started());
  }),
  tc(
    'TC_011_2_CSMS',
    {
      ...control,
      requirements: ['OCPP 1.6 §5.11', '§9.1.5'],
      station: { config: { ...REMOTE_AUTH.config, ConnectionTimeOut: '30' } },
    },
    (b) => {
      b.use(booted())
        .trigger('RemoteStartTransaction', { connectorId: 1, idTag: v('validIdTag') })
        .expectCall('RemoteStartTransaction', { match: { idTag: { present: true } } })
        .expectStationResult('RemoteStartTransaction', { match: { status: 'Accepted' } })
        .exchange('Authorize', {}, { match: { 'idTagInfo.status': 'Accepted' } });
      status(b, 1, 'Preparing');
      b.expectStationCall('StatusNotification', {
        match: { connectorId: 1, status: 'Available' },
        stationWithin: 40_000,
        note: 'no cable within ConnectionTimeOut: the connector is Available again',
      }).expectResult('StatusNotification');
    },
  ),
  tc('TC_012_CSMS', { ...control, requirements: ['OCPP 1.6 §5.12', '§4.10'] }, (b) => {
    b.use(booted())
      .use(charging())
      .trigger('RemoteStopTransaction', { transactionId: v('transactionId') })
      .expectCall('RemoteStopTransaction', {
        match: { transactionId: v('transactionId') },
        note: 'the CSMS asks to stop the running transaction',
      })
      .expectStationResult('RemoteStopTransaction', { match: { status: 'Accepted' } })
      .exchange('StopTransaction', { match: { reason: 'Remote', transactionId: v('transactionId') } });
    status(b, 1, 'Finishing');
    b.unplug(1);
    status(b, 1, 'Available');
  }),
  tc('TC_017_1_CSMS', { ...control, requirements: ['OCPP 1.6 §5.18'] }, (b) =>
    b
      .use(booted())
      .trigger('UnlockConnector', { connectorId: 1 })
      .expectCall('UnlockConnector', { match: { connectorId: { gte: 1 } } })
      .expectStationResult('UnlockConnector', { match: { status: 'Unlocked' } }),
  ),
  tc('TC_017_2_CSMS', { ...control, requirements: ['OCPP 1.6 §5.18'] }, (b) =>
    b
      .use(booted())
      .respond('UnlockConnector', { status: 'NotSupported' }, { note: 'the station has a fixed cable' })
      .trigger('UnlockConnector', { connectorId: 1 })
      .expectCall('UnlockConnector', { match: { connectorId: { gte: 1 } } })
      .expectStationResult('UnlockConnector', { match: { status: 'NotSupported' } }),
  ),
  tc('TC_019_1_CSMS', { ...control, requirements: ['OCPP 1.6 §5.8'] }, (b) =>
    b
      .use(booted())
      .trigger('GetConfiguration', {})
      // "all keys": no key list, or an empty one.
      .expectCall('GetConfiguration', {
        match: { 'key.0': { absent: true } },
        note: 'the CSMS asks for every key',
      })
      .expectStationResult('GetConfiguration', { match: { configurationKey: { minLength: 1 } } }),
  ),
  tc('TC_021_CSMS', { ...control, requirements: ['OCPP 1.6 §5.3'] }, (b) =>
    b
      .use(booted())
      .trigger('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '60' })
      .expectCall('ChangeConfiguration', { match: { key: 'MeterValueSampleInterval', value: '60' } })
      .expectStationResult('ChangeConfiguration', { match: { status: 'Accepted' } }),
  ),
  ...(
    [
      ['TC_023_1_CSMS', 'invalidIdTag', 'Invalid'],
      ['TC_023_2_CSMS', 'expiredIdTag', 'Expired'],
      ['TC_023_3_CSMS', 'blockedIdTag', 'Blocked'],
    ] as const
  ).map(([id, tag, answer]) =>
    tc(id, { requirements: ['OCPP 1.6 §4.1', '§7.14'] }, (b) =>
      b
        .use(booted())
        .presentToken(v(tag), 1)
        .exchange('Authorize', { match: { idTag: v(tag) } }, { match: { 'idTagInfo.status': answer } }),
    ),
  ),
  tc('TC_024_CSMS', { requirements: ['OCPP 1.6 §4.9', '§7.6'] }, (b) => {
    b.use(booted()).use(authorized()).fault(1, 'ConnectorLockFailure');
    b.exchange('StatusNotification', {
      match: { connectorId: 1, status: 'Faulted', errorCode: 'ConnectorLockFailure' },
    });
  }),
  tc('TC_026_CSMS', { ...control, requirements: ['OCPP 1.6 §5.11'] }, (b) =>
    b
      .use(booted())
      .respond('RemoteStartTransaction', { status: 'Rejected' })
      .trigger('RemoteStartTransaction', { connectorId: 1, idTag: v('validIdTag') })
      .expectCall('RemoteStartTransaction', { match: { idTag: { present: true } } })
      .expectStationResult('RemoteStartTransaction', { match: { status: 'Rejected' } }),
  ),
  tc('TC_028_CSMS', { ...control, requirements: ['OCPP 1.6 §5.12'] }, (b) =>
    b
      .use(booted())
      .use(charging())
      .respond('RemoteStopTransaction', { status: 'Rejected' })
      .trigger('RemoteStopTransaction', { transactionId: v('transactionId') })
      .expectCall('RemoteStopTransaction', { match: { transactionId: v('transactionId') } })
      .expectStationResult('RemoteStopTransaction', { match: { status: 'Rejected' } }),
  ),
  tc('TC_031_CSMS', { ...control, requirements: ['OCPP 1.6 §5.18'] }, (b) =>
    b
      .use(booted())
      .respond('UnlockConnector', { status: 'NotSupported' }, { note: 'the station has no such connector' })
      .trigger('UnlockConnector', { connectorId: 2 })
      .expectCall('UnlockConnector')
      .expectStationResult('UnlockConnector', { match: { status: 'NotSupported' } }),
  ),
  tc('TC_032_1_CSMS', { requirements: ['OCPP 1.6 §4.2', '§4.10', '§7.36'] }, (b) => {
    b.use(booted()).use(charging()).powerCycle();
    b.expectResult('BootNotification', { match: { status: 'Accepted' } });
    status(b, 0, 'Available');
    status(b, 1, 'Finishing', 'the connector of the cut transaction reports Finishing');
    b.exchange('StopTransaction', { match: { reason: 'PowerLoss', transactionId: v('transactionId') } });
  }),
  tc(
    'TC_037_1_CSMS',
    {
      requirements: ['OCPP 1.6 §3.5.3', '§4.8'],
      station: { config: { AllowOfflineTxForUnknownId: 'true' } },
    },
    (b) =>
      b
        .use(booted())
        .goOffline()
        .plugIn(1)
        .presentToken(v('validIdTag'), 1, 'a driver starts charging while the station is offline')
        .wait(5_000)
        .comeBack()
        .use(started()),
  ),
  tc(
    'TC_039_CSMS',
    {
      requirements: ['OCPP 1.6 §3.5.3', '§4.8', '§4.10'],
      station: { config: { AllowOfflineTxForUnknownId: 'true' } },
    },
    (b) =>
      b
        .use(booted())
        .goOffline()
        .plugIn(1)
        .presentToken(v('validIdTag'), 1)
        .wait(60_000)
        .stopCharging(1, 'Local', 'the driver stops, still offline')
        .wait(5_000)
        .comeBack()
        .exchange(
          'StartTransaction',
          {},
          { match: { 'idTagInfo.status': 'Accepted' }, capture: { transactionId: 'transactionId' } },
        )
        .exchange('StopTransaction', { match: { reason: 'Local', transactionId: v('transactionId') } }),
  ),
  tc('TC_040_1_CSMS', { ...control, requirements: ['OCPP 1.6 §5.3'] }, (b) =>
    b
      .use(booted())
      .respond('ChangeConfiguration', { status: 'NotSupported' })
      .trigger('ChangeConfiguration', { key: 'NoSuchKeyOfThisStation', value: '1' })
      .expectCall('ChangeConfiguration')
      .expectStationResult('ChangeConfiguration', { match: { status: 'NotSupported' } }),
  ),
  tc('TC_061_CSMS', { ...control, requirements: ['OCPP 1.6 §5.4'] }, (b) =>
    b
      .use(booted())
      .trigger('ClearCache', {})
      .expectCall('ClearCache')
      .expectStationResult('ClearCache', { match: { status: 'Accepted' } }),
  ),
  tc('TC_064_CSMS', { requirements: ['OCPP 1.6 §4.3'] }, (b) =>
    b
      .use(booted())
      .send('DataTransfer', { vendorId: 'org.example.unknown-vendor', messageId: 'Probe', data: 'hello' })
      .expectResult('DataTransfer', {
        match: { status: { oneOf: ['Rejected', 'UnknownMessageId', 'UnknownVendorId', 'Accepted'] } },
        // Accepted is tolerated: the vendor is unknown, so it should not be.
        should: { status: { oneOf: ['Rejected', 'UnknownMessageId', 'UnknownVendorId'] } },
      }),
  ),
];
