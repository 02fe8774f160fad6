// The TransactionEvent lane (E01–E15, E12/E13): numbering (seqNo from 0 per transaction), the
// offline flag, chargingState, and delivery through the client's durable queue — or, before the
// CSMS accepted this run's boot, holding in the transaction's `held` list (B02). It counts what
// the CSMS has not answered yet, for GetTransactionStatus (E14).

import type {
  ReasonEnumType,
  TransactionEventRequest,
  TransactionEventResponse,
  TriggerReasonEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { carDemandW } from '../model/physics.js';
import type { ConnectorState, TransactionState } from '../model/state.js';
import type { Ocpp2 } from './profile.js';
import type { TxRecord } from './state.js';

export type Event = TransactionEventRequest;
/** What an event carries besides what the lane fills in. */
export type EventExtra = Partial<Pick<Event, 'idToken' | 'meterValue' | 'reservationId'>> & {
  readonly stoppedReason?: ReasonEnumType;
  readonly atMs?: number;
  readonly offline?: boolean;
  /** More transactionInfo fields (2.1: tariffId). */
  readonly info?: Record<string, unknown>;
};

/** The chargingState of connector `c` (E02: EVConnected until authorized and charging). */
export function chargingStateOf(c: ConnectorState, rec: TxRecord): string {
  const tx = c.transaction;
  if (!c.plugged) return 'Idle';
  if (!tx || !rec.authorized) return 'EVConnected';
  if (tx.suspendedByCsms || c.limitW === 0) return 'SuspendedEVSE';
  if (c.powerW > 0) return 'Charging';
  return !c.car || carDemandW(c.car) === 0 ? 'SuspendedEV' : 'SuspendedEVSE';
}

export class TransactionEvents {
  constructor(
    private readonly p: Ocpp2,
    /** What the CSMS's answer to an event means for the transaction (Transactions decides). */
    private readonly answered: (
      c: ConnectorState,
      tx: TransactionState,
      event: Event,
      answer: TransactionEventResponse,
    ) => void,
  ) {}

  #record(tx: TransactionState): TxRecord {
    return this.p.data.transactions[tx.id!]!;
  }

  /** Answers to TransactionEvents a previous run stored, and ones the client gave up. */
  listen(): Array<() => void> {
    const settle = (action: string, params: unknown) => {
      if (action !== 'TransactionEvent') return;
      const event = params as Event;
      this.#confirmed(event.transactionInfo.transactionId, event.seqNo);
    };
    return [
      this.p.client.on('delivered', ({ action, params }) => settle(action, params)),
      this.p.client.on('undeliverable', ({ action, params }) => settle(action, params)),
    ];
  }

  /** Builds the next event of `tx` and sends it, or holds it until the boot is accepted. */
  event(
    c: ConnectorState,
    tx: TransactionState,
    eventType: Event['eventType'],
    triggerReason: TriggerReasonEnumType,
    extra: EventExtra = {},
  ): Promise<void> {
    const { ctx } = this.p;
    const rec = this.#record(tx);
    const { stoppedReason, atMs, offline, info, ...fields } = extra;
    if (eventType !== 'Ended') rec.chargingState = chargingStateOf(c, rec);
    const reportRemoteStart = rec.remoteStartId !== undefined && !rec.remoteStartReported;
    rec.remoteStartReported = rec.remoteStartReported || reportRemoteStart;
    const params: Event = {
      eventType,
      timestamp: this.p.iso(atMs ?? ctx.clock.now()),
      triggerReason,
      seqNo: rec.seqNo++,
      ...(offline || !ctx.online() ? { offline: true } : {}),
      transactionInfo: {
        transactionId: tx.id!,
        ...(rec.chargingState ? { chargingState: rec.chargingState as 'Charging' } : {}),
        ...(stoppedReason ? { stoppedReason } : {}),
        ...(reportRemoteStart ? { remoteStartId: rec.remoteStartId! } : {}),
        ...info,
      },
      evse: { id: rec.evseId, connectorId: 1 },
      ...fields,
    };
    ctx.changed();
    if (!this.p.accepted) {
      tx.held.push({ action: 'TransactionEvent', params: params as unknown as Record<string, unknown> });
      return Promise.resolve();
    }
    return this.#deliver(c, tx, params);
  }

  async #deliver(c: ConnectorState, tx: TransactionState, params: Event): Promise<void> {
    const rec = this.#record(tx);
    rec.unconfirmed.push(params.seqNo);
    const answer = await this.p.send('TransactionEvent', params, {
      onStored: () => {
        if (params.eventType === 'Started') tx.startStored = true;
      },
    });
    if (!answer) return;
    this.#confirmed(tx.id!, params.seqNo);
    this.answered(c, tx, params, answer);
  }

  /** The CSMS has the event: it no longer counts as queued; a fully delivered record goes. */
  #confirmed(transactionId: string, seqNo: number): void {
    const rec = this.p.data.transactions[transactionId];
    if (!rec) return;
    rec.unconfirmed = rec.unconfirmed.filter((n) => n !== seqNo);
    if (rec.ended && rec.unconfirmed.length === 0) delete this.p.data.transactions[transactionId];
    this.p.ctx.changed();
  }

  /** Sends the events that waited for an accepted boot, in order. */
  release(c: ConnectorState, tx: TransactionState): void {
    for (const m of tx.held.splice(0)) void this.#deliver(c, tx, m.params as unknown as Event);
  }

  /** E14: GetTransactionStatus — whether it runs, and whether its events still wait to be delivered. */
  statusOf(transactionId: string | undefined): { ongoingIndicator?: boolean; messagesInQueue: boolean } {
    const { state } = this.p.ctx;
    const waiting = (id: string) => {
      const held = state.connectors.some((c) =>
        [c.transaction, ...c.ending].some((t) => t?.id === id && t.held.length > 0),
      );
      return held || (this.p.data.transactions[id]?.unconfirmed.length ?? 0) > 0;
    };
    if (transactionId === undefined)
      return {
        messagesInQueue:
          Object.keys(this.p.data.transactions).some(waiting) ||
          state.connectors.some((c) => c.ending.length > 0),
      };
    return {
      ongoingIndicator: state.connectors.some((c) => c.transaction?.id === transactionId),
      messagesInQueue: waiting(transactionId),
    };
  }
}
