// One test per OCPP 2.1-only action of tariffs, payments, battery swap and periodic event
// streams, each showing the state the action describes.

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

describe('OCPP 2.1: tariffs, payments, battery swap, periodic event streams', () => {
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
});
