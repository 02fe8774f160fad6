import { describe, expect, it } from 'vitest';
import { events, rig2, settleUntil, statuses } from './helpers/csms2.js';

const central = (idToken: string) => ({ idToken, type: 'Central' as const });

describe('remote control (OCPP 2.0.1 F01–F06)', () => {
  it('F01 AuthorizeRemoteStart: the idToken is authorized first, a refused one starts nothing', async () => {
    const { csms, clock, station } = await rig2({ config: { 'AuthCtrlr.AuthorizeRemoteStart': 'true' } });
    csms.behaviour.refused.add('BLOCKED');
    station.plugIn(1);
    expect(
      await csms.call('RequestStartTransaction', {
        remoteStartId: 1,
        idToken: central('BLOCKED'),
        evseId: 1,
      }),
    ).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(events(csms)).toEqual([]);
    await csms.call('RequestStartTransaction', { remoteStartId: 2, idToken: central('GOOD'), evseId: 1 });
    await clock.settle();
    expect(csms.of('Authorize').map((r) => (r.params.idToken as { idToken: string }).idToken)).toEqual([
      'BLOCKED',
      'GOOD',
    ]);
    expect(events(csms)[0]?.transactionInfo.remoteStartId).toBe(2);
  });

  it('F01 RequestStartTransaction is Rejected on a charging, faulted or unknown EVSE, and with a profile that is not a TxProfile', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    const start = (evseId: number) =>
      csms.call('RequestStartTransaction', { remoteStartId: 1, idToken: central('X'), evseId });
    expect(await start(1)).toEqual({ status: 'Rejected' });
    station.fault(2, { errorCode: 'GroundFailure' });
    expect(await start(2)).toEqual({ status: 'Rejected' });
    expect(await start(7)).toEqual({ status: 'Rejected' });
    station.clearFault(2);
    expect(
      await csms.call('RequestStartTransaction', {
        remoteStartId: 1,
        idToken: central('X'),
        evseId: 2,
        chargingProfile: {
          id: 5,
          stackLevel: 0,
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: [
            { id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 5000 }] },
          ],
        },
      }),
    ).toMatchObject({ status: 'Rejected' });
  });

  it('F01/K05 a TxProfile with the remote start limits the transaction it starts, and goes with it', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(2);
    await csms.call('RequestStartTransaction', {
      remoteStartId: 8,
      idToken: central('APP'),
      evseId: 2,
      chargingProfile: {
        id: 30,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: [
          { id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 4000 }] },
        ],
      },
    });
    await clock.settle();
    const transactionId = events(csms)[0]?.transactionInfo.transactionId;
    expect(station.snapshot().connectors[1]?.powerW).toBe(4000);
    expect(station.snapshot().chargingProfiles).toMatchObject([{ id: 30, transactionId, evseId: 2 }]);
    await station.stopCharging(2);
    expect(station.snapshot().chargingProfiles).toEqual([]);
  });

  it('F01/K05 cable first, a transaction waiting for its token (TxStartPoint EVConnected): RequestStartTransaction answers its id, authorizes it, installs its TxProfile', async () => {
    const { csms, clock, station } = await rig2({ config: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    station.plugIn(1);
    await clock.settle();
    const transactionId = events(csms)[0]?.transactionInfo.transactionId;
    expect(
      await csms.call('RequestStartTransaction', { remoteStartId: 3, idToken: central('APP'), evseId: 1 }),
    ).toEqual({
      status: 'Accepted',
      transactionId,
    });
    await clock.settle();
    expect(events(csms).map((e) => [e.eventType, e.triggerReason, e.transactionInfo.remoteStartId])).toEqual([
      ['Started', 'CablePluggedIn', undefined],
      ['Updated', 'RemoteStart', 3],
    ]);
    // A second remote start for it carries a TxProfile: installed for the running transaction.
    station.plugIn(2);
    await clock.settle();
    const second = events(csms).at(-1)?.transactionInfo.transactionId;
    await csms.call('RequestStartTransaction', {
      remoteStartId: 4,
      idToken: central('APP-2'),
      evseId: 2,
      chargingProfile: {
        id: 31,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: [
          { id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 5000 }] },
        ],
      },
    });
    await clock.settle();
    expect(station.snapshot().chargingProfiles).toMatchObject([{ id: 31, transactionId: second }]);
    expect(station.snapshot().connectors[1]?.powerW).toBe(5000);
  });

  it('F05 UnlockConnector: OngoingAuthorizedTransaction while charging, Unlocked when idle, UnknownConnector otherwise', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(await csms.call('UnlockConnector', { evseId: 1, connectorId: 1 })).toEqual({
      status: 'OngoingAuthorizedTransaction',
    });
    expect(await csms.call('UnlockConnector', { evseId: 2, connectorId: 1 })).toEqual({ status: 'Unlocked' });
    expect(await csms.call('UnlockConnector', { evseId: 2, connectorId: 2 })).toEqual({
      status: 'UnknownConnector',
    });
    expect(await csms.call('UnlockConnector', { evseId: 5, connectorId: 1 })).toEqual({
      status: 'UnknownConnector',
    });
    expect(station.snapshot().connectors[0]?.transaction).toBeDefined();
  });

  describe('F06 TriggerMessage', () => {
    it('StatusNotification of one connector, Heartbeat, MeterValues (Trigger context)', async () => {
      const { csms, clock } = await rig2();
      csms.clear();
      expect(
        await csms.call('TriggerMessage', {
          requestedMessage: 'StatusNotification',
          evse: { id: 2, connectorId: 1 },
        }),
      ).toEqual({ status: 'Accepted' });
      expect(await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat' })).toEqual({
        status: 'Accepted',
      });
      expect(await csms.call('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 1 } })).toEqual(
        {
          status: 'Accepted',
        },
      );
      await clock.settle();
      expect(statuses(csms, 2)).toEqual(['Available']);
      expect(csms.of('Heartbeat')).toHaveLength(1);
      const mv = csms.of('MeterValues')[0]?.params as {
        evseId: number;
        meterValue: Array<{ sampledValue: Array<{ context: string }> }>;
      };
      expect(mv.evseId).toBe(1);
      expect(mv.meterValue[0]?.sampledValue[0]?.context).toBe('Trigger');
    });

    it('TransactionEvent: Updated with triggerReason Trigger for a running transaction, Rejected without one', async () => {
      const { csms, clock, station } = await rig2();
      expect(await csms.call('TriggerMessage', { requestedMessage: 'TransactionEvent' })).toEqual({
        status: 'Rejected',
      });
      station.plugIn(1);
      await station.presentToken('TAG-1', 1);
      expect(
        await csms.call('TriggerMessage', { requestedMessage: 'TransactionEvent', evse: { id: 1 } }),
      ).toEqual({
        status: 'Accepted',
      });
      await clock.settle();
      expect(events(csms).map((e) => [e.eventType, e.triggerReason, e.seqNo])).toEqual([
        ['Started', 'Authorized', 0],
        ['Updated', 'Trigger', 1],
      ]);
    });

    it('BootNotification is Rejected once accepted (F06); an unknown EVSE is Rejected', async () => {
      const { csms } = await rig2();
      expect(await csms.call('TriggerMessage', { requestedMessage: 'BootNotification' })).toEqual({
        status: 'Rejected',
      });
      expect(await csms.call('TriggerMessage', { requestedMessage: 'Heartbeat', evse: { id: 3 } })).toEqual({
        status: 'Rejected',
      });
    });

    it('FirmwareStatusNotification, LogStatusNotification and PublishFirmwareStatusNotification report Idle when nothing runs', async () => {
      const { csms, clock } = await rig2();
      for (const requestedMessage of [
        'FirmwareStatusNotification',
        'LogStatusNotification',
        'PublishFirmwareStatusNotification',
      ] as const)
        expect(await csms.call('TriggerMessage', { requestedMessage })).toEqual({ status: 'Accepted' });
      await clock.settle();
      expect(csms.of('FirmwareStatusNotification')[0]?.params).toEqual({ status: 'Idle' });
      expect(csms.of('LogStatusNotification')[0]?.params).toEqual({ status: 'Idle' });
      expect(csms.of('PublishFirmwareStatusNotification')[0]?.params).toEqual({ status: 'Idle' });
    });

    it('SignChargingStationCertificate, SignV2GCertificate, SignCombinedCertificate: SignCertificate with a CSR of the type', async () => {
      const { csms, clock } = await rig2();
      for (const requestedMessage of [
        'SignChargingStationCertificate',
        'SignV2GCertificate',
        'SignCombinedCertificate',
      ] as const)
        expect(await csms.call('TriggerMessage', { requestedMessage })).toEqual({ status: 'Accepted' });
      await settleUntil(clock, () => csms.of('SignCertificate').length === 3);
      const sent = csms
        .of('SignCertificate')
        .map((r) => r.params as { csr: string; certificateType?: string });
      // Key generation runs outside the virtual clock: the three may finish in any order.
      expect(new Set(sent.map((s) => s.certificateType ?? 'combined'))).toEqual(
        new Set(['ChargingStationCertificate', 'V2GCertificate', 'combined']),
      );
      for (const s of sent) expect(s.csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    });
  });
});
