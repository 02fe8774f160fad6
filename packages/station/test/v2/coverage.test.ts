// Every CSMS-initiated action of OCPP 2.0.1 and 2.1 is in the coverage table and is answered with
// a schema-valid CALLRESULT (the in-memory CSMS validates every response strictly: an invalid one
// would reach the test as a CALLERROR), and the generated doc is current.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderCoverageDoc } from '../../scripts/coverage-doc.mjs';
import { STATION_COVERAGE } from '../../src/index.js';
import { selfSignedCertificate } from '../helpers/pki.js';
import { rig2, T0, type Version, validators } from './helpers/csms2.js';

/** Actions only a charging station sends (2.0.1 Part 2; 2.1 adds its own). */
const STATION_INITIATED_201 = [
  'Authorize',
  'BootNotification',
  'ClearedChargingLimit',
  'FirmwareStatusNotification',
  'Get15118EVCertificate',
  'GetCertificateStatus',
  'Heartbeat',
  'LogStatusNotification',
  'MeterValues',
  'NotifyChargingLimit',
  'NotifyCustomerInformation',
  'NotifyDisplayMessages',
  'NotifyEVChargingNeeds',
  'NotifyEVChargingSchedule',
  'NotifyEvent',
  'NotifyMonitoringReport',
  'NotifyReport',
  'PublishFirmwareStatusNotification',
  'ReportChargingProfiles',
  'ReservationStatusUpdate',
  'SecurityEventNotification',
  'SignCertificate',
  'StatusNotification',
  'TransactionEvent',
];
const STATION_INITIATED_21 = [
  ...STATION_INITIATED_201,
  'BatterySwap',
  'ClosePeriodicEventStream',
  'GetCertificateChainStatus',
  'NotifyDERAlarm',
  'NotifyDERStartStop',
  'NotifyPeriodicEventStream',
  'NotifyPriorityCharging',
  'NotifySettlement',
  'OpenPeriodicEventStream',
  'PullDynamicScheduleUpdate',
  'ReportDERControl',
  'VatNumberValidation',
];

const csmsInitiated = (version: Version) => {
  const stationSends = new Set(version === 'ocpp2.1' ? STATION_INITIATED_21 : STATION_INITIATED_201);
  return Object.keys(validators[version].actions)
    .filter((a) => !stationSends.has(a))
    .sort();
};

const iso = (ms: number) => new Date(ms).toISOString();
const cert = selfSignedCertificate('Coverage Root 2');
const hash = {
  hashAlgorithm: 'SHA256',
  issuerNameHash: 'aa',
  issuerKeyHash: 'bb',
  serialNumber: '1',
} as const;
const component = (name: string) => ({ name });
const profile = {
  id: 1,
  stackLevel: 0,
  chargingProfilePurpose: 'ChargingStationMaxProfile',
  chargingProfileKind: 'Absolute',
  chargingSchedule: [
    {
      id: 1,
      startSchedule: iso(T0),
      chargingRateUnit: 'W',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 7000 }],
    },
  ],
} as const;
const tariff = { tariffId: 'T-1', currency: 'EUR', energy: { prices: [{ priceKwh: 0.3 }] } };

/** A valid request of each CSMS-initiated 2.0.1 action (valid for 2.1 too). */
const REQUESTS_201: Record<string, unknown> = {
  CancelReservation: { reservationId: 1 },
  CertificateSigned: { certificateChain: cert },
  ChangeAvailability: { operationalStatus: 'Inoperative', evse: { id: 1 } },
  ClearCache: {},
  ClearChargingProfile: { chargingProfileId: 1 },
  ClearDisplayMessage: { id: 1 },
  ClearVariableMonitoring: { id: [1, 500] },
  CostUpdated: { totalCost: 1.5, transactionId: 'TX-unknown' },
  CustomerInformation: { requestId: 1, report: true, clear: false, customerIdentifier: 'C-1' },
  DataTransfer: { vendorId: 'com.example' },
  DeleteCertificate: { certificateHashData: hash },
  GetBaseReport: { requestId: 1, reportBase: 'SummaryInventory' },
  GetChargingProfiles: { requestId: 1, chargingProfile: { chargingProfilePurpose: 'TxProfile' } },
  GetCompositeSchedule: { duration: 3600, evseId: 1 },
  GetDisplayMessages: { requestId: 1 },
  GetInstalledCertificateIds: {},
  GetLocalListVersion: {},
  GetLog: { log: { remoteLocation: 'https://logs.example/' }, logType: 'DiagnosticsLog', requestId: 7 },
  GetMonitoringReport: { requestId: 1 },
  GetReport: { requestId: 1, componentVariable: [{ component: component('OCPPCommCtrlr') }] },
  GetTransactionStatus: {},
  GetVariables: {
    getVariableData: [{ component: component('OCPPCommCtrlr'), variable: { name: 'HeartbeatInterval' } }],
  },
  InstallCertificate: { certificateType: 'CSMSRootCertificate', certificate: cert },
  PublishFirmware: { location: 'https://fw.example/fw.bin', checksum: 'abc123', requestId: 3 },
  RequestStartTransaction: { remoteStartId: 1, idToken: { idToken: 'APP-1', type: 'Central' }, evseId: 2 },
  RequestStopTransaction: { transactionId: 'TX-unknown' },
  ReserveNow: {
    id: 3,
    expiryDateTime: iso(T0 + 3_600_000),
    idToken: { idToken: 'RES-1', type: 'ISO14443' },
    evseId: 2,
  },
  Reset: { type: 'OnIdle', evseId: 1 },
  SendLocalList: { versionNumber: 1, updateType: 'Full' },
  SetChargingProfile: { evseId: 0, chargingProfile: profile },
  SetDisplayMessage: {
    message: { id: 1, priority: 'NormalCycle', message: { format: 'UTF8', content: 'Hello' } },
  },
  SetMonitoringBase: { monitoringBase: 'All' },
  SetMonitoringLevel: { severity: 5 },
  SetNetworkProfile: {
    configurationSlot: 1,
    connectionData: {
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppCsmsUrl: 'wss://csms.example/ocpp',
      messageTimeout: 30,
      securityProfile: 1,
      ocppInterface: 'Wired0',
    },
  },
  SetVariableMonitoring: {
    setMonitoringData: [
      {
        value: 5000,
        type: 'UpperThreshold',
        severity: 5,
        component: { name: 'EVSE', evse: { id: 1 } },
        variable: { name: 'Power' },
      },
    ],
  },
  SetVariables: {
    setVariableData: [
      {
        component: component('OCPPCommCtrlr'),
        variable: { name: 'HeartbeatInterval' },
        attributeValue: '120',
      },
    ],
  },
  TriggerMessage: { requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } },
  UnlockConnector: { evseId: 1, connectorId: 1 },
  UnpublishFirmware: { checksum: 'abc123' },
  UpdateFirmware: {
    requestId: 4,
    firmware: { location: 'https://fw.example/fw.bin', retrieveDateTime: iso(T0) },
  },
};

