import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/index.js';
import { MemoryCsms2, rig2, statuses, T0 } from './helpers/csms2.js';

async function booting(boot: 'Accepted' | 'Pending' | 'Rejected', bootIntervalS = 120) {
  const clock = new ManualClock(T0);
  const csms = new MemoryCsms2(clock, 'ocpp2.0.1');
  csms.behaviour.boot = boot;
  csms.behaviour.bootIntervalS = bootIntervalS;
  return rig2({ clock, csms });
}

describe('boot (OCPP 2.0.1 B01–B04, G02)', () => {
  it('B01 Accepted: BootNotification PowerUp, StatusNotification per connector, the security event, heartbeats at the interval', async () => {
    const { csms, clock, station } = await booting('Accepted', 90);
    expect(station.snapshot().boot.status).toBe('Accepted');
    expect(csms.received.map((r) => r.action)).toEqual([
      'BootNotification',
      'StatusNotification',
      'StatusNotification',
      'SecurityEventNotification',
    ]);
    expect(csms.of('BootNotification')[0]?.params).toEqual({
      reason: 'PowerUp',
      chargingStation: { vendorName: 'Acme', model: 'Sim-2' },
    });
    expect(
      csms
        .of('StatusNotification')
        .map((r) => [r.params.evseId, r.params.connectorId, r.params.connectorStatus]),
    ).toEqual([
      [1, 1, 'Available'],
      [2, 1, 'Available'],
    ]);
    expect(csms.of('SecurityEventNotification')[0]?.params.type).toBe('StartupOfTheDevice');
    await clock.advance(89_000);
    expect(csms.of('Heartbeat')).toHaveLength(0);
    await clock.advance(1_000);
    await clock.advance(90_000);
    expect(csms.of('Heartbeat').map((r) => r.atMs - T0)).toEqual([90_000, 180_000]);
    // The interval of the accepted boot is the heartbeat interval (OCPPCommCtrlr.HeartbeatInterval).
    expect(station.snapshot().config['OCPPCommCtrlr.HeartbeatInterval']).toBe('90');
  });

  it('B02 Pending: only BootNotification after the interval; GetVariables answered, RequestStartTransaction Rejected, no transaction', async () => {
    const { csms, clock, station } = await booting('Pending', 60);
    expect(station.snapshot().boot.status).toBe('Pending');
    station.plugIn(1);
    expect((await station.presentToken('TAG-1')).result).toBe('rejected');
    const got = await csms.call('GetVariables', {
      getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }],
    });
    expect(got.getVariableResult[0]).toMatchObject({ attributeStatus: 'Accepted', attributeValue: '60' });
    expect(
      await csms.call('RequestStartTransaction', {
        remoteStartId: 1,
        idToken: { idToken: 'R-1', type: 'Central' },
        evseId: 1,
      }),
    ).toEqual({ status: 'Rejected' });
    await clock.advance(59_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification']);
    await clock.advance(1_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification', 'BootNotification']);
    expect(csms.of('TransactionEvent')).toHaveLength(0);
    expect(station.snapshot().connectors[0]?.transaction).toBeUndefined();
  });

  it('B02 Pending: GetBaseReport is answered and its NotifyReport sent; TriggerMessage BootNotification boots at once (reason Triggered)', async () => {
    const { csms, clock } = await booting('Pending', 600);
    expect(await csms.call('GetBaseReport', { requestId: 5, reportBase: 'SummaryInventory' })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(csms.of('NotifyReport')).toHaveLength(1);
    expect(await csms.call('TriggerMessage', { requestedMessage: 'BootNotification' })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(csms.of('BootNotification').map((r) => r.params.reason)).toEqual(['PowerUp', 'Triggered']);
  });

  it('B02 Pending → Accepted: the next boot is accepted and the station reports its connectors and may charge', async () => {
    const { csms, clock, station } = await booting('Pending', 30);
    csms.behaviour.boot = 'Accepted';
    await clock.advance(30_000);
    expect(station.snapshot().boot.status).toBe('Accepted');
    expect(statuses(csms, 1)).toEqual(['Available']);
    station.plugIn(1);
    expect((await station.presentToken('TAG-1')).result).toBe('started');
  });

  it('B03 Rejected: no answer to CSMS calls, nothing sent until the interval, no transaction', async () => {
    const { csms, clock, station } = await booting('Rejected', 100);
    station.plugIn(1);
    expect(await station.presentToken('TAG-1')).toMatchObject({ result: 'rejected' });
    let settled: unknown = 'pending';
    csms.call('GetLocalListVersion', {}).then(
      (v) => {
        settled = v;
      },
      (e: Error) => {
        settled = e.name;
      },
    );
    await clock.advance(29_000);
    expect(settled).toBe('pending');
    await clock.advance(1_000);
    expect(settled).toBe('TimeoutError');
    await clock.advance(69_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification']);
    await clock.advance(1_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification', 'BootNotification']);
    expect(csms.of('TransactionEvent')).toHaveLength(0);
  });

  it('B04 back online after more than OfflineThreshold: every connector reported again; a short loss reports only changes', async () => {
    const { csms, clock, station } = await rig2({ config: { 'OCPPCommCtrlr.OfflineThreshold': '120' } });
    csms.clear();
    station.goOffline();
    await clock.advance(10_000);
    station.comeBack();
    await clock.advance(40_000);
    expect(csms.of('StatusNotification')).toHaveLength(0);
    station.goOffline();
    await clock.advance(300_000);
    station.comeBack();
    await clock.advance(40_000);
    expect(csms.of('StatusNotification').map((r) => r.params.evseId)).toEqual([1, 2]);
  });
});
