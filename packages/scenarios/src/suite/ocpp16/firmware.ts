// OCPP 1.6 Firmware Management profile cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted, status } from './macros.js';

/** A step of a simulated transfer takes 10 s of station time; 60 s leave room. */
const STEP = 60_000;
const FIRMWARE = { location: 'https://firmware.example/station-2.0.bin', retrieveDate: v('now') } as const;

export const FIRMWARE_16: readonly Scenario[] = [
  tc(
    'TC_044_2_CSMS',
    { ...CONTROL, requirements: ['OCPP 1.6 §5.19', '§4.5'], station: { failTransfers: true } },
    (b) =>
      b
        .use(booted())
        .trigger('UpdateFirmware', FIRMWARE)
        .expectCall('UpdateFirmware', {
          match: { location: { present: true }, retrieveDate: { present: true } },
        })
        .expectStationResult('UpdateFirmware')
        .exchange('FirmwareStatusNotification', { match: { status: 'Downloading' }, stationWithin: STEP })
        .exchange('FirmwareStatusNotification', { match: { status: 'DownloadFailed' }, stationWithin: STEP }),
  ),
  tc('TC_044_3_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.19', '§4.5'] }, (b) => {
    // The station plays the whole sequence itself, ending in a failed installation.
    b.use(booted())
      .respond('UpdateFirmware', {})
      .trigger('UpdateFirmware', FIRMWARE)
      .expectCall('UpdateFirmware', { match: { location: { present: true } } })
      .expectStationResult('UpdateFirmware')
      .send('FirmwareStatusNotification', { status: 'Downloading' })
      .expectResult('FirmwareStatusNotification')
      .send('FirmwareStatusNotification', { status: 'Downloaded' })
      .expectResult('FirmwareStatusNotification')
      .send('StatusNotification', {
        connectorId: 0,
        errorCode: 'NoError',
        status: 'Unavailable',
        timestamp: v('now'),
      })
      .expectResult('StatusNotification')
      .send('StatusNotification', {
        connectorId: 1,
        errorCode: 'NoError',
        status: 'Unavailable',
        timestamp: v('now'),
      })
      .expectResult('StatusNotification')
      .send('FirmwareStatusNotification', { status: 'Installing' })
      .expectResult('FirmwareStatusNotification')
      .powerCycle('the station reboots into the old firmware')
      .expectResult('BootNotification', { match: { status: 'Accepted' } });
    status(b, 0, 'Available');
    status(b, 1, 'Available');
    b.send('FirmwareStatusNotification', { status: 'InstallationFailed' }).expectResult(
      'FirmwareStatusNotification',
    );
  }),
  ...(
    [
      ['TC_045_1_CSMS', false, 'Uploaded'],
      ['TC_045_2_CSMS', true, 'UploadFailed'],
    ] as const
  ).map(([id, failTransfers, outcome]) =>
    tc(id, { ...CONTROL, requirements: ['OCPP 1.6 §5.9', '§4.4'], station: { failTransfers } }, (b) =>
      b
        .use(booted())
        .trigger('GetDiagnostics', { location: 'ftp://diagnostics.example/uploads/' })
        .expectCall('GetDiagnostics', { match: { location: { present: true } } })
        .expectStationResult('GetDiagnostics')
        .exchange('DiagnosticsStatusNotification', { match: { status: 'Uploading' }, stationWithin: STEP })
        .exchange('DiagnosticsStatusNotification', { match: { status: outcome }, stationWithin: STEP }),
    ),
  ),
];
