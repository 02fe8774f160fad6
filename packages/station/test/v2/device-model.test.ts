import { describe, expect, it } from 'vitest';
import { rig2 } from './helpers/csms2.js';

type ReportData = {
  component: { name: string; instance?: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string; instance?: string };
  variableAttribute: Array<{ type?: string; value?: string; mutability?: string }>;
  variableCharacteristics?: { dataType: string; valuesList?: string; unit?: string };
};
type Report = { requestId: number; seqNo: number; tbc?: boolean; reportData?: ReportData[] };

const variable = (component: string, name: string, instance?: string) => ({
  component: { name: component },
  variable: { name, ...(instance ? { instance } : {}) },
});

describe('device model (OCPP 2.0.1 B05–B08)', () => {
  it('B05 SetVariables → B06 GetVariables: the value is stored and read back; timers follow (HeartbeatInterval)', async () => {
    const { csms, clock } = await rig2();
    const set = await csms.call('SetVariables', {
      setVariableData: [{ ...variable('OCPPCommCtrlr', 'HeartbeatInterval'), attributeValue: '40' }],
    });
    expect(set.setVariableResult).toEqual([
      { ...variable('OCPPCommCtrlr', 'HeartbeatInterval'), attributeStatus: 'Accepted' },
    ]);
    const got = await csms.call('GetVariables', {
      getVariableData: [variable('OCPPCommCtrlr', 'HeartbeatInterval')],
    });
    expect(got.getVariableResult).toEqual([
      {
        ...variable('OCPPCommCtrlr', 'HeartbeatInterval'),
        attributeStatus: 'Accepted',
        attributeValue: '40',
      },
    ]);
    await clock.advance(80_000);
    expect(csms.of('Heartbeat')).toHaveLength(2);
  });

  it('B05 statuses: ReadOnly Rejected, wrong type Rejected, not in the values list Rejected, RebootRequired, UnknownComponent, UnknownVariable, NotSupportedAttributeType', async () => {
    const { csms } = await rig2();
    const { setVariableResult } = await csms.call('SetVariables', {
      setVariableData: [
        { ...variable('SecurityCtrlr', 'SecurityProfile'), attributeValue: '2' },
        { ...variable('OCPPCommCtrlr', 'HeartbeatInterval'), attributeValue: 'soon' },
        { ...variable('TxCtrlr', 'TxStartPoint'), attributeValue: 'DataSigned' },
        { ...variable('OCPPCommCtrlr', 'WebSocketPingInterval'), attributeValue: '30' },
        { ...variable('NoSuchCtrlr', 'Enabled'), attributeValue: 'true' },
        { ...variable('OCPPCommCtrlr', 'NoSuchVariable'), attributeValue: '1' },
        { ...variable('OCPPCommCtrlr', 'OfflineThreshold'), attributeType: 'Target', attributeValue: '10' },
      ],
    });
    expect(setVariableResult.map((r) => r.attributeStatus)).toEqual([
      'Rejected',
      'Rejected',
      'Rejected',
      'RebootRequired',
      'UnknownComponent',
      'UnknownVariable',
      'NotSupportedAttributeType',
    ]);
    // RebootRequired: stored and reported at once (it takes effect at the next boot).
    const got = await csms.call('GetVariables', {
      getVariableData: [variable('OCPPCommCtrlr', 'WebSocketPingInterval')],
    });
    expect(got.getVariableResult[0]?.attributeValue).toBe('30');
  });

  it('B05/B06 WriteOnly BasicAuthPassword: written, never read back (Rejected), hidden from snapshots', async () => {
    const { csms, station } = await rig2();
    const password = 'correct-horse-battery';
    const set = await csms.call('SetVariables', {
      setVariableData: [{ ...variable('SecurityCtrlr', 'BasicAuthPassword'), attributeValue: password }],
    });
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Accepted');
    const got = await csms.call('GetVariables', {
      getVariableData: [variable('SecurityCtrlr', 'BasicAuthPassword')],
    });
    expect(got.getVariableResult[0]).toEqual({
      ...variable('SecurityCtrlr', 'BasicAuthPassword'),
      attributeStatus: 'Rejected',
    });
    expect(JSON.stringify(station.snapshot())).not.toContain(password);
  });

  it('B06 EVSE components: Power Actual (drawn now) and MaxSet (hardware), AvailabilityState as reported', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(2);
    await station.presentToken('TAG-1', 2);
    await clock.settle();
    const evse = (id: number, name: string, attributeType?: 'MaxSet') => ({
      component: { name: 'EVSE', evse: { id } },
      variable: { name },
      ...(attributeType ? { attributeType } : {}),
    });
    const { getVariableResult } = await csms.call('GetVariables', {
      getVariableData: [
        evse(2, 'Power'),
        evse(2, 'Power', 'MaxSet'),
        evse(2, 'AvailabilityState'),
        evse(1, 'AvailabilityState'),
        evse(3, 'Power'),
      ],
    });
    expect(getVariableResult.map((r) => [r.attributeStatus, r.attributeValue])).toEqual([
      ['Accepted', '11000'],
      ['Accepted', '22000'],
      ['Accepted', 'Occupied'],
      ['Accepted', 'Available'],
      ['UnknownComponent', undefined],
    ]);
  });

  it('B05/B06 more entries than ItemsPerMessage: CALLERROR OccurrenceConstraintViolation', async () => {
    const { csms } = await rig2({ config: { 'DeviceDataCtrlr.ItemsPerMessage[GetVariables]': '2' } });
    const failure = await csms
      .call('GetVariables', {
        getVariableData: [
          variable('TxCtrlr', 'TxStartPoint'),
          variable('TxCtrlr', 'TxStopPoint'),
          variable('AuthCtrlr', 'Enabled'),
        ],
      })
      .catch((e: { code?: string }) => e.code);
    expect(failure).toBe('OccurrenceConstraintViolation');
  });

  it('B07 GetBaseReport FullInventory: Accepted, then NotifyReport parts of ItemsPerMessage[GetReport] entries, seqNo from 0, tbc on all but the last', async () => {
    const { csms, clock, station } = await rig2({
      config: { 'DeviceDataCtrlr.ItemsPerMessage[GetReport]': '7' },
    });
    expect(await csms.call('GetBaseReport', { requestId: 9, reportBase: 'FullInventory' })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    const parts = csms.of('NotifyReport').map((r) => r.params as unknown as Report);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.map((p) => p.seqNo)).toEqual(parts.map((_, i) => i));
    expect(parts.map((p) => p.tbc ?? false)).toEqual(parts.map((_, i) => i < parts.length - 1));
    for (const p of parts) {
      expect(p.requestId).toBe(9);
      expect(p.reportData?.length).toBeLessThanOrEqual(7);
    }
    const all = parts.flatMap((p) => p.reportData ?? []);
    const find = (component: string, name: string, evse?: number) =>
      all.find(
        (d) => d.component.name === component && d.variable.name === name && d.component.evse?.id === evse,
      );
    expect(find('OCPPCommCtrlr', 'HeartbeatInterval')?.variableAttribute[0]).toMatchObject({
      type: 'Actual',
      value: '300',
      mutability: 'ReadWrite',
    });
    expect(find('TxCtrlr', 'TxStartPoint')?.variableCharacteristics).toMatchObject({
      dataType: 'MemberList',
      valuesList: 'EVConnected,Authorized,PowerPathClosed,EnergyTransfer',
    });
    // Write-only: reported, without its value.
    expect(find('SecurityCtrlr', 'BasicAuthPassword')?.variableAttribute[0]).toEqual({
      type: 'Actual',
      mutability: 'WriteOnly',
      persistent: true,
      constant: false,
    });
    expect(find('EVSE', 'Power', 2)?.variableAttribute.map((a) => a.type)).toEqual(['Actual', 'MaxSet']);
    expect(find('Connector', 'ConnectorType', 1)?.variableAttribute[0]?.value).toBe('cType2');
    // One entry per variable of the device model.
    expect(all).toHaveLength(new Set(all.map((d) => JSON.stringify([d.component, d.variable]))).size);
    expect(station.snapshot().boot.status).toBe('Accepted');
  });

  it('B07 ConfigurationInventory holds only writable variables; SummaryInventory the availability and problem variables', async () => {
    const { csms, clock } = await rig2();
    await csms.call('GetBaseReport', { requestId: 1, reportBase: 'ConfigurationInventory' });
    await csms.call('GetBaseReport', { requestId: 2, reportBase: 'SummaryInventory' });
    await clock.settle();
    const data = (requestId: number) =>
      csms
        .of('NotifyReport')
        .map((r) => r.params as unknown as Report)
        .filter((p) => p.requestId === requestId)
        .flatMap((p) => p.reportData ?? []);
    expect(data(1).every((d) => d.variableAttribute[0]?.mutability !== 'ReadOnly')).toBe(true);
    expect(data(1).some((d) => d.variable.name === 'TxUpdatedInterval')).toBe(true);
    expect(new Set(data(2).map((d) => d.variable.name))).toEqual(new Set(['AvailabilityState', 'Problem']));
  });

  it('B08 GetReport: the components asked for; componentCriteria Problem only a faulted EVSE; EmptyResultSet when nothing matches', async () => {
    const { csms, clock, station } = await rig2();
    expect(
      await csms.call('GetReport', {
        requestId: 1,
        componentVariable: [{ component: { name: 'TxCtrlr' }, variable: { name: 'StopTxOnInvalidId' } }],
      }),
    ).toEqual({ status: 'Accepted' });
    expect(await csms.call('GetReport', { requestId: 2, componentCriteria: ['Problem'] })).toEqual({
      status: 'EmptyResultSet',
    });
    station.fault(2, { errorCode: 'GroundFailure' });
    expect(await csms.call('GetReport', { requestId: 3, componentCriteria: ['Problem'] })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    const reports = csms.of('NotifyReport').map((r) => r.params as unknown as Report);
    expect(reports.find((r) => r.requestId === 1)?.reportData?.map((d) => d.variable.name)).toEqual([
      'StopTxOnInvalidId',
    ]);
    const problem = reports.find((r) => r.requestId === 3)?.reportData ?? [];
    expect(new Set(problem.map((d) => `${d.component.name}@${d.component.evse?.id}`))).toEqual(
      new Set(['EVSE@2']),
    );
  });
});

