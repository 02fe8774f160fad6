import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/index.js';
import { MemoryCsms, rig, statuses, T0 } from './helpers/csms.js';

async function rigWithBoot(boot: 'Accepted' | 'Pending' | 'Rejected', bootIntervalS = 120) {
  const clock = new ManualClock(T0);
  const csms = new MemoryCsms(clock);
  csms.behaviour.boot = boot;
  csms.behaviour.bootIntervalS = bootIntervalS;
  return rig({ clock, csms });
}

describe('boot (OCPP 1.6 §4.2)', () => {
  it('§4.2 Accepted: status of connector 0 and every connector, then a heartbeat at the returned interval', async () => {
    const { csms, clock, station } = await rigWithBoot('Accepted', 90);
    expect(station.snapshot().boot.status).toBe('Accepted');
    expect(csms.received.map((r) => r.action)).toEqual([
      'BootNotification',
      'SecurityEventNotification',
      'StatusNotification',
      'StatusNotification',
      'StatusNotification',
    ]);
    // Security whitepaper §8 / A04.FR.01: the critical event of a start is pushed.
    expect(csms.of('SecurityEventNotification')[0]?.params).toMatchObject({ type: 'StartupOfTheDevice' });
    expect(csms.of('StatusNotification').map((r) => [r.params.connectorId, r.params.status])).toEqual([
      [0, 'Available'],
      [1, 'Available'],
      [2, 'Available'],
    ]);
    expect(csms.of('BootNotification')[0]?.params).toEqual({
      chargePointVendor: 'Acme',
      chargePointModel: 'Sim-1',
    });
    await clock.advance(89_000);
    expect(csms.of('Heartbeat')).toHaveLength(0);
    await clock.advance(1_000);
    expect(csms.of('Heartbeat')).toHaveLength(1);
    await clock.advance(90_000);
    expect(csms.of('Heartbeat').map((r) => r.atMs - T0)).toEqual([90_000, 180_000]);
    // "adjust the heartbeat interval in accordance with the interval from the response"
    expect(station.snapshot().config.HeartbeatInterval).toBe('90');
  });

  it('§4.2 Pending: sends nothing but BootNotification after the interval, answers the CSMS, refuses transactions', async () => {
    const { csms, clock, station } = await rigWithBoot('Pending', 60);
    expect(station.snapshot().boot.status).toBe('Pending');
    station.plugIn(1);
    const outcome = await station.presentToken('TAG-1');
    expect(outcome.result).toBe('rejected');
    // The CSMS may query the station while Pending and gets answers…
    expect(await csms.call('GetConfiguration', { key: ['HeartbeatInterval'] })).toMatchObject({
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false }],
    });
    // …but RemoteStartTransaction is not allowed while Pending.
    expect(await csms.call('RemoteStartTransaction', { idTag: 'R-1', connectorId: 1 })).toEqual({
      status: 'Rejected',
    });
    await clock.advance(59_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification']);
    await clock.advance(1_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification', 'BootNotification']);
    expect(csms.of('StartTransaction')).toHaveLength(0);
    expect(station.snapshot().connectors[0]?.transaction).toBeUndefined();
  });

  it('§4.2 Pending: a TriggerMessage is honoured (StatusNotification sent on request)', async () => {
    const { csms, clock } = await rigWithBoot('Pending', 600);
    expect(
      await csms.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 }),
    ).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(statuses(csms, 1)).toEqual(['Available']);
  });

  it('§4.2 Pending → Accepted: the next BootNotification is accepted and the station starts reporting', async () => {
    const { csms, clock, station } = await rigWithBoot('Pending', 30);
    csms.behaviour.boot = 'Accepted';
    await clock.advance(30_000);
    expect(station.snapshot().boot.status).toBe('Accepted');
    expect(statuses(csms, 1)).toEqual(['Available']);
    station.plugIn(1);
    expect((await station.presentToken('TAG-1')).result).toBe('started');
  });

  it('§4.2 Rejected: answers no CSMS call, sends nothing until the interval expired, no transaction starts', async () => {
    const { csms, clock, station } = await rigWithBoot('Rejected', 100);
    expect(station.snapshot().boot.status).toBe('Rejected');
    station.plugIn(1);
    expect(await station.presentToken('TAG-1')).toMatchObject({ result: 'rejected' });
    // "While Rejected, the Charge Point SHALL NOT respond to any Central System initiated message."
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
    // No answer at all: the CSMS's own call timeout (30 s) ends its wait.
    await clock.advance(1_000);
    expect(settled).toBe('TimeoutError');
    await clock.advance(69_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification']);
    await clock.advance(1_000);
    expect(csms.received.map((r) => r.action)).toEqual(['BootNotification', 'BootNotification']);
    expect(csms.of('StartTransaction')).toHaveLength(0);
    expect(csms.of('StatusNotification')).toHaveLength(0);
  });

  it('security whitepaper §8: securityEvents: false sends no SecurityEventNotification (a CSMS without the extension)', async () => {
    const { csms } = await rig({ securityEvents: false });
    expect(csms.of('BootNotification')).toHaveLength(1);
    expect(csms.of('SecurityEventNotification')).toHaveLength(0);
  });

  it('§4.2 interval 0: the station picks its own retry interval instead of flooding the CSMS', async () => {
    const { csms, clock } = await rigWithBoot('Pending', 0);
    await clock.advance(10_000);
    expect(csms.of('BootNotification')).toHaveLength(1);
    await clock.advance(50_000);
    expect(csms.of('BootNotification')).toHaveLength(2);
  });
});
