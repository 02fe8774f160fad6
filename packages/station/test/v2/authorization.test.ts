import { describe, expect, it } from 'vitest';
import { events, rig2 } from './helpers/csms2.js';

const card = (idToken: string) => ({ idToken, type: 'ISO14443' as const });

describe('authorization (OCPP 2.0.1 C01–C16, D01, D02)', () => {
  it('C01 Authorize with the idToken and its type; C10 the answer is cached; C11 ClearCache empties it', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(csms.of('Authorize')[0]?.params).toEqual({ idToken: card('TAG-1') });
    expect(station.state.auth.cache['ISO14443:TAG-1']?.status).toBe('Accepted');
    // The default AuthCacheCtrlr.LifeTime (a day) bounds a cached entry without cacheExpiryDateTime.
    expect(station.state.auth.cache['ISO14443:TAG-1']?.expiresAtMs).toBe(station.clock.now() + 86_400_000);
    expect(await csms.call('ClearCache', {})).toEqual({ status: 'Accepted' });
    expect(station.state.auth.cache).toEqual({});
  });

  it('C01 a refused token starts nothing', async () => {
    const { csms, clock, station } = await rig2();
    csms.behaviour.refused.add('BAD');
    station.plugIn(1);
    expect(await station.presentToken('BAD', 1)).toEqual({ result: 'rejected', reason: 'idToken Invalid' });
    await clock.settle();
    expect(events(csms)).toEqual([]);
  });

  it('C14 LocalPreAuthorize: a token on the local list starts at once, without Authorize', async () => {
    const { csms, clock, station } = await rig2({ config: { 'AuthCtrlr.LocalPreAuthorize': 'true' } });
    expect(
      await csms.call('SendLocalList', {
        versionNumber: 1,
        updateType: 'Full',
        localAuthorizationList: [{ idToken: card('LISTED'), idTokenInfo: { status: 'Accepted' } }],
      }),
    ).toEqual({ status: 'Accepted' });
    station.plugIn(1);
    expect((await station.presentToken('LISTED', 1)).result).toBe('started');
    await clock.settle();
    expect(csms.of('Authorize')).toEqual([]);
    expect(events(csms)[0]?.idToken).toEqual(card('LISTED'));
  });

  it('C13/C15 offline: a listed token charges (LocalAuthorizeOffline), an unknown one only with OfflineTxForUnknownIdEnabled', async () => {
    const { csms, clock, station } = await rig2();
    await csms.call('SendLocalList', {
      versionNumber: 1,
      updateType: 'Full',
      localAuthorizationList: [{ idToken: card('LISTED'), idTokenInfo: { status: 'Accepted' } }],
    });
    station.goOffline();
    await clock.settle();
    station.plugIn(1);
    station.plugIn(2);
    expect((await station.presentToken('STRANGER', 2)).result).toBe('rejected');
    expect((await station.presentToken('LISTED', 1)).result).toBe('started');
  });

  it('D01 SendLocalList Full then Differential; D02 GetLocalListVersion; VersionMismatch for an old version; Failed over ItemsPerMessage', async () => {
    const { csms, station } = await rig2({ config: { 'LocalAuthListCtrlr.ItemsPerMessage': '2' } });
    expect(await csms.call('GetLocalListVersion', {})).toEqual({ versionNumber: 0 });
    await csms.call('SendLocalList', {
      versionNumber: 5,
      updateType: 'Full',
      localAuthorizationList: [
        { idToken: card('A'), idTokenInfo: { status: 'Accepted' } },
        { idToken: card('B'), idTokenInfo: { status: 'Blocked' } },
      ],
    });
    expect(await csms.call('GetLocalListVersion', {})).toEqual({ versionNumber: 5 });
    expect(
      await csms.call('SendLocalList', {
        versionNumber: 5,
        updateType: 'Differential',
        localAuthorizationList: [{ idToken: card('C'), idTokenInfo: { status: 'Accepted' } }],
      }),
    ).toEqual({ status: 'VersionMismatch' });
    expect(
      await csms.call('SendLocalList', {
        versionNumber: 6,
        updateType: 'Differential',
        localAuthorizationList: [
          { idToken: card('C'), idTokenInfo: { status: 'Accepted' } },
          { idToken: card('B') },
        ],
      }),
    ).toEqual({ status: 'Accepted' });
    expect(Object.keys(station.state.auth.localList.entries).sort()).toEqual(['ISO14443:A', 'ISO14443:C']);
    expect(
      await csms.call('SendLocalList', {
        versionNumber: 7,
        updateType: 'Full',
        localAuthorizationList: [card('X'), card('Y'), card('Z')].map((idToken) => ({ idToken })),
      }),
    ).toEqual({ status: 'Failed' });
    expect(await csms.call('GetLocalListVersion', {})).toEqual({ versionNumber: 6 });
    const got = await csms.call('GetVariables', {
      getVariableData: [{ component: { name: 'LocalAuthListCtrlr' }, variable: { name: 'Entries' } }],
    });
    expect(got.getVariableResult[0]?.attributeValue).toBe('2');
  });

  it('AuthCtrlr.Enabled false: plugging in starts an authorized transaction without a token', async () => {
    const { csms, clock, station } = await rig2({ config: { 'AuthCtrlr.Enabled': 'false' } });
    station.plugIn(1);
    await clock.settle();
    expect(events(csms)[0]).toMatchObject({ eventType: 'Started', triggerReason: 'CablePluggedIn' });
    expect(station.snapshot().connectors[0]?.powerW).toBe(11_000);
  });
});
