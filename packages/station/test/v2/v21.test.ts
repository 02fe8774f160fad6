// One test per action only OCPP 2.1 has, each showing the state the action describes.

import { describe, expect, it } from 'vitest';
import { readOcpp2State } from '../../src/index.js';
import { events, rig2, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();
const v21 = { version: 'ocpp2.1' } as const;
const tariff = (tariffId: string, currency = 'EUR', priceKwh = 0.3) => ({
  tariffId,
  currency,
  energy: { prices: [{ priceKwh }] },
});

async function charging(config: Record<string, string> = {}) {
  const r = await rig2({ ...v21, config: { 'SampledDataCtrlr.TxUpdatedInterval': '0', ...config } });
  r.station.plugIn(1);
  await r.station.presentToken('TAG-1', 1);
  await r.clock.settle();
  return { ...r, transactionId: events(r.csms)[0]!.transactionInfo.transactionId };
}

describe('OCPP 2.1 only actions', () => {
  it('SetDefaultTariff then GetTariffs returns it; a second tariff for one EVSE takes that EVSE; DuplicateTariffId; ClearTariffs → NoTariff', async () => {
    const { csms } = await rig2(v21);
    expect(await csms.call('GetTariffs', { evseId: 0 })).toEqual({ status: 'NoTariff' });
    expect(await csms.call('SetDefaultTariff', { evseId: 0, tariff: tariff('STD') })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('SetDefaultTariff', { evseId: 2, tariff: tariff('FAST', 'EUR', 0.5) })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('SetDefaultTariff', { evseId: 1, tariff: tariff('FAST', 'EUR', 0.9) })).toEqual({
      status: 'DuplicateTariffId',
    });
    expect(await csms.call('GetTariffs', { evseId: 0 })).toEqual({
      status: 'Accepted',
      tariffAssignments: [
        { tariffId: 'STD', tariffKind: 'DefaultTariff', evseIds: [1] },
        { tariffId: 'FAST', tariffKind: 'DefaultTariff', evseIds: [2] },
      ],
    });
    expect(await csms.call('GetTariffs', { evseId: 2 })).toMatchObject({
      tariffAssignments: [{ tariffId: 'FAST' }],
    });
    expect(await csms.call('ClearTariffs', { tariffIds: ['FAST', 'NOPE'] })).toEqual({
      clearTariffsResult: [
        { tariffId: 'FAST', status: 'Accepted' },
        { tariffId: 'NOPE', status: 'NoTariff' },
      ],
    });
    expect(await csms.call('ClearTariffs', {})).toEqual({ clearTariffsResult: [{ status: 'Accepted' }] });
    expect(await csms.call('GetTariffs', { evseId: 0 })).toEqual({ status: 'NoTariff' });
    expect(await csms.call('GetTariffs', { evseId: 9 })).toEqual({ status: 'Rejected' });
  });

  it('ChangeTransactionTariff: the running transaction gets the tariff (Updated TariffChanged with tariffId); NoCurrencyChange; TxNotFound', async () => {
    const { csms, clock, station, transactionId } = await charging();
    expect(
      await csms.call('ChangeTransactionTariff', { transactionId: 'other', tariff: tariff('T2') }),
    ).toEqual({
      status: 'TxNotFound',
    });
    expect(await csms.call('ChangeTransactionTariff', { transactionId, tariff: tariff('T2') })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(events(csms).at(-1)).toMatchObject({
      triggerReason: 'TariffChanged',
      transactionInfo: { tariffId: 'T2' },
    });
    expect(
      await csms.call('ChangeTransactionTariff', { transactionId, tariff: tariff('T3', 'USD') }),
    ).toEqual({
      status: 'NoCurrencyChange',
    });
    expect(readOcpp2State(station.state)?.transactions[transactionId]?.tariff?.tariffId).toBe('T2');
    expect(await csms.call('GetTariffs', { evseId: 1 })).toEqual({
      status: 'Accepted',
      tariffAssignments: [{ tariffId: 'T2', tariffKind: 'DriverTariff', evseIds: [1], idTokens: ['TAG-1'] }],
    });
  });

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

  it('periodic event streams: a monitor with periodicEventStream opens one (OpenPeriodicEventStream), GetPeriodicEventStream lists it, NotifyPeriodicEventStream carries the values, AdjustPeriodicEventStream changes it, clearing the monitor closes it', async () => {
    const { csms, clock } = await rig2(v21);
    const { setMonitoringResult } = await csms.call('SetVariableMonitoring', {
      setMonitoringData: [
        {
          value: 10,
          type: 'Periodic',
          severity: 8,
          component: { name: 'EVSE', evse: { id: 1 } },
          variable: { name: 'Power' },
          periodicEventStream: { interval: 30 },
        },
      ],
    });
    const monitorId = setMonitoringResult[0]?.id ?? -1;
    await clock.settle();
    expect(csms.of('OpenPeriodicEventStream')[0]?.params).toEqual({
      constantStreamData: { id: 1, params: { interval: 30 }, variableMonitoringId: monitorId },
    });
    expect(await csms.call('GetPeriodicEventStream', {})).toEqual({
      constantStreamData: [{ id: 1, params: { interval: 30 }, variableMonitoringId: monitorId }],
    });
    await clock.advance(30_000);
    // Readings at 10 s and 20 s; the stream's 30 s timer was set before the reading due then.
    const [sent] = csms.of('NotifyPeriodicEventStream');
    expect(sent?.params).toEqual({
      id: 1,
      pending: 0,
      basetime: iso(T0 + 10_000),
      data: [
        { t: 0, v: '0' },
        { t: 10, v: '0' },
      ],
    });
    expect(csms.of('NotifyEvent')).toEqual([]);
    expect(await csms.call('AdjustPeriodicEventStream', { id: 1, params: { interval: 60 } })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('AdjustPeriodicEventStream', { id: 7, params: { interval: 60 } })).toEqual({
      status: 'Rejected',
    });
    expect((await csms.call('GetPeriodicEventStream', {})).constantStreamData?.[0]?.params).toEqual({
      interval: 60,
    });
    await csms.call('ClearVariableMonitoring', { id: [monitorId] });
    await clock.settle();
    expect(csms.of('ClosePeriodicEventStream').map((r) => r.params)).toEqual([{ id: 1 }]);
    expect(await csms.call('GetPeriodicEventStream', {})).toEqual({});
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

  it('NotifyWebPaymentStarted: the EVSE waits for the payment until the timeout; the RequestStartTransaction it leads to ends the wait', async () => {
    const { csms, clock, station } = await rig2(v21);
    expect(await csms.call('NotifyWebPaymentStarted', { evseId: 1, timeout: 120 })).toEqual({});
    expect(await csms.call('NotifyWebPaymentStarted', { evseId: 2, timeout: 60 })).toEqual({});
    expect(readOcpp2State(station.state)?.webPayments).toEqual({ '1': T0 + 120_000, '2': T0 + 60_000 });
    await clock.advance(60_000);
    expect(readOcpp2State(station.state)?.webPayments).toEqual({ '1': T0 + 120_000 });
    await csms.call('RequestStartTransaction', {
      remoteStartId: 9,
      idToken: { idToken: 'PAY-1', type: 'DirectPayment' },
      evseId: 1,
    });
    expect(readOcpp2State(station.state)?.webPayments).toEqual({});
  });

  it('RequestBatterySwap: Rejected (NoBatterySwap) — a charging station has no batteries to swap', async () => {
    const { csms } = await rig2(v21);
    expect(
      await csms.call('RequestBatterySwap', { idToken: { idToken: 'B-1', type: 'ISO14443' }, requestId: 1 }),
    ).toMatchObject({
      status: 'Rejected',
      statusInfo: { reasonCode: 'NoBatterySwap' },
    });
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