/** And of each action only 2.1 has. */
const REQUESTS_21: Record<string, unknown> = {
  ...REQUESTS_201,
  AFRRSignal: { timestamp: iso(T0), signal: 1 },
  AdjustPeriodicEventStream: { id: 1, params: { interval: 10 } },
  ChangeTransactionTariff: { tariff, transactionId: 'TX-unknown' },
  ClearDERControl: { isDefault: false },
  ClearTariffs: {},
  GetDERControl: { requestId: 1 },
  GetPeriodicEventStream: {},
  GetTariffs: { evseId: 0 },
  NotifyAllowedEnergyTransfer: { transactionId: 'TX-unknown', allowedEnergyTransfer: ['AC_three_phase'] },
  NotifyWebPaymentStarted: { evseId: 1, timeout: 60 },
  RequestBatterySwap: { idToken: { idToken: 'B-1', type: 'ISO14443' }, requestId: 1 },
  SetDERControl: {
    isDefault: true,
    controlId: 'D-1',
    controlType: 'FixedPFAbsorb',
    fixedPFAbsorb: { priority: 1, displacement: 0.9, excitation: true },
  },
  SetDefaultTariff: { evseId: 0, tariff },
  UpdateDynamicSchedule: { chargingProfileId: 99, scheduleUpdate: { limit: 5000 } },
  UsePriorityCharging: { transactionId: 'TX-unknown', activate: true },
};

for (const [version, requests, count] of [
  ['ocpp2.0.1', REQUESTS_201, 40],
  ['ocpp2.1', REQUESTS_21, 55],
] as const) {
  const actions = csmsInitiated(version);
  const clausePrefix = version === 'ocpp2.1' ? 'OCPP 2.1 ' : 'OCPP 2.0.1 ';
  describe(`coverage of CSMS-initiated actions (${version})`, () => {
    it('the coverage table lists exactly the CSMS-initiated actions of the schemas', () => {
      const table = (STATION_COVERAGE[version] ?? []).map((e) => e.action).sort();
      expect(table).toEqual(actions);
      expect(actions).toHaveLength(count);
      for (const entry of STATION_COVERAGE[version] ?? []) {
        expect(entry.behaviour.length).toBeGreaterThan(20);
        expect(entry.clause.startsWith(clausePrefix)).toBe(true);
      }
    });

    it('has a request for every action in this test', () => {
      expect(Object.keys(requests).sort()).toEqual(actions);
    });

    // One station per action, so each answer reflects a fresh station's state.
    for (const action of actions) {
      it(`answers ${action} with a schema-valid CALLRESULT (never a CALLERROR)`, async () => {
        const { csms, clock } = await rig2({ version });
        const answer = await csms.call(action as 'ClearCache', requests[action] as never);
        expect(answer).toBeTypeOf('object');
        await clock.advance(1_000);
      });
    }
  });
}

describe('coverage doc', () => {
  it('docs/guides/station-coverage.md is generated from the table, 2.x included', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(doc).toBe(renderCoverageDoc(STATION_COVERAGE));
    expect(doc).toContain('## OCPP 2.0.1');
    expect(doc).toContain('## OCPP 2.1');
  });
});
