// OCPP 2.0.1 block L (firmware management) cases: the CSMS's UpdateFirmware, then the statuses
// the tool reports for its request id.

import { type ScenarioBuilder, v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { TEST_ROOT_A } from '../certificates.js';
import { CONTROL, tc } from './case.js';
import { booted, connector, energyTransferStarted } from './macros.js';

type B = ScenarioBuilder<'ocpp2.0.1'>;
type FirmwareStatus =
  | 'Downloading'
  | 'Downloaded'
  | 'DownloadScheduled'
  | 'SignatureVerified'
  | 'InstallScheduled'
  | 'Installing'
  | 'InvalidSignature'
  | 'Installed';

const update = (requestId: number, times: { retrieve?: string; install?: string } = {}) => ({
  requestId,
  firmware: {
    location: 'https://firmware.example/station-2.0.signed.bin',
    retrieveDateTime: times.retrieve ?? v('now'),
    ...(times.install ? { installDateTime: times.install } : {}),
    signingCertificate: TEST_ROOT_A,
    signature: 'c2lnbmF0dXJlLW9mLXRoZS1maXJtd2FyZQ==',
  },
});

/** The CSMS sends a secure UpdateFirmware; the station accepts (`status`); `${requestId}` is its id. */
const requested = (
  b: B,
  request: ReturnType<typeof update>,
  status: 'Accepted' | 'AcceptedCanceled' = 'Accepted',
): B =>
  b
    .respond('UpdateFirmware', { status })
    .trigger('UpdateFirmware', request)
    .expectCall('UpdateFirmware', {
      match: { 'firmware.location': { present: true }, 'firmware.signingCertificate': { present: true } },
      capture: { requestId: 'requestId' },
    })
    .expectStationResult('UpdateFirmware', { match: { status } });

const report = (b: B, ...statuses: readonly FirmwareStatus[]): B => {
  for (const status of statuses)
    b.send('FirmwareStatusNotification', { status, requestId: v('requestId') }).expectResult(
      'FirmwareStatusNotification',
    );
  return b;
};

export const FIRMWARE_201: readonly Scenario[] = [
  tc('TC_L_02_CSMS', { ...CONTROL, requirements: ['L01.FR.01', 'L01.FR.11', 'L01.FR.15'] }, (b) => {
    b.use(booted);
    requested(b, update(101, { install: v('now+1h') }));
    report(
      b,
      'Downloading',
      'Downloaded',
      'SignatureVerified',
      'InstallScheduled',
      'Installing',
      'Installed',
    );
  }),
  tc('TC_L_03_CSMS', { ...CONTROL, requirements: ['L01.FR.01', 'L01.FR.11', 'L01.FR.15'] }, (b) => {
    b.use(booted);
    requested(b, update(102, { retrieve: v('now+1h') }));
    report(
      b,
      'DownloadScheduled',
      'Downloading',
      'Downloaded',
      'SignatureVerified',
      'Installing',
      'Installed',
    );
  }),
  tc('TC_L_06_CSMS', { ...CONTROL, requirements: ['L01.FR.01', 'L01.FR.11'] }, (b) => {
    b.use(booted);
    requested(b, update(103));
    report(b, 'Downloading', 'Downloaded', 'InvalidSignature');
  }),
  tc('TC_L_10_CSMS', { ...CONTROL, requirements: ['L01.FR.01', 'L01.FR.11', 'L01.FR.24'] }, (b) => {
    b.use(booted);
    requested(b, update(104));
    report(b, 'Downloading');
    // A second request while the first downloads: the first is canceled, the second goes on.
    requested(b, update(105), 'AcceptedCanceled');
    report(b, 'Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed');
  }),
  tc('TC_L_13_CSMS', { ...CONTROL, requirements: ['L01.FR.01', 'L01.FR.11'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    requested(b, update(106));
    // The download waits for the transaction to end; new sessions are not allowed meanwhile.
    report(b, 'DownloadScheduled');
    connector(b, 'Unavailable');
  }),
];
