// OCPP 1.6 security extension cases (security whitepaper edition 2), and the ones a virtual
// station on a plain WebSocket cannot run.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { TEST_ROOT_A, TEST_ROOT_B } from '../certificates.js';
import type { ManualCase } from '../define.js';
import { CONTROL, tc } from './case.js';
import { booted } from './macros.js';

const STEP = 60_000;
/** A 1.6 AuthorizationKey: 20 bytes as 40 hexadecimal digits (whitepaper A00.FR.205). */
const NEW_KEY = '6f637070207773206e657720706173736b657921';
const HEX_KEY = '^([0-9a-fA-F]{2}){16,20}$';
const firmware = {
  requestId: 7,
  firmware: {
    location: 'https://firmware.example/station-2.0.signed.bin',
    retrieveDateTime: v('now'),
    signingCertificate: TEST_ROOT_A,
    signature: 'c2lnbmF0dXJlLW9mLXRoZS1maXJtd2FyZQ==',
  },
} as const;

export const SECURITY_16: readonly Scenario[] = [
  tc('TC_073_CSMS', { ...CONTROL, requirements: ['1.6 security whitepaper A01.FR.01–A01.FR.03'] }, (b) =>
    b
      .use(booted())
      .respond('ChangeConfiguration', { status: 'Accepted' })
      .trigger(
        'ChangeConfiguration',
        { key: 'AuthorizationKey', value: NEW_KEY },
        { intent: 'rotatePassword' },
      )
      .expectCall('ChangeConfiguration', {
        match: { key: 'AuthorizationKey', value: { matches: HEX_KEY } },
        // The suite's later cases connect with it: the CSMS no longer accepts the old one.
        capture: { stationPassword: 'value' },
        note: 'the CSMS sends a new AuthorizationKey (16–20 bytes, hex)',
      })
      .expectStationResult('ChangeConfiguration', { match: { status: 'Accepted' } })
      .connect('accepted', {
        password: v('stationPassword'),
        note: 'the station reconnects with the new password',
      }),
  ),
  tc('TC_075_1_CSMS', { ...CONTROL, requirements: ['1.6 security whitepaper M05', 'M03'] }, (b) =>
    b
      .use(booted())
      .trigger('InstallCertificate', {
        certificateType: 'ManufacturerRootCertificate',
        certificate: TEST_ROOT_A,
      })
      .expectCall('InstallCertificate', { match: { certificateType: 'ManufacturerRootCertificate' } })
      .expectStationResult('InstallCertificate', { match: { status: 'Accepted' } })
      .trigger('GetInstalledCertificateIds', { certificateType: 'ManufacturerRootCertificate' })
      .expectCall('GetInstalledCertificateIds', { match: { certificateType: 'ManufacturerRootCertificate' } })
      .expectStationResult('GetInstalledCertificateIds', {
        match: { status: 'Accepted', certificateHashData: { minLength: 1 } },
      }),
  ),
  tc('TC_076_CSMS', { ...CONTROL, requirements: ['1.6 security whitepaper M04', 'M03'] }, (b) =>
    b
      .use(booted())
      .trigger('InstallCertificate', {
        certificateType: 'CentralSystemRootCertificate',
        certificate: TEST_ROOT_B,
      })
      .expectCall('InstallCertificate', { match: { certificateType: 'CentralSystemRootCertificate' } })
      .expectStationResult('InstallCertificate', { match: { status: 'Accepted' } })
      .trigger('GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' })
      .expectCall('GetInstalledCertificateIds')
      .expectStationResult('GetInstalledCertificateIds', {
        match: { status: 'Accepted' },
        capture: {
          installedHash: 'certificateHashData.0',
          installedSerial: 'certificateHashData.0.serialNumber',
        },
      })
      .trigger('DeleteCertificate', { certificateHashData: v('installedHash') })
      .expectCall('DeleteCertificate', {
        match: { 'certificateHashData.serialNumber': v('installedSerial') },
        note: 'the CSMS deletes the certificate it just installed',
      })
      .expectStationResult('DeleteCertificate', { match: { status: 'Accepted' } }),
  ),
  tc(
    'TC_077_CSMS',
    { needs: ['csmsControl', 'certificateSigning'], requirements: ['1.6 security whitepaper A02', 'A03'] },
    (b) =>
      b
        .use(booted())
        .respond(
          'CertificateSigned',
          { status: 'Rejected' },
          { note: 'the certificate will not be valid for the station' },
        )
        .trigger('ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' })
        .expectCall('ExtendedTriggerMessage', {
          match: { requestedMessage: 'SignChargePointCertificate', connectorId: { absent: true } },
        })
        .expectStationResult('ExtendedTriggerMessage', { match: { status: 'Accepted' } })
        .exchange(
          'SignCertificate',
          { match: { csr: { present: true } } },
          { match: { status: { present: true } } },
        )
        .trigger('CertificateSigned', { certificateChain: TEST_ROOT_A })
        .expectCall('CertificateSigned', { match: { certificateChain: { present: true } } })
        .expectStationResult('CertificateSigned', { match: { status: 'Rejected' } })
        .send('SecurityEventNotification', { type: 'InvalidChargePointCertificate', timestamp: v('now') })
        .expectResult('SecurityEventNotification'),
  ),
  tc('TC_078_CSMS', { ...CONTROL, requirements: ['1.6 security whitepaper M05'] }, (b) =>
    b
      .use(booted())
      .respond('InstallCertificate', { status: 'Rejected' })
      .trigger('InstallCertificate', {
        certificateType: 'CentralSystemRootCertificate',
        certificate: TEST_ROOT_B,
      })
      .expectCall('InstallCertificate', { match: { certificateType: 'CentralSystemRootCertificate' } })
      .expectStationResult('InstallCertificate', { match: { status: 'Rejected' } })
      .send('SecurityEventNotification', { type: 'InvalidCentralSystemCertificate', timestamp: v('now') })
      .expectResult('SecurityEventNotification'),
  ),
  tc('TC_080_CSMS', { ...CONTROL, requirements: ['1.6 security whitepaper L01'] }, (b) => {
    b.use(booted())
      .trigger('SignedUpdateFirmware', firmware)
      .expectCall('SignedUpdateFirmware', {
        match: { 'firmware.signingCertificate': { present: true }, 'firmware.signature': { present: true } },
        capture: { requestId: 'requestId' },
      })
      .expectStationResult('SignedUpdateFirmware', { match: { status: 'Accepted' } });
    for (const status of ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing'])
      b.exchange('SignedFirmwareStatusNotification', {
        match: { status, requestId: v('requestId') },
        stationWithin: STEP,
      });
    // The station reboots right after sending it: the CSMS's answer may find the connection gone.
    b.expectStationCall('SignedFirmwareStatusNotification', {
      match: { status: 'InstallRebooting' },
      stationWithin: STEP,
    })
      .expectResult('BootNotification', {
        match: { status: 'Accepted' },
        note: 'the station boots the new firmware',
      })
      .exchange('SignedFirmwareStatusNotification', { match: { status: 'Installed' }, stationWithin: STEP });
  }),
  tc('TC_081_CSMS', { ...CONTROL, requirements: ['1.6 security whitepaper L01'] }, (b) => {
    b.use(booted())
      .respond(
        'SignedUpdateFirmware',
        { status: 'Accepted' },
        { note: 'the station will find the signature invalid' },
      )
      .trigger('SignedUpdateFirmware', firmware)
      .expectCall('SignedUpdateFirmware', { capture: { requestId: 'requestId' } })
      .expectStationResult('SignedUpdateFirmware', { match: { status: 'Accepted' } });
    for (const status of ['Downloading', 'Downloaded', 'InvalidSignature'] as const)
      b.send('SignedFirmwareStatusNotification', { status, requestId: v('requestId') }).expectResult(
        'SignedFirmwareStatusNotification',
      );
  }),
  tc(
    'TC_085_CSMS',
    { needs: ['password'], requirements: ['1.6 security whitepaper A00.FR.201–A00.FR.205'] },
    (b) =>
      b
        .use(booted())
        .connect('accepted', { note: 'a second connection with the same credentials is accepted too' }),
  ),
];

/** Documented 1.6 cases the suite cannot run, and why. */
export const MANUAL_16: readonly ManualCase[] = [
  {
    id: 'TC_074_CSMS',
    reason:
      'security profile 3: the station must reconnect with the client certificate the CSMS signed (TLS client authentication), which the suite’s station does not do',
  },
  {
    id: 'TC_083_CSMS',
    reason:
      'moves the station to a higher security profile (TLS, then TLS client certificates) and reconnects over it: needs TLS endpoints and certificates the suite’s station does not manage',
  },
  {
    id: 'TC_086_CSMS',
    reason:
      'checks the CSMS’s TLS handshake (versions, cipher suites, key sizes, certificate fields), which a WebSocket client in a browser or Deno cannot observe',
  },
];
