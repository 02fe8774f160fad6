import { describe, expect, it } from 'vitest';
import { rig } from './helpers/csms.js';

describe('authorization (OCPP 1.6 §3.5, §5.4, §5.10, §5.15)', () => {
  it('§5.15 → §5.10 SendLocalList sets the version GetLocalListVersion reports', async () => {
    const { csms } = await rig();
    expect(await csms.call('GetLocalListVersion', {})).toEqual({ listVersion: 0 });
    expect(
      await csms.call('SendLocalList', {
        listVersion: 7,
        updateType: 'Full',
        localAuthorizationList: [{ idTag: 'LIST-1', idTagInfo: { status: 'Accepted' } }],
      }),
    ).toEqual({ status: 'Accepted' });
    expect(await csms.call('GetLocalListVersion', {})).toEqual({ listVersion: 7 });
  });

  it('§5.15 Differential: adds and removes entries; a version ≤ the current one is VersionMismatch (§7.47)', async () => {
    const { csms, station } = await rig();
    await csms.call('SendLocalList', {
      listVersion: 3,
      updateType: 'Full',
      localAuthorizationList: [
        { idTag: 'A', idTagInfo: { status: 'Accepted' } },
        { idTag: 'B', idTagInfo: { status: 'Accepted' } },
      ],
    });
    expect(
      await csms.call('SendLocalList', {
        listVersion: 3,
        updateType: 'Differential',
        localAuthorizationList: [{ idTag: 'C' }],
      }),
    ).toEqual({ status: 'VersionMismatch' });
    expect(
      await csms.call('SendLocalList', {
        listVersion: 4,
        updateType: 'Differential',
        localAuthorizationList: [{ idTag: 'A' }, { idTag: 'C', idTagInfo: { status: 'Blocked' } }],
      }),
    ).toEqual({ status: 'Accepted' });
    expect(Object.keys(station.state.auth.localList.entries).sort()).toEqual(['B', 'C']);
    expect(await csms.call('GetLocalListVersion', {})).toEqual({ listVersion: 4 });
  });

  it('§5.15 more entries than SendLocalListMaxLength: Failed', async () => {
    const { csms } = await rig();
    const list = Array.from({ length: 101 }, (_, i) => ({
      idTag: `T${i}`,
      idTagInfo: { status: 'Accepted' as const },
    }));
    expect(
      await csms.call('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: list }),
    ).toEqual({
      status: 'Failed',
    });
  });

  it('§3.5 LocalPreAuthorize: an idTag on the local list starts at once, without Authorize', async () => {
    const { csms, clock, station } = await rig({ config: { LocalPreAuthorize: 'true' } });
    await csms.call('SendLocalList', {
      listVersion: 1,
      updateType: 'Full',
      localAuthorizationList: [{ idTag: 'LIST-1', idTagInfo: { status: 'Accepted' } }],
    });
    station.plugIn(1);
    expect((await station.presentToken('LIST-1')).result).toBe('started');
    await clock.settle();
    expect(csms.of('Authorize')).toHaveLength(0);
    // A Blocked entry is not trusted locally: online, the CSMS is asked (§3.5.1)…
    await csms.call('SendLocalList', {
      listVersion: 2,
      updateType: 'Differential',
      localAuthorizationList: [{ idTag: 'LIST-2', idTagInfo: { status: 'Blocked' } }],
    });
    station.plugIn(2);
    csms.behaviour.refused.add('LIST-2');
    expect(await station.presentToken('LIST-2')).toMatchObject({ result: 'rejected' });
    expect(csms.of('Authorize').map((r) => r.params.idTag)).toEqual(['LIST-2']);
  });

  it('§3.5.4 offline: an idTag the local list marks Blocked is rejected even with AllowOfflineTxForUnknownId', async () => {
    const { csms, clock, station } = await rig({ config: { AllowOfflineTxForUnknownId: 'true' } });
    await csms.call('SendLocalList', {
      listVersion: 1,
      updateType: 'Full',
      localAuthorizationList: [{ idTag: 'BLOCKED', idTagInfo: { status: 'Blocked' } }],
    });
    station.goOffline();
    await clock.settle();
    station.plugIn(1);
    expect(await station.presentToken('BLOCKED', 1)).toMatchObject({ result: 'rejected' });
    expect(await station.presentToken('ANYONE', 1)).toEqual({ result: 'started', connectorId: 1 });
  });

  it('§3.5.1 the cache is updated from StopTransaction.conf too (the CSMS blocked the idTag meanwhile)', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    csms.behaviour.refused.add('TAG-1');
    await station.presentToken('TAG-1');
    await clock.settle();
    expect(station.state.auth.cache['TAG-1']?.status).toBe('Invalid');
  });

  it('§3.5.1 the Authorization Cache keeps the CSMS answer; §5.4 ClearCache empties it', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await clock.settle();
    expect(station.state.auth.cache['TAG-1']?.status).toBe('Accepted');
    expect(await csms.call('ClearCache', {})).toEqual({ status: 'Accepted' });
    expect(station.state.auth.cache).toEqual({});
  });

  it('§3.5 / §3.5.4 offline: LocalAuthorizeOffline lets a cached idTag start; AllowOfflineTxForUnknownId decides unknown ones', async () => {
    const { csms, clock, station } = await rig({ config: { AllowOfflineTxForUnknownId: 'false' } });
    station.plugIn(1);
    await station.presentToken('KNOWN');
    await clock.settle();
    await station.presentToken('KNOWN');
    station.unplug(1);
    await clock.settle();
    station.goOffline();
    await clock.settle();
    station.plugIn(1);
    station.plugIn(2);
    expect(await station.presentToken('STRANGER', 2)).toMatchObject({ result: 'rejected' });
    expect(await station.presentToken('KNOWN', 1)).toEqual({ result: 'started', connectorId: 1 });
    expect(csms.of('Authorize')).toHaveLength(1);
  });

  it('§3.5.4 / §9.1.1 AllowOfflineTxForUnknownId=true: an unknown idTag may charge while offline', async () => {
    const { station, clock } = await rig({ config: { AllowOfflineTxForUnknownId: 'true' } });
    station.goOffline();
    await clock.settle();
    station.plugIn(2);
    expect(await station.presentToken('STRANGER', 2)).toEqual({ result: 'started', connectorId: 2 });
  });
});
