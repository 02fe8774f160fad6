import { describe, expect, it } from 'vitest';
import { rig } from './helpers/csms.js';

describe('configuration (OCPP 1.6 §5.3 ChangeConfiguration, §5.8 GetConfiguration, §9)', () => {
  it('§5.3 → §5.8 a changed key reads back, and takes effect (HeartbeatInterval reschedules the heartbeat)', async () => {
    const { csms, clock } = await rig();
    expect(await csms.call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '45' })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('GetConfiguration', { key: ['HeartbeatInterval'] })).toEqual({
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '45' }],
    });
    await clock.advance(90_000);
    expect(csms.of('Heartbeat')).toHaveLength(2);
  });

  it('§5.3 read-only keys are Rejected, invalid values Rejected, unknown keys NotSupported', async () => {
    const { csms } = await rig();
    expect(await csms.call('ChangeConfiguration', { key: 'NumberOfConnectors', value: '4' })).toEqual({
      status: 'Rejected',
    });
    expect(await csms.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '-5' })).toEqual({
      status: 'Rejected',
    });
    expect(
      await csms.call('ChangeConfiguration', { key: 'MeterValuesSampledData', value: 'Temperature.Bogus' }),
    ).toEqual({
      status: 'Rejected',
    });
    expect(await csms.call('ChangeConfiguration', { key: 'NoSuchKey', value: '1' })).toEqual({
      status: 'NotSupported',
    });
    expect(await csms.call('GetConfiguration', { key: ['NumberOfConnectors'] })).toEqual({
      configurationKey: [{ key: 'NumberOfConnectors', readonly: true, value: '2' }],
    });
  });

  it('§5.8 unknown keys come back in unknownKey', async () => {
    const { csms } = await rig();
    expect(await csms.call('GetConfiguration', { key: ['ConnectionTimeOut', 'Bogus'] })).toEqual({
      configurationKey: [{ key: 'ConnectionTimeOut', readonly: false, value: '60' }],
      unknownKey: ['Bogus'],
    });
  });

  it('§5.8 with no keys lists every key of the supported profiles (core, local list, reservation, smart charging, security)', async () => {
    const { csms } = await rig();
    const { configurationKey = [] } = await csms.call('GetConfiguration', {});
    const keys = configurationKey.map((k) => k.key);
    for (const key of [
      'HeartbeatInterval',
      'LocalAuthListEnabled',
      'ReserveConnectorZeroSupported',
      'ChargeProfileMaxStackLevel',
      'SecurityProfile',
      'CpoName',
      'AuthorizationKey',
    ])
      expect(keys).toContain(key);
  });

  it('security whitepaper: AuthorizationKey is write-only — RebootRequired, and never read back (GetConfiguration, snapshot)', async () => {
    const { csms, station } = await rig();
    const secret = '0123456789abcdef0123456789abcdef';
    expect(await csms.call('ChangeConfiguration', { key: 'AuthorizationKey', value: secret })).toEqual({
      status: 'RebootRequired',
    });
    const { configurationKey = [] } = await csms.call('GetConfiguration', { key: ['AuthorizationKey'] });
    expect(configurationKey).toEqual([{ key: 'AuthorizationKey', readonly: false }]);
    const all = await csms.call('GetConfiguration', {});
    expect(JSON.stringify(all)).not.toContain(secret);
    expect(JSON.stringify(station.snapshot())).not.toContain(secret);
    // 16–20 bytes as hex (whitepaper §2.3.2): a short one is Rejected.
    expect(await csms.call('ChangeConfiguration', { key: 'AuthorizationKey', value: 'abcd' })).toEqual({
      status: 'Rejected',
    });
  });

  it('security whitepaper: SecurityProfile cannot be lowered', async () => {
    const { csms } = await rig({ config: { SecurityProfile: '2' } });
    expect(await csms.call('ChangeConfiguration', { key: 'SecurityProfile', value: '1' })).toEqual({
      status: 'Rejected',
    });
    expect(await csms.call('ChangeConfiguration', { key: 'SecurityProfile', value: '3' })).toEqual({
      status: 'RebootRequired',
    });
  });

  it('§9.1.18 MeterValueSampleInterval changed during a transaction takes effect at once', async () => {
    const { csms, clock, station } = await rig({ config: { MeterValueSampleInterval: '600' } });
    station.plugIn(1);
    await station.presentToken('TAG-1');
    await csms.call('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '30' });
    await clock.advance(90_000);
    expect(csms.of('MeterValues')).toHaveLength(3);
  });

  it('a change made at the station (configure) follows ChangeConfiguration: rules, effects, configKeys', async () => {
    const { csms, clock, station } = await rig({ start: false });
    expect(station.configure('HeartbeatInterval', '45')).toBe('NotSupported'); // stopped
    expect(station.configKeys()).toEqual([]);
    await station.start();
    await clock.settle();
    expect(station.configure('HeartbeatInterval', '45')).toBe('Accepted');
    expect(station.snapshot().config.HeartbeatInterval).toBe('45');
    expect(station.configure('NumberOfConnectors', '4')).toBe('Rejected');
    expect(station.configure('SecurityProfile', '1')).toBe('RebootRequired');
    expect(station.configure('NoSuchKey', '1')).toBe('NotSupported');
    const keys = station.configKeys();
    expect(keys.find((k) => k.key === 'NumberOfConnectors')).toEqual({
      key: 'NumberOfConnectors',
      readOnly: true,
      rebootRequired: false,
    });
    expect(keys.find((k) => k.key === 'WebSocketPingInterval')?.rebootRequired).toBe(true);
    expect(keys.some((k) => k.key === 'AuthorizationKey')).toBe(false); // write-only
    const before = csms.of('Heartbeat').length;
    await clock.advance(90_000);
    expect(csms.of('Heartbeat').length - before).toBe(2);
  });
});
