// Firmware, diagnostics and logs as status sequences on the virtual clock (operationStepS = 10 s).

import { describe, expect, it } from 'vitest';
import { rig, T0 } from './helpers/csms.js';
import { selfSignedCertificate } from './helpers/pki.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** [seconds after T0, status] of a notification action. */
const timeline = (received: Array<{ atMs: number; params: Record<string, unknown> }>) =>
  received.map((r) => [(r.atMs - T0) / 1000, r.params.status]);

describe('firmware and diagnostics (OCPP 1.6 §5.19, §4.5, §5.9, §4.4; security whitepaper L01, N01)', () => {
  it('§5.19 UpdateFirmware: Downloading at retrieveDate → Downloaded → Installing → reboot → Installed', async () => {
    const { csms, clock, station } = await rig();
    expect(
      await csms.call('UpdateFirmware', {
        location: 'https://fw.example/v2.bin',
        retrieveDate: iso(T0 + 60_000),
      }),
    ).toEqual({});
    await clock.advance(59_000);
    expect(csms.of('FirmwareStatusNotification')).toHaveLength(0);
    await clock.advance(40_000);
    expect(timeline(csms.of('FirmwareStatusNotification'))).toEqual([
      [60, 'Downloading'],
      [70, 'Downloaded'],
      [80, 'Installing'],
      [90, 'Installed'],
    ]);
    // The installation rebooted the station: a second BootNotification, before Installed.
    const actions = csms.received.map((r) => r.action);
    expect(actions.filter((a) => a === 'BootNotification')).toHaveLength(2);
    expect(actions.lastIndexOf('BootNotification')).toBeLessThan(
      actions.lastIndexOf('FirmwareStatusNotification'),
    );
    expect(station.snapshot().operations.firmware.status).toBe('Installed');
    // Security whitepaper §8: ResetOrReboot for the reboot, then FirmwareUpdated.
    expect(csms.of('SecurityEventNotification').map((r) => r.params.type)).toEqual([
      'StartupOfTheDevice',
      'ResetOrReboot',
      'FirmwareUpdated',
    ]);
  });

  it('§5.19 the installation waits until the running transaction ended', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await csms.call('UpdateFirmware', { location: 'https://fw.example/v2.bin', retrieveDate: iso(T0) });
    await clock.advance(60_000);
    expect(timeline(csms.of('FirmwareStatusNotification'))).toEqual([
      [0, 'Downloading'],
      [10, 'Downloaded'],
    ]);
    await station.stopCharging(1);
    await clock.advance(30_000);
    expect(csms.of('FirmwareStatusNotification').map((r) => r.params.status)).toEqual([
      'Downloading',
      'Downloaded',
      'Installing',
      'Installed',
    ]);
  });

  it('§4.5 a download from a failing location reports DownloadFailed and installs nothing', async () => {
    const { csms, clock } = await rig({ failLocationsContaining: 'broken' });
    await csms.call('UpdateFirmware', { location: 'https://broken.example/fw.bin', retrieveDate: iso(T0) });
    await clock.advance(60_000);
    expect(csms.of('FirmwareStatusNotification').map((r) => r.params.status)).toEqual([
      'Downloading',
      'DownloadFailed',
    ]);
    expect(csms.of('BootNotification')).toHaveLength(1);
  });

  it('L01 SignedUpdateFirmware: SignedFirmwareStatusNotification with the requestId through to Installed', async () => {
    const { csms, clock } = await rig();
    const signingCertificate = selfSignedCertificate('Firmware Signer');
    expect(
      await csms.call('SignedUpdateFirmware', {
        requestId: 42,
        firmware: {
          location: 'https://fw.example/s.bin',
          retrieveDateTime: iso(T0 + 30_000),
          signingCertificate,
          signature: 'c2ln',
        },
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.advance(200_000);
    const sent = csms.of('SignedFirmwareStatusNotification');
    expect(timeline(sent)).toEqual([
      [0, 'DownloadScheduled'],
      [30, 'Downloading'],
      [40, 'Downloaded'],
      [50, 'SignatureVerified'],
      [60, 'Installing'],
      [70, 'InstallRebooting'],
      [70, 'Installed'],
    ]);
    expect(sent.every((r) => r.params.requestId === 42)).toBe(true);
  });

  it('L01 SignedUpdateFirmware without a PEM signing certificate: InvalidCertificate; an empty signature: InvalidSignature', async () => {
    const { csms, clock } = await rig();
    const firmware = { location: 'https://fw.example/s.bin', retrieveDateTime: iso(T0), signature: 'c2ln' };
    expect(
      await csms.call('SignedUpdateFirmware', {
        requestId: 1,
        firmware: { ...firmware, signingCertificate: 'not a cert' },
      }),
    ).toEqual({ status: 'InvalidCertificate' });
    await csms.call('SignedUpdateFirmware', {
      requestId: 2,
      firmware: { ...firmware, signature: '', signingCertificate: selfSignedCertificate('S') },
    });
    await clock.advance(60_000);
    expect(csms.of('SignedFirmwareStatusNotification').map((r) => r.params.status)).toEqual([
      'Downloading',
      'Downloaded',
      'InvalidSignature',
    ]);
  });

  it('§5.9 GetDiagnostics: a fileName, then DiagnosticsStatusNotification Uploading → Uploaded', async () => {
    const { csms, clock } = await rig();
    const { fileName } = await csms.call('GetDiagnostics', { location: 'ftp://logs.example/' });
    expect(fileName).toMatch(/^diagnostics-CP-1-2025-03-01T100000000Z\.log$/);
    await clock.advance(30_000);
    expect(timeline(csms.of('DiagnosticsStatusNotification'))).toEqual([
      [0, 'Uploading'],
      [10, 'Uploaded'],
    ]);
  });

  it('N01 GetLog: Accepted with a filename, then LogStatusNotification Uploading → Uploaded with the requestId', async () => {
    const { csms, clock } = await rig();
    expect(
      await csms.call('GetLog', {
        log: { remoteLocation: 'https://logs.example/' },
        logType: 'SecurityLog',
        requestId: 9,
      }),
    ).toEqual({ status: 'Accepted', filename: 'security-9.log' });
    await clock.advance(30_000);
    expect(
      csms
        .of('LogStatusNotification')
        .map((r) => [(r.atMs - T0) / 1000, r.params.status, r.params.requestId]),
    ).toEqual([
      [0, 'Uploading', 9],
      [10, 'Uploaded', 9],
    ]);
  });
});
