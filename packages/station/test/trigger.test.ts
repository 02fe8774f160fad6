import { describe, expect, it } from 'vitest';
import { rig, statuses } from './helpers/csms.js';

describe('TriggerMessage (OCPP 1.6 §5.17) and ExtendedTriggerMessage (security whitepaper F06)', () => {
  const cases = [
    ['BootNotification', 'BootNotification'],
    ['Heartbeat', 'Heartbeat'],
    ['StatusNotification', 'StatusNotification'],
    ['MeterValues', 'MeterValues'],
    ['FirmwareStatusNotification', 'FirmwareStatusNotification'],
    ['DiagnosticsStatusNotification', 'DiagnosticsStatusNotification'],
  ] as const;
  for (const [requested, sent] of cases) {
    it(`§5.17 TriggerMessage ${requested}: Accepted, then ${sent} is sent`, async () => {
      const { csms, clock } = await rig();
      csms.clear();
      expect(await csms.call('TriggerMessage', { requestedMessage: requested, connectorId: 1 })).toEqual({
        status: 'Accepted',
      });
      await clock.settle();
      expect(csms.received.map((r) => r.action)).toContain(sent);
    });
  }

  it('§5.17 TriggerMessage StatusNotification sends the status again even if unchanged; MeterValues per connector', async () => {
    const { csms, clock } = await rig();
    await csms.call('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 2 });
    await csms.call('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 2 });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Available']);
    const [mv] = csms.of('MeterValues');
    expect(mv?.params.connectorId).toBe(2);
    type Sampled = { sampledValue: Array<{ context: string; measurand: string; value: string }> };
    const values = (mv?.params.meterValue as Sampled[] | undefined)?.[0]?.sampledValue;
    expect(values?.map((v) => [v.measurand, v.value, v.context])).toContainEqual([
      'Energy.Active.Import.Register',
      '2000',
      'Trigger',
    ]);
  });

  it('§5.17 a connector the station lacks is Rejected', async () => {
    const { csms } = await rig();
    expect(await csms.call('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 5 })).toEqual({
      status: 'Rejected',
    });
  });

  const extended = [
    ['BootNotification', 'BootNotification'],
    ['Heartbeat', 'Heartbeat'],
    ['StatusNotification', 'StatusNotification'],
    ['MeterValues', 'MeterValues'],
    ['LogStatusNotification', 'LogStatusNotification'],
    ['FirmwareStatusNotification', 'FirmwareStatusNotification'],
  ] as const;
  for (const [requested, sent] of extended) {
    it(`F06 ExtendedTriggerMessage ${requested}: Accepted, then ${sent} is sent`, async () => {
      const { csms, clock } = await rig();
      csms.clear();
      expect(await csms.call('ExtendedTriggerMessage', { requestedMessage: requested })).toEqual({
        status: 'Accepted',
      });
      await clock.settle();
      expect(csms.received.map((r) => r.action)).toContain(sent);
    });
  }

  it('§4.3 / §5.6 DataTransfer: UnknownVendorId unless a dataTransfer answer is configured', async () => {
    const plain = await rig();
    expect(await plain.csms.call('DataTransfer', { vendorId: 'com.acme', messageId: 'x' })).toEqual({
      status: 'UnknownVendorId',
    });
    const custom = await rig({
      dataTransfer: ({ vendorId, data }) =>
        vendorId === 'com.acme'
          ? { status: 'Accepted', data: `echo:${String(data)}` }
          : { status: 'UnknownVendorId' },
    });
    expect(await custom.csms.call('DataTransfer', { vendorId: 'com.acme', data: 'hi' })).toEqual({
      status: 'Accepted',
      data: 'echo:hi',
    });
  });
});
