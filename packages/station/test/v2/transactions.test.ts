import { describe, expect, it } from 'vitest';
import { energyOf, events, rig2, statuses, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('transactions (OCPP 2.0.1 E01–E10, F01/F03, J01/J02)', () => {
  it('F01/E01 RequestStartTransaction → Started (seqNo 0, RemoteStart, remoteStartId) → Updated every TxUpdatedInterval → F03 RequestStopTransaction → Ended; seqNo strictly increasing', async () => {
    const { csms, clock, station } = await rig2({ config: { 'SampledDataCtrlr.TxUpdatedInterval': '60' } });
    station.plugIn(1, { socPercent: 20 });
    const answer = await csms.call('RequestStartTransaction', {
      remoteStartId: 42,
      idToken: { idToken: 'APP-1', type: 'Central' },
      evseId: 1,
    });
    expect(answer).toEqual({ status: 'Accepted' });
    await clock.settle();
    const [started] = events(csms);
    expect(started).toMatchObject({
      eventType: 'Started',
      seqNo: 0,
      triggerReason: 'RemoteStart',
      timestamp: iso(T0),
      idToken: { idToken: 'APP-1', type: 'Central' },
      transactionInfo: { remoteStartId: 42, chargingState: 'Charging' },
      evse: { id: 1, connectorId: 1 },
    });
    expect(started?.offline).toBeUndefined();
    expect(energyOf(started?.meterValue?.[0])).toBe(1000);
    expect(started?.meterValue?.[0]?.sampledValue[0]?.context).toBe('Transaction.Begin');
    const transactionId = started!.transactionInfo.transactionId;
    expect(station.snapshot().connectors[0]?.transaction?.id).toBe(transactionId);
    expect(statuses(csms, 1)).toEqual(['Available', 'Occupied']);

    await clock.advance(180_000);
    const updated = events(csms).filter((e) => e.eventType === 'Updated');
    expect(updated.map((e) => [e.triggerReason, e.seqNo])).toEqual([
      ['MeterValuePeriodic', 1],
      ['MeterValuePeriodic', 2],
      ['MeterValuePeriodic', 3],
    ]);
    // 11 kW for a minute is 183.3 Wh per sample.
    expect(updated.map((e) => energyOf(e.meterValue?.[0]))).toEqual([1183, 1367, 1550]);
    expect(updated[0]?.transactionInfo.remoteStartId).toBeUndefined();

    expect(await csms.call('RequestStopTransaction', { transactionId })).toEqual({ status: 'Accepted' });
    await clock.settle();
    const ended = events(csms).at(-1);
    expect(ended).toMatchObject({
      eventType: 'Ended',
      seqNo: 4,
      triggerReason: 'RemoteStop',
      transactionInfo: { transactionId, stoppedReason: 'Remote', chargingState: 'EVConnected' },
    });
    // SampledDataCtrlr.TxEndedMeasurands: the register at begin and end.
    expect(ended?.meterValue?.map((mv) => [mv.sampledValue[0]?.context, energyOf(mv)])).toEqual([
      ['Transaction.Begin', 1000],
      ['Transaction.End', 1550],
    ]);
    const seqNos = events(csms).map((e) => e.seqNo);
    expect(seqNos).toEqual([0, 1, 2, 3, 4]);
    expect(await csms.call('RequestStopTransaction', { transactionId })).toEqual({ status: 'Rejected' });
    station.unplug(1);
    await clock.settle();
    expect(statuses(csms, 1).at(-1)).toBe('Available');
  });

  it('E03 token first, cable later (TxStartPoint PowerPathClosed): Started on plug-in with triggerReason CablePluggedIn', async () => {
    const { csms, clock, station } = await rig2();
    expect(await station.presentToken('TAG-1', 1)).toEqual({ result: 'authorized', connectorId: 1 });
    await clock.settle();
    expect(csms.of('Authorize')[0]?.params).toEqual({ idToken: { idToken: 'TAG-1', type: 'ISO14443' } });
    expect(events(csms)).toEqual([]);
    station.plugIn(1);
    await clock.settle();
    expect(events(csms).map((e) => [e.eventType, e.triggerReason, e.idToken?.idToken])).toEqual([
      ['Started', 'CablePluggedIn', 'TAG-1'],
    ]);
  });

  it('E03 the authorization lapses after TxCtrlr.EVConnectionTimeOut without a cable', async () => {
    const { csms, clock, station } = await rig2({ config: { 'TxCtrlr.EVConnectionTimeOut': '30' } });
    await station.presentToken('TAG-1', 1);
    await clock.advance(30_000);
    station.plugIn(1);
    await clock.settle();
    expect(events(csms)).toEqual([]);
  });

  it('E01/E02 TxStartPoint EVConnected (cable first): Started at plug-in without energy (EVConnected), Authorized by the token, charging follows', async () => {
    const { csms, clock, station } = await rig2({ config: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    station.plugIn(2);
    await clock.settle();
    expect(events(csms)[0]).toMatchObject({
      eventType: 'Started',
      triggerReason: 'CablePluggedIn',
      transactionInfo: { chargingState: 'EVConnected' },
    });
    expect(events(csms)[0]?.idToken).toBeUndefined();
    expect(station.snapshot().connectors[1]?.powerW).toBe(0);
    expect(await station.presentToken('TAG-2')).toEqual({ result: 'started', connectorId: 2 });
    await clock.settle();
    expect(events(csms).map((e) => [e.eventType, e.triggerReason, e.transactionInfo.chargingState])).toEqual([
      ['Started', 'CablePluggedIn', 'EVConnected'],
      ['Updated', 'Authorized', 'Charging'],
    ]);
    expect(events(csms)[1]?.idToken?.idToken).toBe('TAG-2');
    expect(station.snapshot().connectors[1]?.powerW).toBe(11_000);
  });

  it('E01 TxStartPoint Authorized: Started at the token, the cable plugged later is an Updated CablePluggedIn; E03 EVConnectTimeout ends one without a cable', async () => {
    const { csms, clock, station } = await rig2({
      config: { 'TxCtrlr.TxStartPoint': 'Authorized', 'TxCtrlr.EVConnectionTimeOut': '30' },
    });
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    station.plugIn(1);
    await clock.settle();
    expect(events(csms).map((e) => [e.eventType, e.triggerReason, e.transactionInfo.chargingState])).toEqual([
      ['Started', 'Authorized', 'Idle'],
      ['Updated', 'CablePluggedIn', 'Charging'],
    ]);
    await station.presentToken('TAG-2', 2);
    await clock.advance(30_000);
    const ended = events(csms).filter((e) => e.eventType === 'Ended');
    expect(ended.map((e) => [e.triggerReason, e.transactionInfo.stoppedReason])).toEqual([
      ['EVConnectTimeout', 'Timeout'],
    ]);
  });

  it('E06/E07 the same token ends its transaction (StopAuthorized, Local, idToken); E09 unplugging ends it (EVCommunicationLost, EVDisconnected)', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    station.plugIn(2);
    await station.presentToken('TAG-1', 1);
    await station.presentToken('TAG-2', 2);
    await clock.advance(600_000);
    expect(await station.presentToken('TAG-1')).toEqual({ result: 'stopped', connectorId: 1 });
    station.unplug(2);
    await clock.settle();
    const ended = events(csms).filter((e) => e.eventType === 'Ended');
    expect(
      ended.map((e) => [
        e.triggerReason,
        e.transactionInfo.stoppedReason,
        e.idToken?.idToken,
        e.transactionInfo.chargingState,
      ]),
    ).toEqual([
      ['StopAuthorized', 'Local', 'TAG-1', 'EVConnected'],
      ['EVCommunicationLost', 'EVDisconnected', undefined, 'Idle'],
    ]);
  });

  it('E06/E10 TxStopPoint EVConnected only: the token deauthorizes (energy stops) and the transaction ends with the cable', async () => {
    const { csms, clock, station } = await rig2({ config: { 'TxCtrlr.TxStopPoint': 'EVConnected' } });
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.advance(60_000);
    expect(await station.presentToken('TAG-1', 1)).toEqual({ result: 'stopped', connectorId: 1 });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.transaction).toBeDefined();
    expect(station.snapshot().connectors[0]?.powerW).toBe(0);
    station.unplug(1);
    await clock.settle();
    expect(events(csms).map((e) => [e.eventType, e.triggerReason, e.transactionInfo.chargingState])).toEqual([
      ['Started', 'Authorized', 'Charging'],
      ['Updated', 'MeterValuePeriodic', 'Charging'],
      ['Updated', 'StopAuthorized', 'EVConnected'],
      ['Ended', 'EVCommunicationLost', 'Idle'],
    ]);
  });

  it('E05 a token the CSMS refuses in the Started answer ends the transaction with DeAuthorized (StopTxOnInvalidId)', async () => {
    const { csms, clock, station } = await rig2({ config: { 'AuthCtrlr.LocalPreAuthorize': 'true' } });
    // Cached as Accepted first, then blocked by the CSMS.
    station.plugIn(1);
    await station.presentToken('TAG-9', 1);
    await clock.settle();
    await station.presentToken('TAG-9', 1);
    await clock.settle();
    csms.behaviour.refused.add('TAG-9');
    station.plugIn(2);
    expect(await station.presentToken('TAG-9', 2)).toEqual({ result: 'started', connectorId: 2 });
    await clock.settle();
    expect(events(csms).at(-1)).toMatchObject({
      eventType: 'Ended',
      triggerReason: 'Deauthorized',
      transactionInfo: { stoppedReason: 'DeAuthorized' },
    });
    expect(station.snapshot().connectors[1]?.transaction).toBeUndefined();
  });

  it('E15 a full car: ChargingStateChanged to SuspendedEV', async () => {
    const { csms, clock, station } = await rig2({ config: { 'SampledDataCtrlr.TxUpdatedInterval': '0' } });
    station.plugIn(1, { socPercent: 95, capacityWh: 10_000 });
    await station.presentToken('TAG-1');
    await clock.advance(3_600_000);
    expect(events(csms).map((e) => [e.triggerReason, e.transactionInfo.chargingState])).toEqual([
      ['Authorized', 'Charging'],
      ['ChargingStateChanged', 'SuspendedEV'],
    ]);
  });

  it('J01 clock-aligned meter values: MeterValueClock inside a transaction, MeterValues for an idle EVSE (SendDuringIdle)', async () => {
    const { csms, clock, station } = await rig2({
      config: { 'AlignedDataCtrlr.Interval': '900', 'SampledDataCtrlr.TxUpdatedInterval': '0' },
    });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.advance(1_800_000);
    expect(
      events(csms)
        .filter((e) => e.triggerReason === 'MeterValueClock')
        .map((e) => e.meterValue?.[0]?.timestamp),
    ).toEqual(['2025-03-01T10:15:00.000Z', '2025-03-01T10:30:00.000Z']);
    const idle = csms.of('MeterValues');
    expect(idle.map((r) => r.params.evseId)).toEqual([2, 2]);
    const [mv] = (idle[0]?.params.meterValue ?? []) as Array<{ sampledValue: Array<{ context: string }> }>;
    expect(mv?.sampledValue[0]?.context).toBe('Sample.Clock');
  });

  it('J02 TxEndedInterval: the Ended event carries the kept readings, begin to end', async () => {
    const { csms, clock, station } = await rig2({
      config: { 'SampledDataCtrlr.TxEndedInterval': '300', 'SampledDataCtrlr.TxUpdatedInterval': '0' },
    });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.advance(600_000);
    await station.stopCharging(1);
    await clock.settle();
    const ended = events(csms).at(-1);
    expect(ended?.meterValue?.map((mv) => [mv.sampledValue[0]?.context, energyOf(mv)])).toEqual([
      ['Transaction.Begin', 1000],
      ['Sample.Periodic', 1917],
      ['Sample.Periodic', 2833],
      ['Transaction.End', 2833],
    ]);
  });

  it('E14 GetTransactionStatus: ongoing while it runs; messagesInQueue while its events wait for the CSMS', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    const transactionId = events(csms)[0]!.transactionInfo.transactionId;
    expect(await csms.call('GetTransactionStatus', { transactionId })).toEqual({
      ongoingIndicator: true,
      messagesInQueue: false,
    });
    csms.behaviour.answerTransactionEvent = false;
    // The Ended event is retried by the durable lane (every retryIntervalMs × attempts): not awaited.
    void station.stopCharging(1);
    await clock.settle();
    expect(await csms.call('GetTransactionStatus', { transactionId })).toEqual({
      ongoingIndicator: false,
      messagesInQueue: true,
    });
    expect(await csms.call('GetTransactionStatus', {})).toEqual({ messagesInQueue: true });
    csms.behaviour.answerTransactionEvent = true;
    await clock.advance(1_000);
    expect(await csms.call('GetTransactionStatus', { transactionId })).toEqual({
      ongoingIndicator: false,
      messagesInQueue: false,
    });
    expect(await csms.call('GetTransactionStatus', { transactionId: 'never-was' })).toEqual({
      ongoingIndicator: false,
      messagesInQueue: false,
    });
  });
});
