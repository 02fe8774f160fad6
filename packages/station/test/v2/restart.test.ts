// Offline transactions, restarts and resets: the CSMS is never left with a transaction nobody ends.

import { MemoryMessageStore } from '@ocpp-ws-io/core';
import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryPersistence } from '../../src/index.js';
import { events, MemoryCsms2, type Recorder, rig2, statuses, T0, type Version } from './helpers/csms2.js';

/** Transaction ids the CSMS saw start and never saw end. */
function ghosts(csms: Recorder): string[] {
  const ended = new Set(
    events(csms)
      .filter((e) => e.eventType === 'Ended')
      .map((e) => e.transactionInfo.transactionId),
  );
  return events(csms)
    .filter((e) => e.eventType === 'Started')
    .map((e) => e.transactionInfo.transactionId)
    .filter((id) => !ended.has(id));
}

function world<V extends Version = 'ocpp2.0.1'>(version?: V) {
  const clock = new ManualClock(T0);
  return {
    clock,
    csms: new MemoryCsms2<V>(clock, (version ?? 'ocpp2.0.1') as V),
    store: new MemoryMessageStore(),
    persistence: new MemoryPersistence(),
  };
}

describe('offline, restart and reset (OCPP 2.0.1 E04, E12, B11, B12)', () => {
  it('E04/E12 a transaction made offline: its events carry offline: true and reach the CSMS after reconnecting, in seqNo order', async () => {
    const w = world();
    const { station, clock, csms } = await rig2({
      ...w,
      config: {
        'SampledDataCtrlr.TxUpdatedInterval': '120',
        'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true',
      },
    });
    station.goOffline();
    await clock.settle();
    station.plugIn(1);
    expect(await station.presentToken('TAG-1', 1)).toEqual({ result: 'started', connectorId: 1 });
    await clock.advance(300_000);
    void station.stopCharging(1);
    await clock.settle();
    expect(events(csms)).toEqual([]);
    station.comeBack();
    await clock.advance(60_000);
    const delivered = events(csms);
    expect(delivered.map((e) => [e.eventType, e.seqNo, e.offline])).toEqual([
      ['Started', 0, true],
      ['Updated', 1, true],
      ['Updated', 2, true],
      ['Ended', 3, true],
    ]);
    expect(delivered[3]?.timestamp).toBe(new Date(T0 + 300_000).toISOString());
    expect(ghosts(csms)).toEqual([]);
    expect(w.store.size).toBe(0);
  });

  it('a power cut mid-charge: the restarted station ends the transaction (Ended PowerLoss, offline, seqNo going on) after its new boot — no ghost', async () => {
    const w = world();
    const first = await rig2({ ...w, config: { 'SampledDataCtrlr.TxUpdatedInterval': '60' } });
    first.station.plugIn(1);
    await first.station.presentToken('TAG-1');
    await w.clock.advance(150_000);
    expect(ghosts(w.csms)).toHaveLength(1);
    const cutAt = w.persistence.saved?.savedAtMs ?? 0;
    await first.station.stop({ powerCut: true });

    await w.clock.advance(3_600_000);
    const second = await rig2(w);
    await w.clock.settle();
    const ended = events(w.csms).at(-1);
    expect(ended).toMatchObject({
      eventType: 'Ended',
      seqNo: 3,
      offline: true,
      triggerReason: 'AbnormalCondition',
      transactionInfo: { stoppedReason: 'PowerLoss' },
      timestamp: new Date(cutAt).toISOString(),
    });
    const order = w.csms.received.map((r) => r.action);
    expect(order.lastIndexOf('BootNotification')).toBeLessThan(order.lastIndexOf('TransactionEvent'));
    expect(ghosts(w.csms)).toEqual([]);
    expect(second.station.snapshot().connectors[0]?.transaction).toBeUndefined();
    // The restart stopped nothing new: a clean restart now finds nothing to end.
    await second.station.stop();
    await rig2(w);
    await w.clock.settle();
    expect(events(w.csms).filter((e) => e.eventType === 'Ended')).toHaveLength(1);
  });

  it('B11 Reset Immediate while charging: Ended (ResetCommand, ImmediateReset), reconnect, BootNotification RemoteReset, ResetOrReboot security event', async () => {
    const w = world();
    const { station, clock, csms } = await rig2(w);
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    expect(await csms.call('Reset', { type: 'Immediate' })).toEqual({ status: 'Accepted' });
    await clock.advance(60_000);
    expect(events(csms).at(-1)).toMatchObject({
      eventType: 'Ended',
      triggerReason: 'ResetCommand',
      transactionInfo: { stoppedReason: 'ImmediateReset' },
    });
    expect(csms.of('BootNotification').map((r) => r.params.reason)).toEqual(['PowerUp', 'RemoteReset']);
    expect(csms.of('SecurityEventNotification').map((r) => r.params.type)).toEqual([
      'StartupOfTheDevice',
      'ResetOrReboot',
    ]);
    expect(statuses(csms, 1).at(-1)).toBe('Occupied');
    expect(station.snapshot().boot.status).toBe('Accepted');
    expect(ghosts(csms)).toEqual([]);
  });

  it('B12 Reset OnIdle while charging: Scheduled; the reboot follows the end of the last transaction', async () => {
    const { station, clock, csms } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    expect(await csms.call('Reset', { type: 'OnIdle' })).toEqual({ status: 'Scheduled' });
    await clock.advance(600_000);
    expect(csms.of('BootNotification')).toHaveLength(1);
    await station.stopCharging(1);
    await clock.advance(60_000);
    expect(csms.of('BootNotification').map((r) => r.params.reason)).toEqual(['PowerUp', 'RemoteReset']);
    expect(await csms.call('Reset', { type: 'OnIdle' })).toEqual({ status: 'Accepted' });
  });

  it('B11/B12 Reset of one EVSE: Immediate ends its transaction only; OnIdle is Scheduled while it charges; no reboot', async () => {
    const { station, clock, csms } = await rig2();
    station.plugIn(1);
    station.plugIn(2);
    await station.presentToken('TAG-1', 1);
    await station.presentToken('TAG-2', 2);
    await clock.settle();
    const [one, two] = events(csms).map((e) => e.transactionInfo.transactionId);
    expect(await csms.call('Reset', { type: 'OnIdle', evseId: 2 })).toEqual({ status: 'Scheduled' });
    expect(await csms.call('Reset', { type: 'Immediate', evseId: 1 })).toEqual({ status: 'Accepted' });
    expect(await csms.call('Reset', { type: 'Immediate', evseId: 9 })).toMatchObject({ status: 'Rejected' });
    await clock.settle();
    const ended = events(csms).filter((e) => e.eventType === 'Ended');
    expect(ended.map((e) => [e.transactionInfo.transactionId, e.transactionInfo.stoppedReason])).toEqual([
      [one, 'ImmediateReset'],
    ]);
    expect(station.snapshot().connectors[1]?.transaction?.id).toBe(two);
    expect(csms.of('BootNotification')).toHaveLength(1);
  });

  it('2.1 Reset ImmediateAndResume: the transaction goes on after the reboot (Updated TxResumed, same id, seqNo going on)', async () => {
    const w = world('ocpp2.1');
    const { station, clock, csms } = await rig2({
      ...w,
      config: { 'SampledDataCtrlr.TxUpdatedInterval': '0' },
    });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    const id = events(csms)[0]?.transactionInfo.transactionId;
    expect(await csms.call('Reset', { type: 'ImmediateAndResume' })).toEqual({ status: 'Accepted' });
    await clock.advance(60_000);
    expect(csms.of('BootNotification').map((r) => r.params.reason)).toEqual(['PowerUp', 'RemoteReset']);
    expect(
      events(csms).map((e) => [e.eventType, e.triggerReason, e.seqNo, e.transactionInfo.transactionId]),
    ).toEqual([
      ['Started', 'Authorized', 0, id],
      ['Updated', 'TxResumed', 1, id],
    ]);
    expect(station.snapshot().connectors[0]?.powerW).toBe(11_000);
  });
});
