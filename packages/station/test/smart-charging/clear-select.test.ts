// Clearing (1.6 ClearChargingProfile, 2.x K10), pruning, and reporting (2.x K09) installed profiles.
import { describe, expect, it } from 'vitest';
import {
  type ClearCriteria,
  clearCriteriaFromOcpp2x,
  clearCriteriaFromOcpp16,
  clearProfiles,
  dropTransactionProfiles,
  pruneExpired,
  type SelectCriteria,
  selectCriteriaFromOcpp2x,
  selectProfiles,
  toOcpp2xReports,
} from '../../src/smart-charging/index.js';
import { HOUR_MS, profile, T0 } from './fixtures.js';
import { v21, v201, validate } from './schemas.js';

const installed = [
  profile({ id: 1, purpose: 'StationMax', evseId: 0, stackLevel: 0 }),
  profile({ id: 2, purpose: 'TxDefault', evseId: 0, stackLevel: 0 }),
  profile({ id: 3, purpose: 'TxDefault', evseId: 1, stackLevel: 1, validToMs: T0 + HOUR_MS }),
  profile({ id: 4, purpose: 'Tx', evseId: 1, stackLevel: 1, transactionId: 'tx-1' }),
  profile({ id: 5, purpose: 'TxDefault', evseId: 2, stackLevel: 1 }),
  profile({ id: 6, purpose: 'ExternalConstraints', evseId: 0, stackLevel: 0, limitSource: 'EMS' }),
];
const ids = (profiles: readonly { id: number }[]) => profiles.map((p) => p.id);

describe('clearProfiles', () => {
  it.each<{ name: string; criteria: ClearCriteria; cleared: number[] }>([
    {
      name: 'OCPP 1.6 §6.13: no criteria clears every profile the CSMS set',
      criteria: {},
      cleared: [1, 2, 3, 4, 5],
    },
    { name: 'OCPP 1.6 §6.13: an id clears that profile only', criteria: { id: 3, evseId: 2 }, cleared: [3] },
    {
      name: 'OCPP 1.6 §6.13: connector 0 clears the station-wide profiles',
      criteria: { evseId: 0 },
      cleared: [1, 2],
    },
    {
      name: 'OCPP 1.6 §6.13: purpose and stackLevel combine',
      criteria: { purpose: 'TxDefault', stackLevel: 1 },
      cleared: [3, 5],
    },
    {
      name: 'connector, purpose and stackLevel combine',
      criteria: { evseId: 1, purpose: 'TxDefault', stackLevel: 1 },
      cleared: [3],
    },
    { name: 'nothing matches: Unknown', criteria: { id: 42 }, cleared: [] },
    {
      name: 'a profile an external actor set (limitSource EMS) is not cleared',
      criteria: { id: 6 },
      cleared: [],
    },
  ])('$name', ({ criteria, cleared }) => {
    const result = clearProfiles(installed, criteria);
    expect(ids(installed.filter((p) => !result.profiles.includes(p)))).toEqual(cleared);
    expect(result.cleared).toBe(cleared.length);
    expect(result.status).toBe(cleared.length > 0 ? 'Accepted' : 'Unknown');
  });

  it('reads 1.6 ClearChargingProfile.req criteria', () => {
    expect(clearCriteriaFromOcpp16({})).toEqual({});
    expect(
      clearCriteriaFromOcpp16({
        id: 7,
        connectorId: 0,
        chargingProfilePurpose: 'ChargePointMaxProfile',
        stackLevel: 2,
      }),
    ).toEqual({ id: 7, evseId: 0, purpose: 'StationMax', stackLevel: 2 });
  });

  it('reads 2.0.1 / 2.1 ClearChargingProfileRequest criteria', () => {
    expect(clearCriteriaFromOcpp2x({ chargingProfileId: 7 })).toEqual({ id: 7 });
    expect(
      clearCriteriaFromOcpp2x({
        chargingProfileCriteria: {
          evseId: 1,
          chargingProfilePurpose: 'ChargingStationExternalConstraints',
          stackLevel: 0,
        },
      }),
    ).toEqual({ evseId: 1, purpose: 'ExternalConstraints', stackLevel: 0 });
    expect(
      clearCriteriaFromOcpp2x({ chargingProfileCriteria: { chargingProfilePurpose: 'LocalGeneration' } }),
    ).toEqual({
      purpose: 'LocalGeneration',
    });
  });
});

