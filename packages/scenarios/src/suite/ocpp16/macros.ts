// The reusable states the 1.6 cases start from (the test case document's "Booted", "Authorized",
// "Charging"), as steps: what the station does and what the CSMS must answer on the way.

import { type Macro, type ScenarioBuilder, v } from '../../scenario/builder.js';

type B = ScenarioBuilder<'ocpp1.6'>;

/** A `1.6` case's step function. */
export type Steps16 = Macro<'ocpp1.6'>;

/** The CSMS answers a StatusNotification of connector `connectorId` with `status`. */
export const status = (b: B, connectorId: number, value: string, note?: string): B =>
  b.exchange('StatusNotification', { match: { connectorId, status: value }, ...(note ? { note } : {}) }, {});

/**
 * Booted: the station boots, the CSMS accepts it (§4.2: with the heartbeat interval) and hears the
 * status of connector 0 and of each connector (`connectors`, default 1).
 */
export const booted =
  (connectors = 1): Steps16 =>
  (b) => {
    b.start().expectResult('BootNotification', {
      match: { status: 'Accepted', interval: { gte: 0 }, currentTime: { present: true } },
      capture: { heartbeatInterval: 'interval' },
      note: 'the CSMS accepts the BootNotification',
    });
    for (let c = 0; c <= connectors; c++) status(b, c, 'Available');
  };

/** Authorized: a driver presents `idTag`; the CSMS accepts it; the connector waits for the cable (Preparing). */
export const authorized =
  (idTag: string = v('validIdTag')): Steps16 =>
  (b) => {
    b.presentToken(idTag, 1).exchange(
      'Authorize',
      { match: { idTag } },
      { match: { 'idTagInfo.status': 'Accepted' }, note: 'the CSMS accepts the idTag (Authorize)' },
    );
    status(b, 1, 'Preparing');
  };

/** The transaction starts (the CSMS accepts its idTag and assigns `${transactionId}`) and energy flows. */
export const started =
  (extra: { readonly reservationId?: string } = {}): Steps16 =>
  (b) => {
    b.exchange(
      'StartTransaction',
      { match: { connectorId: 1, ...(extra.reservationId ? { reservationId: extra.reservationId } : {}) } },
      {
        match: { 'idTagInfo.status': 'Accepted', transactionId: { present: true } },
        capture: { transactionId: 'transactionId' },
        note: 'the CSMS accepts the StartTransaction and assigns a transaction id',
      },
    );
    status(b, 1, 'Charging');
  };

/** Charging: authorized first, then the cable: the transaction runs (the "Charging" reusable state). */
export const charging =
  (idTag: string = v('validIdTag')): Steps16 =>
  (b) => {
    b.use(authorized(idTag)).plugIn(1).use(started());
  };
