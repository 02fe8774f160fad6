import type { ChargingProfileType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { describe, expect, it } from 'vitest';
import { events, rig2, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();

const stationMax = (id: number, limit: number): ChargingProfileType =>
  ({
    id,
    stackLevel: 0,
    chargingProfilePurpose: 'ChargingStationMaxProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: [
      {
        id: 1,
        startSchedule: iso(T0),
        chargingRateUnit: 'W',
        chargingSchedulePeriod: [{ startPeriod: 0, limit }],
      },
    ],
  }) as const;

const txDefault = (
  id: number,
  stackLevel: number,
  periods: Array<{ startPeriod: number; limit: number }>,
): ChargingProfileType => ({
  id,
  stackLevel,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Relative',
  chargingSchedule: [{ id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: periods }],
});

describe('smart charging (OCPP 2.0.1 K01, K08–K10)', () => {
  it('K01 SetChargingProfile → K08 GetCompositeSchedule → the power drawn follows; ChargingRateChanged for the running transaction', async () => {
    const { csms, clock, station } = await rig2({ config: { 'SampledDataCtrlr.TxUpdatedInterval': '0' } });
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(11_000);
    expect(
      await csms.call('SetChargingProfile', {
        evseId: 1,
        chargingProfile: txDefault(7, 1, [
          { startPeriod: 0, limit: 6000 },
          { startPeriod: 1800, limit: 3000 },
        ]),
      }),
    ).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(6000);
    const composite = await csms.call('GetCompositeSchedule', { duration: 3600, evseId: 1 });
    expect(composite).toMatchObject({
      status: 'Accepted',
      schedule: {
        evseId: 1,
        duration: 3600,
        chargingRateUnit: 'W',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 6000 },
          { startPeriod: 1800, limit: 3000 },
        ],
      },
    });
    expect(events(csms).map((e) => e.triggerReason)).toEqual(['Authorized', 'ChargingRateChanged']);
    await clock.advance(1_800_000);
    expect(station.snapshot().connectors[0]?.powerW).toBe(3000);
  });

  it('K01 Rejected with a reason: a TxProfile without a running transaction, a stack level above ProfileStackLevel', async () => {
    const { csms } = await rig2();
    const tx = await csms.call('SetChargingProfile', {
      evseId: 1,
      chargingProfile: {
        ...txDefault(1, 0, [{ startPeriod: 0, limit: 1000 }]),
        chargingProfilePurpose: 'TxProfile',
        transactionId: 'none',
      },
    });
    expect(tx.status).toBe('Rejected');
    expect(tx.statusInfo?.reasonCode).toBe('NoTransaction');
    const deep = await csms.call('SetChargingProfile', {
      evseId: 1,
      chargingProfile: txDefault(2, 11, [{ startPeriod: 0, limit: 1000 }]),
    });
    expect(deep).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'InvalidStackLevel' } });
  });

  it('K09 GetChargingProfiles → ReportChargingProfiles per EVSE (tbc); NoProfiles when none match', async () => {
    const { csms, clock } = await rig2();
    await csms.call('SetChargingProfile', { evseId: 0, chargingProfile: stationMax(1, 20_000) });
    await csms.call('SetChargingProfile', {
      evseId: 2,
      chargingProfile: txDefault(2, 0, [{ startPeriod: 0, limit: 7000 }]),
    });
    expect(await csms.call('GetChargingProfiles', { requestId: 4, chargingProfile: {} })).toEqual({
      status: 'Accepted',
    });
    expect(
      await csms.call('GetChargingProfiles', {
        requestId: 5,
        chargingProfile: { chargingProfilePurpose: 'TxProfile' },
      }),
    ).toEqual({ status: 'NoProfiles' });
    await clock.settle();
    const reports = csms
      .of('ReportChargingProfiles')
      .map((r) => r.params as { evseId: number; tbc?: boolean; chargingProfile: Array<{ id: number }> });
    expect(reports.map((r) => [r.evseId, r.chargingProfile.map((p) => p.id), r.tbc ?? false])).toEqual([
      [0, [1], true],
      [2, [2], false],
    ]);
  });

  it('K10 ClearChargingProfile by id and by criteria: the limit goes back to the hardware; Unknown when nothing matches', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await csms.call('SetChargingProfile', { evseId: 0, chargingProfile: stationMax(1, 8000) });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(8000);
    expect(
      await csms.call('ClearChargingProfile', {
        chargingProfileCriteria: { chargingProfilePurpose: 'ChargingStationMaxProfile' },
      }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(station.snapshot().connectors[0]?.powerW).toBe(11_000);
    expect(await csms.call('ClearChargingProfile', { chargingProfileId: 1 })).toEqual({ status: 'Unknown' });
  });

  it('K08 GetCompositeSchedule in A, and Rejected for an unknown EVSE', async () => {
    const { csms } = await rig2();
    await csms.call('SetChargingProfile', { evseId: 0, chargingProfile: stationMax(1, 6900) });
    const amps = await csms.call('GetCompositeSchedule', { duration: 60, evseId: 0, chargingRateUnit: 'A' });
    expect(amps.schedule?.chargingRateUnit).toBe('A');
    expect(amps.schedule?.chargingSchedulePeriod[0]?.limit).toBe(10);
    expect(await csms.call('GetCompositeSchedule', { duration: 60, evseId: 3 })).toMatchObject({
      status: 'Rejected',
    });
  });
});
