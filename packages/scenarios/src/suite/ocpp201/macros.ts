// The 2.0.1 cases' building blocks. The station boots by itself; the transaction and notification
// messages a case is about are the test tool's own (`send`), with fixed ids and sequence numbers,
// as OCTT's station sends them: the cases check the CSMS, whatever the station's configuration.

import { type Macro, type ScenarioBuilder, v } from '../../scenario/builder.js';

type B = ScenarioBuilder<'ocpp2.0.1'>;

/** A 2.0.1 case's step function. */
export type Steps201 = Macro<'ocpp2.0.1'>;

/** The idToken of a run setting (`validIdTag`, `blockedIdTag`, …) as an ISO 14443 card. */
export const token = (setting = 'validIdTag') => ({ idToken: v(setting), type: 'ISO14443' }) as const;

/** EVSE 1, connector 1: where the cases' sessions take place. */
export const EVSE = { id: 1, connectorId: 1 } as const;

/** B01 Booted: the station boots, the CSMS accepts it, and hears its connector's status. */
export const booted: Steps201 = (b) => {
  b.start()
    .expectResult('BootNotification', {
      match: { status: 'Accepted', interval: { gte: 0 }, currentTime: { present: true } },
      note: 'the CSMS accepts the BootNotification',
    })
    .exchange('StatusNotification', { match: { evseId: 1, connectorId: 1, connectorStatus: 'Available' } });
};

/** The station reports connector 1 of EVSE 1 with `status`, and the CSMS answers. */
export const connector = (
  b: B,
  status: 'Available' | 'Occupied' | 'Reserved' | 'Unavailable' | 'Faulted',
): B =>
  b
    .send('StatusNotification', { timestamp: v('now'), connectorStatus: status, evseId: 1, connectorId: 1 })
    .expectResult('StatusNotification');

/**
 * One TransactionEvent of the tool's transaction `${transactionId}` (set by {@link newTransaction}),
 * sequence number `seqNo`, and the CSMS's answer.
 */
export const event = (
  b: B,
  eventType: 'Started' | 'Updated' | 'Ended',
  triggerReason: string,
  seqNo: number,
  extra: {
    readonly transactionInfo?: object;
    readonly idToken?: object;
    readonly meterValue?: object;
  } & Record<string, unknown> = {},
  answer: { readonly match?: Record<string, unknown> } = {},
): B => {
  const { transactionInfo, ...rest } = extra;
  return b
    .send('TransactionEvent', {
      eventType,
      timestamp: v('now'),
      triggerReason,
      seqNo,
      transactionInfo: { transactionId: v('transactionId'), ...transactionInfo },
      ...(eventType === 'Started' ? { evse: EVSE } : {}),
      ...rest,
      // The fields are the case's: checked against the schema when the step runs.
    } as never)
    .expectResult('TransactionEvent', {
      ...(answer.match ? { match: answer.match as never } : {}),
      note: `the CSMS answers TransactionEvent ${eventType} (${triggerReason})`,
    });
};

/** Names the tool's next transaction (ids unique per run: the CSMS keeps them). */
export const newTransaction: Steps201 = (b) => {
  b.set({ transactionId: `TX-${v('runId')}` });
};

/** Authorized: the CSMS accepts the configured valid idToken (C01). */
export const authorized: Steps201 = (b) => {
  b.send('Authorize', { idToken: token() }).expectResult('Authorize', {
    match: { 'idTokenInfo.status': 'Accepted' },
    note: 'the CSMS accepts the idToken (Authorize)',
  });
};

/** EnergyTransferStarted: a transaction of the valid idToken runs and energy flows (E01/E02). */
export const energyTransferStarted: Steps201 = (b) => {
  b.use(authorized).use(newTransaction);
  connector(b, 'Occupied');
  event(
    b,
    'Started',
    'Authorized',
    0,
    { idToken: token(), transactionInfo: { chargingState: 'EVConnected' } },
    { match: { 'idTokenInfo.status': 'Accepted' } },
  );
  event(b, 'Updated', 'ChargingStateChanged', 1, { transactionInfo: { chargingState: 'Charging' } });
};
