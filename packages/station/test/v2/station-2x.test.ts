// The 2.x profile through the façade: snapshots in 2.x terms, what persists across a restart,
// network profiles (B09) and DataTransfer (P01).

import { MemoryMessageStore } from '@ocpp-ws-io/core';
import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryPersistence, readOcpp2State } from '../../src/index.js';
import { MemoryCsms2, rig2, T0 } from './helpers/csms2.js';

const profile = (securityProfile: number) => ({
  ocppVersion: 'OCPP20' as const,
  ocppTransport: 'JSON' as const,
  ocppCsmsUrl: 'wss://backup.example/ocpp',
  messageTimeout: 30,
  securityProfile,
  ocppInterface: 'Wired0' as const,
});

describe('the 2.x station (OCPP 2.0.1 B09, P01, G01)', () => {
  it('G01 snapshots show 2.x statuses: Occupied while charging, Unavailable for an inoperative EVSE', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } });
    await clock.settle();
    const snapshot = station.snapshot();
    expect(snapshot.protocol).toBe('ocpp2.0.1');
    expect(snapshot.connectors.map((c) => c.status)).toEqual(['Occupied', 'Unavailable']);
    expect(snapshot.station.status).toBe('Available');
  });

  it('B09 SetNetworkProfile: a free slot is stored; the active slot, an unknown slot and a lower security profile are Rejected', async () => {
    const { csms, station } = await rig2({ config: { 'SecurityCtrlr.SecurityProfile': '1' } });
    expect(
      await csms.call('SetNetworkProfile', { configurationSlot: 2, connectionData: profile(2) }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(
      await csms.call('SetNetworkProfile', { configurationSlot: 0, connectionData: profile(2) }),
    ).toEqual({
      status: 'Rejected',
    });
    expect(
      await csms.call('SetNetworkProfile', { configurationSlot: 9, connectionData: profile(2) }),
    ).toEqual({
      status: 'Rejected',
    });
    expect(
      await csms.call('SetNetworkProfile', { configurationSlot: 1, connectionData: profile(0) }),
    ).toEqual({
      status: 'Rejected',
    });
    expect(readOcpp2State(station.state)?.networkProfiles).toEqual({ '2': profile(2) });
  });

  it('P01 DataTransfer: UnknownVendorId without the dataTransfer option; the option answers otherwise', async () => {
    const plain = await rig2();
    expect(await plain.csms.call('DataTransfer', { vendorId: 'com.acme' })).toEqual({
      status: 'UnknownVendorId',
    });
    const custom = await rig2({
      dataTransfer: ({ vendorId, messageId }) =>
        vendorId === 'com.acme'
          ? { status: 'Accepted', data: `pong:${messageId}` }
          : { status: 'UnknownVendorId' },
    });
    expect(await custom.csms.call('DataTransfer', { vendorId: 'com.acme', messageId: 'ping' })).toEqual({
      status: 'Accepted',
      data: 'pong:ping',
    });
  });

  it('what the CSMS set survives a restart: variables, monitors, display messages, local list; seqNo of a finished transaction is forgotten once delivered', async () => {
    const clock = new ManualClock(T0);
    const w = {
      clock,
      csms: new MemoryCsms2(clock, 'ocpp2.0.1'),
      store: new MemoryMessageStore(),
      persistence: new MemoryPersistence(),
    };
    const first = await rig2(w);
    await w.csms.call('SetVariables', {
      setVariableData: [
        { component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' }, attributeValue: '45' },
      ],
    });
    await w.csms.call('SetVariableMonitoring', {
      setMonitoringData: [
        {
          value: 1,
          type: 'Delta',
          severity: 7,
          component: { name: 'EVSE', evse: { id: 1 } },
          variable: { name: 'Power' },
        },
      ],
    });
    await w.csms.call('SetDisplayMessage', {
      message: { id: 5, priority: 'NormalCycle', message: { format: 'UTF8', content: 'Welcome' } },
    });
    await w.csms.call('SendLocalList', { versionNumber: 3, updateType: 'Full' });
    first.station.plugIn(1);
    await first.station.presentToken('TAG-1', 1);
    await first.station.stopCharging(1);
    await first.station.stop();

    const second = await rig2(w);
    const got = await w.csms.call('GetVariables', {
      getVariableData: [{ component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' } }],
    });
    expect(got.getVariableResult[0]?.attributeValue).toBe('45');
    expect(await w.csms.call('GetLocalListVersion', {})).toEqual({ versionNumber: 3 });
    const data = readOcpp2State(second.station.state);
    expect(data?.monitors.map((m) => m.id)).toEqual([1, 2, 3, 100]);
    expect(data?.displayMessages.map((m) => m.id)).toEqual([5]);
    expect(data?.transactions).toEqual({});
  });
});
