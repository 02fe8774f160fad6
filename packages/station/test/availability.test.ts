import { describe, expect, it } from 'vitest';
import { rig, statuses } from './helpers/csms.js';

describe('availability, unlock and reset (OCPP 1.6 §5.2, §5.18, §5.14)', () => {
  it('§5.2 ChangeAvailability Inoperative → Unavailable; Operative → Available', async () => {
    const { csms, clock, station } = await rig();
    expect(await csms.call('ChangeAvailability', { connectorId: 2, type: 'Inoperative' })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Unavailable']);
    expect(await station.presentToken('TAG-1', 2)).toMatchObject({ result: 'rejected' });
    await csms.call('ChangeAvailability', { connectorId: 2, type: 'Operative' });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Unavailable', 'Available']);
  });

  it('§5.2 connector 0: the whole station becomes Unavailable (connector 0 and every connector)', async () => {
    const { csms, clock } = await rig();
    csms.clear();
    await csms.call('ChangeAvailability', { connectorId: 0, type: 'Inoperative' });
    await clock.settle();
    expect(csms.of('StatusNotification').map((r) => [r.params.connectorId, r.params.status])).toEqual([
      [0, 'Unavailable'],
      [1, 'Unavailable'],
      [2, 'Unavailable'],
    ]);
  });

  it('§5.2 Scheduled while a transaction runs; applied when it ends', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(await csms.call('ChangeAvailability', { connectorId: 1, type: 'Inoperative' })).toEqual({
      status: 'Scheduled',
    });
    await clock.advance(60_000);
    expect(statuses(csms, 1).slice(-1)).toEqual(['Charging']);
    station.unplug(1);
    await clock.settle();
    expect(statuses(csms, 1).slice(-1)).toEqual(['Unavailable']);
  });

  it('§5.2 an unknown connector is Rejected', async () => {
    const { csms } = await rig();
    expect(await csms.call('ChangeAvailability', { connectorId: 3, type: 'Inoperative' })).toEqual({
      status: 'Rejected',
    });
  });

  it('§5.18 UnlockConnector stops the transaction with reason UnlockCommand and answers Unlocked', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(await csms.call('UnlockConnector', { connectorId: 1 })).toEqual({ status: 'Unlocked' });
    await clock.settle();
    expect(csms.of('StopTransaction')[0]?.params).toMatchObject({
      reason: 'UnlockCommand',
      transactionId: 100,
    });
    expect(await csms.call('UnlockConnector', { connectorId: 9 })).toEqual({ status: 'NotSupported' });
  });

  for (const type of ['Soft', 'Hard'] as const) {
    it(`§5.14 Reset ${type}: transactions stopped with reason ${type}Reset, the connection reopened, BootNotification again`, async () => {
      const { csms, clock, station, client } = await rig();
      const opens: string[] = [];
      client.on('open', ({ protocol }) => opens.push(protocol));
      station.plugIn(1);
      await station.presentToken('TAG-1', 1);
      await clock.advance(60_000);
      csms.clear();
      expect(await csms.call('Reset', { type })).toEqual({ status: 'Accepted' });
      await clock.advance(1_000);
      // The StopTransaction may be overtaken by the status (§3.7), but both precede the reboot.
      expect(
        csms.received
          .slice(0, 2)
          .map((r) => r.action)
          .sort(),
      ).toEqual(['StatusNotification', 'StopTransaction']);
      expect(csms.received.slice(2).map((r) => r.action)).toEqual([
        'BootNotification',
        'SecurityEventNotification',
        'StatusNotification',
        'StatusNotification',
        'StatusNotification',
      ]);
      expect(csms.of('StopTransaction')[0]?.params).toMatchObject({
        reason: `${type}Reset`,
        transactionId: 100,
      });
      expect(opens).toEqual(['ocpp1.6']);
      // Security whitepaper §8: a reset is the critical event ResetOrReboot.
      expect(csms.of('SecurityEventNotification')[0]?.params).toMatchObject({
        type: 'ResetOrReboot',
        techInfo: 'RemoteReset',
      });
      expect(station.snapshot().boot.status).toBe('Accepted');
      // The car is still plugged in after the reboot, its transaction over.
      expect(statuses(csms, 1).slice(-1)).toEqual(['Finishing']);
    });
  }
});