describe('the device model from the station itself (configKeys / configure)', () => {
  it('follows SetVariables (B05): the same rules, answers and effects; write-only variables are not listed', async () => {
    const { csms, clock, station } = await rig2();
    const heartbeat = 'OCPPCommCtrlr.HeartbeatInterval';
    expect(station.configure(heartbeat, '40')).toBe('Accepted');
    expect(station.snapshot().config[heartbeat]).toBe('40');
    // Read back by the CSMS, as if it had set it (B06).
    const got = await csms.call('GetVariables', {
      getVariableData: [variable('OCPPCommCtrlr', 'HeartbeatInterval')],
    });
    expect(got.getVariableResult[0]).toMatchObject({ attributeStatus: 'Accepted', attributeValue: '40' });
    expect(station.configure(heartbeat, 'forty')).toBe('Rejected'); // not an integer
    expect(station.configure('SecurityCtrlr.SecurityProfile', '2')).toBe('Rejected'); // ReadOnly
    expect(station.configure('OCPPCommCtrlr.WebSocketPingInterval', '30')).toBe('RebootRequired');
    expect(station.configure('NoSuchCtrlr.Nothing', '1')).toBe('NotSupported');
    const keys = station.configKeys();
    expect(keys.find((k) => k.key === 'SecurityCtrlr.SecurityProfile')).toMatchObject({ readOnly: true });
    expect(keys.find((k) => k.key === 'OCPPCommCtrlr.WebSocketPingInterval')).toMatchObject({
      rebootRequired: true,
    });
    expect(keys.some((k) => k.key.includes('BasicAuthPassword'))).toBe(false);
    // The heartbeat timer follows the new interval at once.
    const before = csms.of('Heartbeat').length;
    await clock.advance(80_000);
    expect(csms.of('Heartbeat').length - before).toBe(2);
  });
});
