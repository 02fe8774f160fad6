import { describe, expect, it } from 'vitest';
import { rig2, statuses, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('availability and reservations (OCPP 2.0.1 G03/G04, H01–H04)', () => {
  it('G03 ChangeAvailability of an EVSE: Inoperative → Unavailable, Operative → Available', async () => {
    const { csms, clock } = await rig2();
    expect(
      await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } }),
    ).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Unavailable']);
    expect(statuses(csms, 1)).toEqual(['Available']);
    await csms.call('ChangeAvailability', {
      operationalStatus: 'Operative',
      evse: { id: 2, connectorId: 1 },
    });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Unavailable', 'Available']);
    expect(
      await csms.call('ChangeAvailability', {
        operationalStatus: 'Operative',
        evse: { id: 2, connectorId: 2 },
      }),
    ).toEqual({
      status: 'Rejected',
    });
  });

  it('G04 ChangeAvailability of the station while charging: Scheduled, applied when the transaction ends; then no new session', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative' })).toEqual({
      status: 'Scheduled',
    });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available']);
    await station.stopCharging(1);
    station.unplug(1);
    await clock.settle();
    expect(statuses(csms, 1).at(-1)).toBe('Unavailable');
    expect(statuses(csms, 2).at(-1)).toBe('Unavailable');
    station.plugIn(2);
    expect((await station.presentToken('TAG-2', 2)).result).toBe('rejected');
  });

  it('H01 ReserveNow an EVSE → Reserved; only its token starts there; H03 the transaction carries the reservationId', async () => {
    const { csms, clock, station } = await rig2();
    expect(
      await csms.call('ReserveNow', {
        id: 11,
        expiryDateTime: iso(T0 + 3_600_000),
        idToken: { idToken: 'RES-1', type: 'ISO14443' },
        evseId: 1,
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(statuses(csms, 1)).toEqual(['Available', 'Reserved']);
    station.plugIn(1);
    expect((await station.presentToken('OTHER', 1)).result).toBe('rejected');
    expect((await station.presentToken('RES-1', 1)).result).toBe('started');
    await clock.settle();
    const started = csms.of('TransactionEvent')[0]?.params as { reservationId?: number };
    expect(started.reservationId).toBe(11);
    expect(station.snapshot().connectors[0]?.reservation).toBeUndefined();
  });

  it('H01 ReserveNow statuses: Occupied, Faulted, Unavailable, Rejected (unknown EVSE, other connector type, past expiry)', async () => {
    const { csms, station } = await rig2();
    const reserve = (id: number, evseId: number | undefined, extra: Record<string, unknown> = {}) =>
      csms.call('ReserveNow', {
        id,
        expiryDateTime: iso(T0 + 600_000),
        idToken: { idToken: 'R', type: 'ISO14443' },
        ...(evseId !== undefined ? { evseId } : {}),
        ...extra,
      });
    station.plugIn(1);
    expect(await reserve(1, 1)).toEqual({ status: 'Occupied' });
    station.fault(2, { errorCode: 'GroundFailure' });
    expect(await reserve(2, 2)).toEqual({ status: 'Faulted' });
    station.clearFault(2);
    await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } });
    expect(await reserve(3, 2)).toEqual({ status: 'Unavailable' });
    expect(await reserve(4, 5)).toEqual({ status: 'Rejected' });
    await csms.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 2 } });
    expect(await reserve(5, 2, { connectorType: 'cCCS2' })).toEqual({ status: 'Rejected' });
    expect(await reserve(6, 2, { expiryDateTime: iso(T0 - 1) })).toEqual({ status: 'Rejected' });
    expect(await reserve(7, 2, { connectorType: 'cType2' })).toEqual({ status: 'Accepted' });
  });

  it('H01 without evseId: the last free EVSE is Reserved; H02 CancelReservation → Available', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    expect(
      await csms.call('ReserveNow', {
        id: 21,
        expiryDateTime: iso(T0 + 3_600_000),
        idToken: { idToken: 'R', type: 'ISO14443' },
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Reserved']);
    expect(await csms.call('CancelReservation', { reservationId: 21 })).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(statuses(csms, 2)).toEqual(['Available', 'Reserved', 'Available']);
    expect(await csms.call('CancelReservation', { reservationId: 21 })).toEqual({ status: 'Rejected' });
    expect(csms.of('ReservationStatusUpdate')).toEqual([]);
  });

  it('H04 at expiryDateTime: ReservationStatusUpdate Expired and the EVSE is Available again', async () => {
    const { csms, clock } = await rig2();
    await csms.call('ReserveNow', {
      id: 31,
      expiryDateTime: iso(T0 + 600_000),
      idToken: { idToken: 'R', type: 'ISO14443' },
      evseId: 2,
    });
    await clock.advance(599_000);
    expect(csms.of('ReservationStatusUpdate')).toEqual([]);
    await clock.advance(1_000);
    expect(csms.of('ReservationStatusUpdate').map((r) => r.params)).toEqual([
      { reservationId: 31, reservationUpdateStatus: 'Expired' },
    ]);
    expect(statuses(csms, 2)).toEqual(['Available', 'Reserved', 'Available']);
  });

  it('H01/G03 a reserved EVSE set Inoperative gives its reservation up: ReservationStatusUpdate Removed', async () => {
    const { csms, clock } = await rig2();
    await csms.call('ReserveNow', {
      id: 41,
      expiryDateTime: iso(T0 + 600_000),
      idToken: { idToken: 'R', type: 'ISO14443' },
      evseId: 1,
    });
    await csms.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1 } });
    await clock.settle();
    expect(csms.of('ReservationStatusUpdate').map((r) => r.params)).toEqual([
      { reservationId: 41, reservationUpdateStatus: 'Removed' },
    ]);
    expect(statuses(csms, 1).at(-1)).toBe('Unavailable');
  });
});
