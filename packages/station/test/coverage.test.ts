// Every CSMS-initiated action of OCPP 1.6 (+ security extension) is in the coverage table and is
// answered with a schema-valid CALLRESULT (the in-memory CSMS validates every response strictly:
// an invalid one would reach the test as a CALLERROR), and the generated doc is current.

import { readFileSync } from 'node:fs';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderCoverageDoc } from '../scripts/coverage-doc.mjs';
import { STATION_COVERAGE } from '../src/index.js';
import { rig, T0 } from './helpers/csms.js';
import { selfSignedCertificate } from './helpers/pki.js';

/** Actions only a charge point sends (OCPP 1.6 §4 and the whitepaper's station-initiated messages). */
const STATION_INITIATED = new Set([
  'Authorize',
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
  'LogStatusNotification',
  'SecurityEventNotification',
  'SignCertificate',
  'SignedFirmwareStatusNotification',
]);
const CSMS_INITIATED = Object.keys(v16.actions)
  .filter((a) => !STATION_INITIATED.has(a))
  .sort();

const iso = (ms: number) => new Date(ms).toISOString();
const cert = selfSignedCertificate('Coverage Root');

/** A valid request of each CSMS-initiated action. */
const REQUESTS: Record<string, unknown> = {
  CancelReservation: { reservationId: 1 },
  CertificateSigned: { certificateChain: cert },
  ChangeAvailability: { connectorId: 1, type: 'Inoperative' },
  ChangeConfiguration: { key: 'HeartbeatInterval', value: '120' },
  ClearCache: {},
  ClearChargingProfile: { id: 1 },
  DataTransfer: { vendorId: 'com.example' },
  DeleteCertificate: {
    certificateHashData: {
      hashAlgorithm: 'SHA256',
      issuerNameHash: 'aa',
      issuerKeyHash: 'bb',
      serialNumber: '1',
    },
  },
  ExtendedTriggerMessage: { requestedMessage: 'Heartbeat' },
  GetCompositeSchedule: { connectorId: 1, duration: 3600 },
  GetConfiguration: {},
  GetDiagnostics: { location: 'ftp://logs.example/' },
  GetInstalledCertificateIds: { certificateType: 'CentralSystemRootCertificate' },
  GetLocalListVersion: {},
  GetLog: { log: { remoteLocation: 'https://logs.example/' }, logType: 'DiagnosticsLog', requestId: 7 },
  InstallCertificate: { certificateType: 'CentralSystemRootCertificate', certificate: cert },
  RemoteStartTransaction: { idTag: 'REMOTE-1', connectorId: 2 },
  RemoteStopTransaction: { transactionId: 999 },
  ReserveNow: { connectorId: 2, expiryDate: iso(T0 + 3_600_000), idTag: 'RES-1', reservationId: 3 },
  Reset: { type: 'Soft' },
  SendLocalList: { listVersion: 1, updateType: 'Full', localAuthorizationList: [] },
  SetChargingProfile: {
    connectorId: 0,
    csChargingProfiles: {
      chargingProfileId: 1,
      stackLevel: 0,
      chargingProfilePurpose: 'ChargePointMaxProfile',
      chargingProfileKind: 'Absolute',
      chargingSchedule: {
        startSchedule: iso(T0),
        chargingRateUnit: 'W',
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 7000 }],
      },
    },
  },
  SignedUpdateFirmware: {
    requestId: 5,
    firmware: {
      location: 'https://fw.example/fw.bin',
      retrieveDateTime: iso(T0),
      signingCertificate: cert,
      signature: 'c2ln',
    },
  },
  TriggerMessage: { requestedMessage: 'StatusNotification', connectorId: 1 },
  UnlockConnector: { connectorId: 1 },
  UpdateFirmware: { location: 'https://fw.example/fw.bin', retrieveDate: iso(T0) },
};

describe('coverage of CSMS-initiated actions (OCPP 1.6 edition 2 + security extension)', () => {
  it('the coverage table lists exactly the CSMS-initiated actions of the 1.6 schemas', () => {
    const table = (STATION_COVERAGE['ocpp1.6'] ?? []).map((e) => e.action).sort();
    expect(table).toEqual(CSMS_INITIATED);
    expect(CSMS_INITIATED).toHaveLength(26);
    for (const entry of STATION_COVERAGE['ocpp1.6'] ?? []) {
      expect(entry.behaviour.length).toBeGreaterThan(20);
      expect(entry.clause).toMatch(/^(OCPP 1\.6 §\d|Security whitepaper)/);
    }
  });

  it('has a request for every action in this test', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(CSMS_INITIATED);
  });

  // One station per action, so each answer reflects a fresh station's state.
  for (const action of CSMS_INITIATED) {
    it(`answers ${action} with a schema-valid CALLRESULT (never NotImplemented / NotSupported)`, async () => {
      const { csms, clock } = await rig();
      const answer = await csms.call(action as 'ClearCache', REQUESTS[action] as never);
      expect(answer).toBeTypeOf('object');
      await clock.advance(1_000);
    });
  }

  it('docs/guides/station-coverage.md is generated from the table (run scripts/coverage-doc.mjs)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderCoverageDoc(STATION_COVERAGE));
  });
});
