import { describe, expect, it } from 'vitest';
import { rig2, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** What a status sequence looked like: [seconds after T0, status]. */
const timeline = (rows: Array<{ atMs: number; params: Record<string, unknown> }>) =>
  rows.map((r) => [(r.atMs - T0) / 1000, r.params.status]);

describe('firmware, logs and customer information (OCPP 2.0.1 L01–L04, N01, N09, N10)', () => {
  it('L01 UpdateFirmware: DownloadScheduled → Downloading → Downloaded → SignatureVerified → Installing → InstallRebooting, reboot (FirmwareUpdate), Installed, all with requestId, on the clock', async () => {
    const { csms, clock, station } = await rig2();
    expect(
      await csms.call('UpdateFirmware', {
        requestId: 12,
        firmware: {
          location: 'https://fw.example/2.0.bin',
          retrieveDateTime: iso(T0 + 60_000),
          signature: 'c2ln',
        },
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.advance(200_000);
    const sent = csms.of('FirmwareStatusNotification');
    expect(timeline(sent)).toEqual([
      [0, 'DownloadScheduled'],
      [60, 'Downloading'],
      [70, 'Downloaded'],
      [80, 'SignatureVerified'],
      [90, 'Installing'],
      [100, 'InstallRebooting'],
      [100, 'Installed'],
    ]);
    for (const r of sent) expect(r.params.requestId).toBe(12);
    expect(csms.of('BootNotification').map((r) => r.params.reason)).toEqual(['PowerUp', 'FirmwareUpdate']);
    expect(csms.of('SecurityEventNotification').map((r) => r.params.type)).toContain('FirmwareUpdated');
    expect(station.snapshot().operations.firmware.status).toBe('Installed');
  });

  it('L01 the installation waits for the running transaction to end; a failing download reports DownloadFailed', async () => {
    const { csms, clock, station } = await rig2({ failLocationsContaining: 'broken' });
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await csms.call('UpdateFirmware', {
      requestId: 1,
      firmware: { location: 'https://fw.example/ok.bin', retrieveDateTime: iso(T0) },
    });
    await clock.advance(120_000);
    expect(timeline(csms.of('FirmwareStatusNotification'))).toEqual([
      [0, 'Downloading'],
      [10, 'Downloaded'],
    ]);
    await station.stopCharging(1);
    await clock.advance(60_000);
    expect(csms.of('FirmwareStatusNotification').map((r) => r.params.status)).toEqual([
      'Downloading',
      'Downloaded',
      'Installing',
      'InstallRebooting',
      'Installed',
    ]);
    csms.clear();
    expect(
      await csms.call('UpdateFirmware', {
        requestId: 2,
        firmware: { location: 'https://broken.example/x.bin', retrieveDateTime: iso(clock.now()) },
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.advance(60_000);
    expect(csms.of('FirmwareStatusNotification').map((r) => r.params.status)).toEqual([
      'Downloading',
      'DownloadFailed',
    ]);
  });

  it('L01/L02 a signing certificate that is no certificate: InvalidCertificate and the security event', async () => {
    const { csms, clock } = await rig2();
    expect(
      await csms.call('UpdateFirmware', {
        requestId: 3,
        firmware: {
          location: 'https://fw.example/x.bin',
          retrieveDateTime: iso(T0),
          signingCertificate: 'nope',
          signature: 'c2ln',
        },
      }),
    ).toEqual({ status: 'InvalidCertificate' });
    await clock.settle();
    expect(csms.of('SecurityEventNotification').map((r) => r.params.type)).toContain(
      'InvalidFirmwareSigningCertificate',
    );
    expect(csms.of('FirmwareStatusNotification')).toEqual([]);
  });

  it('L03 PublishFirmware: Downloading → Downloaded → ChecksumVerified → Published with the local location; L04 UnpublishFirmware', async () => {
    const { csms, clock } = await rig2();
    expect(
      await csms.call('PublishFirmware', {
        location: 'https://fw.example/lc.bin',
        checksum: 'd41d8cd9',
        requestId: 6,
      }),
    ).toEqual({ status: 'Accepted' });
    expect(await csms.call('UnpublishFirmware', { checksum: 'd41d8cd9' })).toEqual({
      status: 'DownloadOngoing',
    });
    await clock.advance(60_000);
    const sent = csms.of('PublishFirmwareStatusNotification').map((r) => r.params);
    expect(sent.map((p) => p.status)).toEqual(['Downloading', 'Downloaded', 'ChecksumVerified', 'Published']);
    expect(sent[3]).toEqual({
      status: 'Published',
      requestId: 6,
      location: ['http://CS-2.local/firmware/d41d8cd9'],
    });
    expect(await csms.call('UnpublishFirmware', { checksum: 'other' })).toEqual({ status: 'NoFirmware' });
    expect(await csms.call('UnpublishFirmware', { checksum: 'd41d8cd9' })).toEqual({ status: 'Unpublished' });
    expect(await csms.call('UnpublishFirmware', { checksum: 'd41d8cd9' })).toEqual({ status: 'NoFirmware' });
  });

  it('N01 GetLog: a filename, then LogStatusNotification Uploading → Uploaded with the requestId; a second request cancels the first', async () => {
    const { csms, clock } = await rig2();
    const log = { remoteLocation: 'https://logs.example/up' };
    expect(await csms.call('GetLog', { log, logType: 'SecurityLog', requestId: 70 })).toEqual({
      status: 'Accepted',
      filename: 'security-70.log',
    });
    await clock.advance(5_000);
    expect(await csms.call('GetLog', { log, logType: 'DiagnosticsLog', requestId: 71 })).toEqual({
      status: 'AcceptedCanceled',
      filename: 'diagnostics-71.log',
    });
    await clock.advance(30_000);
    expect(csms.of('LogStatusNotification').map((r) => [r.params.status, r.params.requestId])).toEqual([
      ['Uploading', 70],
      ['Uploading', 71],
      ['Uploaded', 71],
    ]);
  });

  it('N09/N10 CustomerInformation: Invalid without exactly one reference; a report of the token’s cache entry and transaction; clear forgets the cache entry', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('CUST-1', 1);
    await clock.settle();
    expect(await csms.call('CustomerInformation', { requestId: 1, report: true, clear: false })).toEqual({
      status: 'Invalid',
    });
    expect(
      await csms.call('CustomerInformation', {
        requestId: 2,
        report: true,
        clear: true,
        idToken: { idToken: 'CUST-1', type: 'ISO14443' },
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.settle();
    const [notify] = csms.of('NotifyCustomerInformation');
    expect(notify?.params).toMatchObject({ requestId: 2, seqNo: 0 });
    expect(String(notify?.params.data)).toContain('authorization cache: Accepted');
    expect(String(notify?.params.data)).toContain('transaction');
    expect(station.state.auth.cache['ISO14443:CUST-1']).toBeUndefined();
  });
});
