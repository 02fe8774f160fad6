import { describe, expect, it } from 'vitest';
import { rig, statuses, T0 } from './helpers/csms.js';

type MeterValue = {
  timestamp: string;
  sampledValue: Array<{ value: string; measurand?: string; context?: string }>;
};
const energyOf = (mv: MeterValue) =>
  Number(mv.sampledValue.find((v) => v.measurand === 'Energy.Active.Import.Register')?.value);

describe('transactions (OCPP 1.6 §4.7, §4.8, §4.10, §5.11, §5.12)', () => {
  it('§5.11 RemoteStart → StartTransaction, §4.7 MeterValues every MeterValueSampleInterval, §5.12 RemoteStop → StopTransaction', async () => {
    const { csms, clock, station } = await rig({ config: { MeterValueSampleInterval: '60' } });
    station.plugIn(1, { socPercent: 20 });
    expect(await csms.call('RemoteStartTransaction', { idTag: 'APP-1', connectorId: 1 })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    const [start] = csms.of('StartTransaction');
    expect(start?.params).toEqual({
      connectorId: 1,
      idTag: 'APP-1',
      meterStart: 1000,
      timestamp: new Date(T0).toISOString(),
    });
    const txId = 100;
    expect(station.snapshot().connectors[0]?.transaction?.id).toBe(String(txId));
    expect(statuses(csms, 1)).toEqual(['Available', 'Preparing', 'Charging']);

    await clock.advance(180_000);
    const samples = csms.of('MeterValues');
    expect(samples.map((s) => s.atMs - T0)).toEqual([60_000, 120_000, 180_000]);
    for (const s of samples) expect(s.params.transactionId).toBe(txId);
    const energies = samples.map((s) => energyOf((s.params.meterValue as MeterValue[])[0]!));
    // 11 kW for a minute is 183.3 Wh: the register rises by that each sample.
    expect(energies).toEqual([1183, 1367, 1550]);

    expect(await csms.call('RemoteStopTransaction', { transactionId: txId })).toEqual({ status: 'Accepted' });
    await clock.settle();
    const [stop] = csms.of('StopTransaction');
    expect(stop?.params).toMatchObject({ transactionId: txId, reason: 'Remote', meterStop: 1550 });
    expect(statuses(csms, 1).slice(-1)).toEqual(['Finishing']);
    station.unplug(1);
    await clock.settle();
    expect(statuses(csms, 1).slice(-1)).toEqual(['Available']);
    expect(await csms.call('RemoteStopTransaction', { transactionId: txId })).toEqual({ status: 'Rejected' });
  });

  it('§5.11 RemoteStart before the cable: Preparing, then the transaction starts on plug-in; lapses after ConnectionTimeOut', async () => {
    const { csms, clock, station } = await rig({ config: { ConnectionTimeOut: '30' } });
    await csms.call('RemoteStartTransaction', { idTag: 'APP-1', connectorId: 1 });
    await clock.settle();
    expect(statuses(csms, 1)).toEqual(['Available', 'Preparing']);
    station.plugIn(1);
    await clock.settle();
    expect(csms.of('StartTransaction')).toHaveLength(1);

    await csms.call('RemoteStartTransaction', { idTag: 'APP-2', connectorId: 2 });
    await clock.advance(30_000);
    expect(statuses(csms, 2)).toEqual(['Available', 'Preparing', 'Available']);
    station.plugIn(2);
    await clock.settle();
    expect(csms.of('StartTransaction')).toHaveLength(1);
  });

  it('§5.11 AuthorizeRemoteTxRequests=true: the idTag is authorized first, and a refused one starts nothing', async () => {
    const { csms, clock, station } = await rig({ config: { AuthorizeRemoteTxRequests: 'true' } });
    csms.behaviour.refused.add('BLOCKED');
    station.plugIn(1);
    expect(await csms.call('RemoteStartTransaction', { idTag: 'BLOCKED', connectorId: 1 })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(csms.of('Authorize').map((r) => r.params.idTag)).toEqual(['BLOCKED']);
    expect(csms.of('StartTransaction')).toHaveLength(0);
    await csms.call('RemoteStartTransaction', { idTag: 'GOOD', connectorId: 1 });
    await clock.settle();
    expect(csms.of('Authorize').map((r) => r.params.idTag)).toEqual(['BLOCKED', 'GOOD']);
    expect(csms.of('StartTransaction')).toHaveLength(1);
  });

  it('§5.11 RemoteStart is Rejected on a connector that is charging, faulted or unknown', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(await csms.call('RemoteStartTransaction', { idTag: 'X', connectorId: 1 })).toEqual({
      status: 'Rejected',
    });
    station.fault(2, { errorCode: 'GroundFailure' });
    expect(await csms.call('RemoteStartTransaction', { idTag: 'X', connectorId: 2 })).toEqual({
      status: 'Rejected',
    });
    expect(await csms.call('RemoteStartTransaction', { idTag: 'X', connectorId: 7 })).toEqual({
      status: 'Rejected',
    });
    expect(statuses(csms, 2).slice(-1)).toEqual(['Faulted']);
  });

  it('§4.10 the same token ends its own transaction (reason Local, idTag in StopTransaction)', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    expect(await station.presentToken('TAG-1')).toEqual({ result: 'started', connectorId: 1 });
    await clock.advance(600_000);
    expect(await station.presentToken('TAG-1')).toEqual({ result: 'stopped', connectorId: 1 });
    await clock.settle();
    expect(csms.of('StopTransaction')[0]?.params).toMatchObject({
      idTag: 'TAG-1',
      reason: 'Local',
      meterStop: 2833,
    });
  });

  it('§9.1.23 StopTransactionOnEVSideDisconnect: unplugging ends the transaction with EVDisconnected', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.advance(60_000);
    station.unplug(1);
    await clock.settle();
    expect(csms.of('StopTransaction')[0]?.params).toMatchObject({ reason: 'EVDisconnected' });
    expect(statuses(csms, 1)).toEqual(['Available', 'Preparing', 'Charging', 'Available']);
  });

  it('§4.8 / §9.1.24 a StartTransaction answered Invalid ends the transaction with DeAuthorized', async () => {
    const { csms, clock, station } = await rig({
      config: { LocalPreAuthorize: 'true', AllowOfflineTxForUnknownId: 'true' },
    });
    // The CSMS accepted TAG-9 before (it is cached), then blocked it.
    await station.presentToken('TAG-9', 2);
    await clock.settle();
    csms.behaviour.refused.add('TAG-9');
    station.plugIn(1);
    const outcome = await station.presentToken('TAG-9', 1);
    await clock.settle();
    expect(outcome.result).toBe('started');
    expect(csms.of('StopTransaction')[0]?.params).toMatchObject({
      reason: 'DeAuthorized',
      transactionId: 100,
    });
    expect(station.snapshot().connectors[0]?.transaction).toBeUndefined();
  });

  it('§4.7 / §9.1.3 clock-aligned MeterValues at whole multiples of ClockAlignedDataInterval (Sample.Clock)', async () => {
    const { csms, clock, station } = await rig({
      config: { ClockAlignedDataInterval: '900', MeterValueSampleInterval: '0' },
    });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.advance(1_800_000);
    // Transaction messages go through the durable lane and may be overtaken (§3.7): order by connector.
    const aligned = csms
      .of('MeterValues')
      .sort((a, b) => a.atMs - b.atMs || Number(a.params.connectorId) - Number(b.params.connectorId));
    // T0 is 10:00:00; readings at 10:15 and 10:30 for both connectors.
    expect(
      aligned.map((r) => [r.params.connectorId, (r.params.meterValue as MeterValue[])[0]?.timestamp]),
    ).toEqual([
      [1, '2025-03-01T10:15:00.000Z'],
      [2, '2025-03-01T10:15:00.000Z'],
      [1, '2025-03-01T10:30:00.000Z'],
      [2, '2025-03-01T10:30:00.000Z'],
    ]);
    expect(aligned[0]?.params.transactionId).toBe(100);
    expect(aligned[1]?.params.transactionId).toBeUndefined();
    const first = aligned[0]?.params.meterValue as MeterValue[];
    expect(first[0]?.sampledValue[0]?.context).toBe('Sample.Clock');
  });

  it('§6.49 StopTransaction.transactionData carries StopTxnSampledData readings, begin to end', async () => {
    const { csms, clock, station } = await rig({
      config: { MeterValueSampleInterval: '300', StopTxnSampledData: 'Energy.Active.Import.Register' },
    });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.advance(600_000);
    await station.stopCharging(1);
    await clock.settle();
    const data = csms.of('StopTransaction')[0]?.params.transactionData as MeterValue[];
    expect(data.map((mv) => mv.sampledValue[0]?.context)).toEqual([
      'Transaction.Begin',
      'Sample.Periodic',
      'Sample.Periodic',
      'Transaction.End',
    ]);
    expect(data.map(energyOf)).toEqual([1000, 1917, 2833, 2833]);
  });

  it('§7.7 a full car suspends charging (SuspendedEV) and the power drops with the taper', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1, { socPercent: 95, capacityWh: 10_000 });
    await station.presentToken('TAG-1');
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBeLessThan(11_000);
    await clock.advance(3_600_000);
    expect(station.snapshot().connectors[0]?.car?.socPercent).toBe(100);
    expect(statuses(csms, 1).slice(-1)).toEqual(['SuspendedEV']);
    expect(station.snapshot().connectors[0]?.powerW).toBe(0);
  });
});
