// One test per OCPP 2.1-only action of energy management (DER control, dynamic schedules,
// priority charging, allowed energy transfer, aFRR), each showing the state the action describes.

import { describe, expect, it } from 'vitest';
import { readOcpp2State } from '../../src/index.js';
import { events, rig2, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();
const v21 = { version: 'ocpp2.1' } as const;

async function charging(config: Record<string, string> = {}) {
  const r = await rig2({ ...v21, config: { 'SampledDataCtrlr.TxUpdatedInterval': '0', ...config } });
  r.station.plugIn(1);
  await r.station.presentToken('TAG-1', 1);
  await r.clock.settle();
  return { ...r, transactionId: events(r.csms)[0]!.transactionInfo.transactionId };
}

describe('OCPP 2.1: DER control, dynamic and priority charging, V2X', () => {
  it('SetDERControl → GetDERControl → ReportDERControl (isSuperseded by priority); ClearDERControl → NotFound', async () => {
    const { csms, clock } = await rig2(v21);
    const curve = (priority: number) => ({
      priority,
      yUnit: 'PctMaxW' as const,
      curveData: [
        { x: 50, y: 100 },
        { x: 51, y: 0 },
      ],
    });
    expect(
      await csms.call('SetDERControl', {
        isDefault: false,
        controlId: 'LOW',
        controlType: 'FreqWatt',
        curve: curve(5),
      }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(
      await csms.call('SetDERControl', {
        isDefault: false,
        controlId: 'HIGH',
        controlType: 'FreqWatt',
        curve: curve(1),
      }),
    ).toEqual({
      status: 'Accepted',
      supersededIds: ['LOW'],
    });
    expect(
      await csms.call('SetDERControl', { isDefault: true, controlId: 'PF', controlType: 'FixedPFInject' }),
    ).toEqual({
      status: 'Rejected',
    });
    expect(await csms.call('GetDERControl', { requestId: 3, controlType: 'FreqWatt' })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    const report = csms.of('ReportDERControl')[0]?.params as {
      requestId: number;
      curve: Array<{ id: string; isSuperseded: boolean; curveType: string }>;
    };
    expect(report.requestId).toBe(3);
    expect(report.curve.map((c) => [c.id, c.curveType, c.isSuperseded])).toEqual([
      ['LOW', 'FreqWatt', true],
      ['HIGH', 'FreqWatt', false],
    ]);
    expect(await csms.call('ClearDERControl', { isDefault: false, controlId: 'HIGH' })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('ClearDERControl', { isDefault: false, controlId: 'HIGH' })).toEqual({
      status: 'NotFound',
    });
    expect(await csms.call('GetDERControl', { requestId: 4, controlId: 'HIGH' })).toEqual({
      status: 'NotFound',
    });
  });

  it('UpdateDynamicSchedule: a Dynamic profile takes the new limit and the power follows; Rejected for a profile that is not Dynamic', async () => {
    const { csms, clock, station } = await charging();
    const dynamic = {
      id: 40,
      stackLevel: 1,
      chargingProfilePurpose: 'TxDefaultProfile' as const,
      chargingProfileKind: 'Dynamic' as const,
      chargingSchedule: [
        {
          id: 1,
          startSchedule: iso(T0),
          chargingRateUnit: 'W' as const,
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 9000 }],
        },
      ],
    };
    expect(await csms.call('SetChargingProfile', { evseId: 1, chargingProfile: dynamic })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(9000);
    expect(
      await csms.call('UpdateDynamicSchedule', { chargingProfileId: 40, scheduleUpdate: { limit: 4000 } }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(station.snapshot().connectors[0]?.powerW).toBe(4000);
    expect(
      await csms.call('UpdateDynamicSchedule', { chargingProfileId: 41, scheduleUpdate: { limit: 1 } }),
    ).toMatchObject({
      status: 'Rejected',
    });
    await csms.call('SetChargingProfile', {
      evseId: 0,
      chargingProfile: {
        ...dynamic,
        id: 42,
        chargingProfilePurpose: 'ChargingStationMaxProfile',
        chargingProfileKind: 'Absolute',
      },
    });
    expect(
      await csms.call('UpdateDynamicSchedule', { chargingProfileId: 42, scheduleUpdate: { limit: 1 } }),
    ).toEqual({
      status: 'Rejected',
      statusInfo: { reasonCode: 'NotDynamic' },
    });
  });

  it('UsePriorityCharging: NoProfile without a PriorityCharging profile; with one, the composite schedule of the transaction follows it', async () => {
    const { csms, transactionId } = await charging();
    expect(await csms.call('UsePriorityCharging', { transactionId, activate: true })).toEqual({
      status: 'NoProfile',
    });
    await csms.call('SetChargingProfile', {
      evseId: 1,
      chargingProfile: {
        id: 50,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: [
          { id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 3000 }] },
        ],
      },
    });
    expect(
      await csms.call('SetChargingProfile', {
        evseId: 1,
        chargingProfile: {
          id: 51,
          stackLevel: 0,
          chargingProfilePurpose: 'PriorityCharging',
          chargingProfileKind: 'Relative',
          chargingSchedule: [
            { id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10_000 }] },
          ],
        },
      }),
    ).toEqual({ status: 'Accepted' });
    const limit = async () =>
      (await csms.call('GetCompositeSchedule', { duration: 60, evseId: 1 })).schedule
        ?.chargingSchedulePeriod[0]?.limit;
    expect(await limit()).toBe(3000);
    expect(await csms.call('UsePriorityCharging', { transactionId, activate: true })).toEqual({
      status: 'Accepted',
    });
    expect(await limit()).toBe(10_000);
    expect(await csms.call('UsePriorityCharging', { transactionId: 'other', activate: true })).toMatchObject({
      status: 'Rejected',
    });
  });

  it('NotifyAllowedEnergyTransfer: kept with the transaction, Accepted for an AC mode, Rejected for DC only or no transaction', async () => {
    const { csms, station, transactionId } = await charging();
    expect(
      await csms.call('NotifyAllowedEnergyTransfer', {
        transactionId,
        allowedEnergyTransfer: ['AC_three_phase', 'AC_BPT'],
      }),
    ).toEqual({ status: 'Accepted' });
    expect(readOcpp2State(station.state)?.transactions[transactionId]?.allowedEnergyTransfer).toEqual([
      'AC_three_phase',
      'AC_BPT',
    ]);
    expect(
      await csms.call('NotifyAllowedEnergyTransfer', { transactionId, allowedEnergyTransfer: ['DC'] }),
    ).toMatchObject({
      status: 'Rejected',
    });
    expect(
      await csms.call('NotifyAllowedEnergyTransfer', {
        transactionId: 'gone',
        allowedEnergyTransfer: ['AC_three_phase'],
      }),
    ).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } });
  });

  it('AFRRSignal: Rejected without a profile following a v2xSignalWattCurve; Accepted and kept with one', async () => {
    const { csms, station } = await rig2(v21);
    expect(await csms.call('AFRRSignal', { timestamp: iso(T0), signal: -1 })).toMatchObject({
      status: 'Rejected',
      statusInfo: { reasonCode: 'NoAFRRProfile' },
    });
    await csms.call('SetChargingProfile', {
      evseId: 0,
      chargingProfile: {
        id: 60,
        stackLevel: 0,
        chargingProfilePurpose: 'ChargingStationMaxProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: [
          {
            id: 1,
            startSchedule: iso(T0),
            chargingRateUnit: 'W',
            chargingSchedulePeriod: [
              {
                startPeriod: 0,
                limit: 20_000,
                operationMode: 'CentralFrequency',
                v2xSignalWattCurve: [
                  { signal: -1, power: -5000 },
                  { signal: 1, power: 5000 },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(await csms.call('AFRRSignal', { timestamp: iso(T0 + 1_000), signal: 1 })).toEqual({
      status: 'Accepted',
    });
    expect(readOcpp2State(station.state)?.afrrSignal).toEqual({ atMs: T0 + 1_000, signal: 1 });
  });
});