describe('pruneExpired and dropTransactionProfiles', () => {
  it('removes profiles whose validTo has passed (validTo exclusive)', () => {
    expect(ids(pruneExpired(installed, T0 + HOUR_MS - 1))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids(pruneExpired(installed, T0 + HOUR_MS))).toEqual([1, 2, 4, 5, 6]);
  });

  it('OCPP 1.6 §3.13.1: the Tx profiles of an ended transaction are deleted', () => {
    expect(ids(dropTransactionProfiles(installed, 'tx-1'))).toEqual([1, 2, 3, 5, 6]);
    expect(ids(dropTransactionProfiles(installed, 'tx-2'))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('selectProfiles', () => {
  it.each<{ name: string; criteria: SelectCriteria; want: number[] }>([
    { name: 'no criteria: all', criteria: {}, want: [1, 2, 3, 4, 5, 6] },
    {
      name: 'OCPP 2.0.1 GetChargingProfilesRequest.evseId 0: station-wide only',
      criteria: { evseId: 0 },
      want: [1, 2, 6],
    },
    { name: 'an EVSE', criteria: { evseId: 1 }, want: [3, 4] },
    { name: 'purpose', criteria: { purpose: 'TxDefault' }, want: [2, 3, 5] },
    { name: 'stackLevel', criteria: { stackLevel: 1 }, want: [3, 4, 5] },
    { name: 'any of the ids', criteria: { ids: [2, 5, 9] }, want: [2, 5] },
    {
      name: 'limit source CSO includes profiles without one',
      criteria: { limitSources: ['CSO'] },
      want: [1, 2, 3, 4, 5],
    },
    { name: 'limit source EMS', criteria: { limitSources: ['EMS', 'SO'] }, want: [6] },
    { name: 'criteria combine', criteria: { evseId: 0, purpose: 'StationMax', stackLevel: 0 }, want: [1] },
  ])('$name', ({ criteria, want }) => {
    expect(ids(selectProfiles(installed, criteria))).toEqual(want);
  });

  it('reads 2.0.1 / 2.1 GetChargingProfilesRequest criteria', () => {
    expect(selectCriteriaFromOcpp2x({ requestId: 1, chargingProfile: {} })).toEqual({});
    expect(
      selectCriteriaFromOcpp2x({
        requestId: 1,
        evseId: 0,
        chargingProfile: {
          chargingProfilePurpose: 'ChargingStationMaxProfile',
          stackLevel: 0,
          chargingProfileId: [1, 2],
          chargingLimitSource: ['CSO'],
        },
      }),
    ).toEqual({ evseId: 0, purpose: 'StationMax', stackLevel: 0, ids: [1, 2], limitSources: ['CSO'] });
  });
});

describe('toOcpp2xReports', () => {
  it('one ReportChargingProfilesRequest per EVSE and limit source, tbc on all but the last; valid 2.0.1', () => {
    const reports = toOcpp2xReports(installed, 17);
    expect(
      reports.map((r) => [r.evseId, r.chargingLimitSource, r.chargingProfile.map((p) => p.id), r.tbc]),
    ).toEqual([
      [0, 'CSO', [1, 2], true],
      [1, 'CSO', [3, 4], true],
      [2, 'CSO', [5], true],
      [0, 'EMS', [6], undefined],
    ]);
    for (const report of reports) {
      expect(report.requestId).toBe(17);
      expect(validate(v201.ReportChargingProfiles.request, report)).toBeUndefined();
    }
  });

  it('valid 2.1, which also reports its own purposes and free-form limit sources', () => {
    const more = [
      ...installed,
      profile({ id: 7, purpose: 'LocalGeneration', evseId: 0, limitSource: 'PV-plant' }),
    ];
    const reports = toOcpp2xReports(more, 3, 'ocpp2.1');
    expect(reports.at(-1)).toMatchObject({ evseId: 0, chargingLimitSource: 'PV-plant' });
    for (const report of reports)
      expect(validate(v21.ReportChargingProfiles.request, report)).toBeUndefined();
  });

  it('2.0.1 reports a source it does not know as Other', () => {
    const [report] = toOcpp2xReports([profile({ id: 8, limitSource: 'PV-plant' })], 1);
    expect(report?.chargingLimitSource).toBe('Other');
  });

  it('nothing to report: no payloads (GetChargingProfilesResponse NoProfiles)', () => {
    expect(toOcpp2xReports([], 1)).toEqual([]);
  });
});
