import { describe, expect, it } from 'vitest';
import { rig2, T0 } from './helpers/csms2.js';

type EventData = {
  eventId: number;
  trigger: string;
  actualValue: string;
  cleared?: boolean;
  variableMonitoringId?: number;
  eventNotificationType: string;
  component: { name: string; evse?: { id: number } };
  variable: { name: string };
  transactionId?: string;
};
const eventsOf = (rows: Array<{ params: Record<string, unknown> }>) =>
  rows.flatMap((r) => (r.params.eventData as EventData[]) ?? []);
const evsePower = (id: number) => ({
  component: { name: 'EVSE', evse: { id } },
  variable: { name: 'Power' },
});

describe('monitoring (OCPP 2.0.1 N02–N08)', () => {
  it('N04 SetVariableMonitoring UpperThreshold on EVSE Power → N07 NotifyEvent when charging crosses it, cleared when it stops', async () => {
    const { csms, clock, station } = await rig2();
    const { setMonitoringResult } = await csms.call('SetVariableMonitoring', {
      setMonitoringData: [{ value: 5000, type: 'UpperThreshold', severity: 5, ...evsePower(1) }],
    });
    expect(setMonitoringResult[0]).toMatchObject({ status: 'Accepted', type: 'UpperThreshold', severity: 5 });
    const id = setMonitoringResult[0]?.id;
    expect(id).toBeGreaterThanOrEqual(100);
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    await station.stopCharging(1);
    await clock.settle();
    expect(
      eventsOf(csms.of('NotifyEvent')).map((e) => [
        e.trigger,
        e.actualValue,
        e.cleared ?? false,
        e.variableMonitoringId,
        e.eventNotificationType,
      ]),
    ).toEqual([
      ['Alerting', '11000', false, id, 'CustomMonitor'],
      ['Alerting', '0', true, id, 'CustomMonitor'],
    ]);
  });

  it('N04 statuses: UnknownComponent, UnknownVariable, UnsupportedMonitorType (threshold on a non-number), Duplicate, Rejected (unknown id)', async () => {
    const { csms } = await rig2();
    const { setMonitoringResult } = await csms.call('SetVariableMonitoring', {
      setMonitoringData: [
        { value: 1, type: 'Delta', severity: 5, component: { name: 'Nope' }, variable: { name: 'X' } },
        { value: 1, type: 'Delta', severity: 5, component: { name: 'TxCtrlr' }, variable: { name: 'Nope' } },
        {
          value: 1,
          type: 'UpperThreshold',
          severity: 5,
          component: { name: 'TxCtrlr' },
          variable: { name: 'TxStartPoint' },
        },
        { value: 1000, type: 'LowerThreshold', severity: 3, ...evsePower(2) },
        { value: 2000, type: 'LowerThreshold', severity: 3, ...evsePower(2) },
        { id: 999, value: 1, type: 'Delta', severity: 5, ...evsePower(2) },
      ],
    });
    expect(setMonitoringResult.map((r) => r.status)).toEqual([
      'UnknownComponent',
      'UnknownVariable',
      'UnsupportedMonitorType',
      'Accepted',
      'Duplicate',
      'Rejected',
    ]);
  });

  it('N07 Delta monitor on a configuration value: NotifyEvent when SetVariables changes it; N05 SetMonitoringLevel silences a lower severity', async () => {
    const { csms, clock } = await rig2();
    const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    await csms.call('SetVariableMonitoring', {
      setMonitoringData: [{ value: 10, type: 'Delta', severity: 6, ...heartbeat }],
    });
    const set = (value: string) =>
      csms.call('SetVariables', { setVariableData: [{ ...heartbeat, attributeValue: value }] });
    await set('305'); // moved 5: below the delta
    await set('320'); // moved 20 from 300
    await clock.settle();
    expect(eventsOf(csms.of('NotifyEvent')).map((e) => [e.trigger, e.actualValue])).toEqual([
      ['Delta', '320'],
    ]);
    expect(await csms.call('SetMonitoringLevel', { severity: 4 })).toEqual({ status: 'Accepted' });
    await set('400');
    await clock.settle();
    expect(eventsOf(csms.of('NotifyEvent'))).toHaveLength(1);
    expect(await csms.call('SetMonitoringLevel', { severity: 10 })).toEqual({ status: 'Rejected' });
  });

  it('N07 the hard-wired Problem monitor reports a station fault; N06 ClearVariableMonitoring refuses it, removes custom ones', async () => {
    const { csms, clock, station } = await rig2();
    station.fault(0, { errorCode: 'PowerMeterFailure' });
    await clock.settle();
    const [event] = eventsOf(csms.of('NotifyEvent'));
    expect(event).toMatchObject({
      trigger: 'Delta',
      actualValue: 'true',
      eventNotificationType: 'HardWiredMonitor',
      component: { name: 'ChargingStation' },
      variable: { name: 'Problem' },
    });
    const { setMonitoringResult } = await csms.call('SetVariableMonitoring', {
      setMonitoringData: [{ value: 60, type: 'Periodic', severity: 8, ...evsePower(1) }],
    });
    const custom = setMonitoringResult[0]?.id ?? -1;
    expect(await csms.call('ClearVariableMonitoring', { id: [1, custom, 12345] })).toEqual({
      clearMonitoringResult: [
        { id: 1, status: 'Rejected' },
        { id: custom, status: 'Accepted' },
        { id: 12345, status: 'NotFound' },
      ],
    });
  });

  it('N08 Periodic monitor: NotifyEvent (trigger Periodic) every `value` seconds on the clock', async () => {
    const { csms, clock } = await rig2();
    await csms.call('SetVariableMonitoring', {
      setMonitoringData: [{ value: 60, type: 'Periodic', severity: 8, ...evsePower(2) }],
    });
    await clock.advance(180_000);
    const periodic = csms.of('NotifyEvent').filter((r) => eventsOf([r])[0]?.trigger === 'Periodic');
    expect(periodic.map((r) => (r.atMs - T0) / 1000)).toEqual([60, 120, 180]);
  });

  it('N02 GetMonitoringReport → NotifyMonitoringReport; N03 SetMonitoringBase FactoryDefault drops the custom monitors, HardWiredOnly the preconfigured', async () => {
    const { csms, clock } = await rig2();
    await csms.call('SetVariableMonitoring', {
      setMonitoringData: [{ value: 5000, type: 'UpperThreshold', severity: 5, ...evsePower(1) }],
    });
    type Monitoring = { monitor?: Array<{ variableMonitoring: Array<{ id: number; type: string }> }> };
    const ids = async (requestId: number, extra: Record<string, unknown> = {}) => {
      const status = await csms.call('GetMonitoringReport', { requestId, ...extra });
      await clock.settle();
      const reports = csms.of('NotifyMonitoringReport').filter((r) => r.params.requestId === requestId);
      return {
        status: status.status,
        ids: reports
          .flatMap((r) => (r.params as Monitoring).monitor ?? [])
          .flatMap((m) => m.variableMonitoring.map((v) => v.id)),
      };
    };
    expect(await ids(1)).toEqual({ status: 'Accepted', ids: [1, 2, 3, 100] });
    expect(await ids(2, { monitoringCriteria: ['ThresholdMonitoring'] })).toEqual({
      status: 'Accepted',
      ids: [100],
    });
    expect(await ids(3, { monitoringCriteria: ['PeriodicMonitoring'] })).toEqual({
      status: 'EmptyResultSet',
      ids: [],
    });
    expect(await csms.call('SetMonitoringBase', { monitoringBase: 'FactoryDefault' })).toEqual({
      status: 'Accepted',
    });
    expect((await ids(4)).ids).toEqual([1, 2, 3]);
    await csms.call('SetMonitoringBase', { monitoringBase: 'HardWiredOnly' });
    expect((await ids(5)).ids).toEqual([1]);
    const base = await csms.call('GetVariables', {
      getVariableData: [
        { component: { name: 'MonitoringCtrlr' }, variable: { name: 'ActiveMonitoringBase' } },
      ],
    });
    expect(base.getVariableResult[0]?.attributeValue).toBe('HardWiredOnly');
  });
});
