import { describe, expect, it } from 'vitest';
import { rig, statuses, T0 } from './helpers/csms.js';

const inMs = (ms: number) => new Date(T0 + ms).toISOString();

describe('reservations (OCPP 1.6 §5.13 ReserveNow, §5.1 CancelReservation)', () => {
  it('§5.13 ReserveNow → Reserved; §5.1 CancelReservation → Available', async () => {
    const { csms, clock } = await rig();
    expect(
      await csms.call('ReserveNow', {
        connectorId: 1,
        expiryDate: inMs(3_600_000),
        idTag: 'RES',
        reservationId: 1,
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(statuses(csms, 1)).toEqual(['Available', 'Reserved']);
    expect(await csms.call('CancelReservation', { reservationId: 1 })).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(statuses(csms, 1)).toEqual(['Available', 'Reserved', 'Available']);
    expect(await csms.call('CancelReservation', { reservationId: 1 })).toEqual({ status: 'Rejected' });
  });

  it('§5.13 the reservation expires at expiryDate → Available', async () => {
    const { csms, clock } = await rig();
    await csms.call('ReserveNow', {
      connectorId: 2,
      expiryDate: inMs(600_000),
      idTag: 'RES',
      reservationId: 4,
    });
    await clock.advance(599_000);
    expect(statuses(csms, 2)).toEqual(['Available', 'Reserved']);
    await clock.advance(1_000);
    expect(statuses(csms, 2)).toEqual(['Available', 'Reserved', 'Available']);
  });

  it('§5.13 only the reserved idTag may use it, and its StartTransaction carries the reservationId (§4.8)', async () => {
    const { csms, clock, station } = await rig();
    await csms.call('ReserveNow', {
      connectorId: 1,
      expiryDate: inMs(3_600_000),
      idTag: 'RES',
      reservationId: 9,
    });
    expect(await station.presentToken('OTHER', 1)).toMatchObject({ result: 'rejected' });
    station.plugIn(1);
    expect(await station.presentToken('RES', 1)).toEqual({ result: 'started', connectorId: 1 });
    await clock.settle();
    expect(csms.of('StartTransaction')[0]?.params).toMatchObject({ idTag: 'RES', reservationId: 9 });
    expect(station.snapshot().connectors[0]?.reservation).toBeUndefined();
  });

  it('§5.13 answers Occupied, Faulted or Unavailable per the connector state', async () => {
    const { csms, station } = await rig();
    station.plugIn(1);
    const at = inMs(3_600_000);
    expect(
      await csms.call('ReserveNow', { connectorId: 1, expiryDate: at, idTag: 'R', reservationId: 1 }),
    ).toEqual({
      status: 'Occupied',
    });
    station.fault(2, { errorCode: 'HighTemperature' });
    expect(
      await csms.call('ReserveNow', { connectorId: 2, expiryDate: at, idTag: 'R', reservationId: 2 }),
    ).toEqual({
      status: 'Faulted',
    });
    station.clearFault(2);
    await csms.call('ChangeAvailability', { connectorId: 2, type: 'Inoperative' });
    expect(
      await csms.call('ReserveNow', { connectorId: 2, expiryDate: at, idTag: 'R', reservationId: 3 }),
    ).toEqual({
      status: 'Unavailable',
    });
  });

  it('§5.13 connector 0: one connector is held back for the idTag (the last free one shows Reserved)', async () => {
    const { csms, clock, station } = await rig();
    expect(
      await csms.call('ReserveNow', {
        connectorId: 0,
        expiryDate: inMs(3_600_000),
        idTag: 'RES',
        reservationId: 5,
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(statuses(csms, 1)).toEqual(['Available']);
    station.plugIn(1);
    await station.presentToken('SOMEONE', 1);
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Reserved']);
    station.plugIn(2);
    expect(await station.presentToken('RES', 2)).toEqual({ result: 'started', connectorId: 2 });
    await clock.settle();
    expect(csms.of('StartTransaction')[1]?.params).toMatchObject({ idTag: 'RES', reservationId: 5 });
  });
});
