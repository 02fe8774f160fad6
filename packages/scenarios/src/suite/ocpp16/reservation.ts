// OCPP 1.6 Reservation profile cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted, started, status } from './macros.js';

const reserve = (connectorId: number, expiry = v('now+1h')) =>
  ({ connectorId, expiryDate: expiry, idTag: v('validIdTag'), reservationId: 4711 }) as const;
const requested = {
  match: { idTag: { present: true }, reservationId: { present: true }, expiryDate: { present: true } },
  capture: { reservationId: 'reservationId', reservedIdTag: 'idTag' },
} as const;

export const RESERVATION_16: readonly Scenario[] = [
  tc('TC_046_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.13', '§4.8'] }, (b) => {
    b.use(booted())
      .trigger('ReserveNow', reserve(1))
      .expectCall('ReserveNow', { ...requested, match: { ...requested.match, connectorId: 1 } })
      .expectStationResult('ReserveNow', { match: { status: 'Accepted' } });
    status(b, 1, 'Reserved');
    // The reserving driver comes: the transaction carries the reservation's id.
    b.presentToken(v('reservedIdTag'), 1).exchange(
      'Authorize',
      {},
      { match: { 'idTagInfo.status': 'Accepted' } },
    );
    status(b, 1, 'Preparing');
    b.plugIn(1).use(started({ reservationId: v('reservationId') }));
  }),
  tc('TC_047_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.13'] }, (b) => {
    b.use(booted())
      .trigger('ReserveNow', reserve(1, v('now+2m')))
      .expectCall('ReserveNow', requested)
      .expectStationResult('ReserveNow', { match: { status: 'Accepted' } });
    status(b, 1, 'Reserved');
    b.expectStationCall('StatusNotification', {
      match: { connectorId: 1, status: 'Available' },
      stationWithin: 86_400_000,
      note: 'the reservation expires: the connector is Available again',
    }).expectResult('StatusNotification');
  }),
  tc('TC_048_1_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.13'] }, (b) =>
    b
      .use(booted())
      .respond('ReserveNow', { status: 'Faulted' })
      .trigger('ReserveNow', reserve(1))
      .expectCall('ReserveNow', requested)
      .expectStationResult('ReserveNow', { match: { status: 'Faulted' } }),
  ),
  tc('TC_048_2_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.13'] }, (b) => {
    b.use(booted()).plugIn(1);
    status(b, 1, 'Preparing');
    b.trigger('ReserveNow', reserve(1))
      .expectCall('ReserveNow', { ...requested, match: { ...requested.match, connectorId: 1 } })
      .expectStationResult('ReserveNow', { match: { status: 'Occupied' } });
  }),
  tc('TC_048_3_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.2', '§5.13'] }, (b) => {
    b.use(booted())
      .trigger('ChangeAvailability', { connectorId: 1, type: 'Inoperative' })
      .expectCall('ChangeAvailability', { match: { connectorId: 1, type: 'Inoperative' } })
      .expectStationResult('ChangeAvailability', { match: { status: 'Accepted' } });
    status(b, 1, 'Unavailable');
    b.trigger('ReserveNow', reserve(1))
      .expectCall('ReserveNow', { ...requested, match: { ...requested.match, connectorId: 1 } })
      .expectStationResult('ReserveNow', { match: { status: 'Unavailable' } });
  }),
  tc('TC_049_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.13'] }, (b) => {
    b.use(booted())
      .trigger('ReserveNow', reserve(0))
      .expectCall('ReserveNow', { ...requested, match: { ...requested.match, connectorId: 0 } })
      .expectStationResult('ReserveNow', { match: { status: 'Accepted' } });
    status(b, 1, 'Reserved', 'the last free connector is held for the reservation');
  }),
  tc('TC_051_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.1', '§5.13'] }, (b) => {
    b.use(booted())
      .trigger('ReserveNow', reserve(1))
      .expectCall('ReserveNow', { ...requested, match: { ...requested.match, connectorId: { gte: 1 } } })
      .expectStationResult('ReserveNow', { match: { status: 'Accepted' } });
    status(b, 1, 'Reserved');
    b.trigger('CancelReservation', { reservationId: v('reservationId') })
      .expectCall('CancelReservation', { match: { reservationId: v('reservationId') } })
      .expectStationResult('CancelReservation', { match: { status: 'Accepted' } });
    status(b, 1, 'Available');
  }),
  tc('TC_052_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.1'] }, (b) => {
    b.use(booted())
      .trigger('ReserveNow', reserve(1))
      .expectCall('ReserveNow', requested)
      .expectStationResult('ReserveNow', { match: { status: 'Accepted' } });
    status(b, 1, 'Reserved');
    b.respond('CancelReservation', { status: 'Rejected' })
      .trigger('CancelReservation', { reservationId: v('reservationId') })
      .expectCall('CancelReservation', { match: { reservationId: { present: true } } })
      .expectStationResult('CancelReservation', { match: { status: 'Rejected' } });
  }),
];
