// Transactions in 2.x terms (E01–E15): started at the TxStartPoint with the station's own
// transaction id, updated with meter values (J02) and state changes, ended with a stoppedReason;
// their TransactionEvents go through the event lane (transaction-events.ts).

import type {
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  TransactionEventResponse,
  TriggerReasonEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState, StopReason, TransactionState } from '../model/state.js';
import { readConnector, record } from '../shared/readings.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import { endedMeterValues, meterValue } from './meter-values.js';
import type { Ocpp2 } from './profile.js';
import { installTxProfile, transactionProfilesEnded } from './smart-charging.js';
import type { TxRecord } from './state.js';
import { chargingStateOf, type Event, type EventExtra, TransactionEvents } from './transaction-events.js';

/** How a transaction starts. */
export interface StartOptions {
  readonly trigger: TriggerReasonEnumType;
  readonly idToken?: IdTokenType;
  /** Energy may flow: authorized, or authorization is off. False until a token comes (TxStartPoint EVConnected). */
  readonly authorized: boolean;
  readonly remoteStartId?: number;
  readonly reservationId?: number;
  readonly profile?: ChargingProfile;
}

/** How a transaction ends, beyond the neutral reason. */
export interface EndOptions {
  readonly idToken?: IdTokenType;
  readonly atMs?: number;
  /** A 2.x reason the neutral ones have no word for (E03: Timeout). */
  readonly stoppedReason?: ReasonEnumType;
  readonly trigger?: TriggerReasonEnumType;
  /** The end happened while the station was off (a power loss found at restart). */
  readonly offline?: boolean;
}

/** E06/E07: the trigger and stoppedReason for each neutral reason. */
const ENDED: Record<StopReason, readonly [TriggerReasonEnumType, ReasonEnumType]> = {
  Local: ['StopAuthorized', 'Local'],
  Remote: ['RemoteStop', 'Remote'],
  EVDisconnected: ['EVCommunicationLost', 'EVDisconnected'],
  SoftReset: ['ResetCommand', 'ImmediateReset'],
  HardReset: ['ResetCommand', 'ImmediateReset'],
  Reboot: ['ResetCommand', 'Reboot'],
  PowerLoss: ['AbnormalCondition', 'PowerLoss'],
  UnlockCommand: ['UnlockCommand', 'Other'],
  DeAuthorized: ['Deauthorized', 'DeAuthorized'],
  EmergencyStop: ['AbnormalCondition', 'EmergencyStop'],
  Other: ['AbnormalCondition', 'Other'],
};

export class Transactions {
  readonly events: TransactionEvents;
  constructor(private readonly p: Ocpp2) {
    this.events = new TransactionEvents(p, (c, tx, event, answer) => this.#answered(c, tx, event, answer));
  }

  /** The 2.x side of a transaction (made at its start). */
  record(tx: TransactionState): TxRecord {
    return this.p.data.transactions[tx.id!]!;
  }

  /** E05: a token the CSMS refuses ends the transaction, or only its energy (StopTxOnInvalidId). */
  #answered(c: ConnectorState, tx: TransactionState, params: Event, answer: TransactionEventResponse): void {
    const rec = this.p.data.transactions[tx.id!];
    if (rec && answer.totalCost !== undefined) rec.totalCost = answer.totalCost;
    const info = answer.idTokenInfo;
    if (!info || !params.idToken) return;
    this.p.auth.remember(params.idToken, info);
    if (c.transaction !== tx || info.status === 'Accepted') return;
    if (this.p.flag('TxCtrlr', 'StopTxOnInvalidId')) void this.stop(c, 'DeAuthorized');
    else {
      tx.suspendedByCsms = true;
      this.p.applyLimits();
      this.checkChargingState(c);
    }
  }

  /** Starts a transaction on `c` (callers checked that it may) and sends Started (E01). */
  start(c: ConnectorState, options: StartOptions): TransactionState {
    const { ctx } = this.p;
    ctx.measure();
    const now = ctx.clock.now();
    const localId = ctx.nextLocalTxId();
    // 2.x: the station names the transaction (≤ 36 characters, unique for its lifetime).
    const tx: TransactionState = {
      localId,
      id: localId.length <= 36 ? localId : localId.slice(-36),
      idTag: options.idToken?.idToken ?? '',
      startedAtMs: now,
      meterStartWh: c.meterWh,
      ...(options.reservationId !== undefined ? { reservationId: options.reservationId } : {}),
      startStored: false,
      held: [],
      samples: [record(readConnector(c, now), 'Transaction.Begin')],
      // The neutral physics' switch for "a transaction without energy": until authorized.
      ...(options.authorized ? {} : { suspendedByCsms: true }),
    };
    this.p.data.transactions[tx.id!] = {
      evseId: c.id,
      seqNo: 0,
      authorized: options.authorized,
      unconfirmed: [],
      ended: false,
      ...(options.idToken ? { idToken: options.idToken } : {}),
      ...(options.remoteStartId !== undefined ? { remoteStartId: options.remoteStartId } : {}),
      ...this.p.tariffs.atStart(c.id),
    };
    c.transaction = tx;
    delete c.authorization;
    ctx.timers.clear(`connectionTimeout:${c.id}`);
    ctx.emit('transactionStarted', { connectorId: c.id, localId, idTag: tx.idTag });
    if (options.profile) installTxProfile(this.p, tx, options.profile);
    this.p.applyLimits();
    this.p.status.report(c.id);
    const begin = meterValue(
      readConnector(c, now),
      this.p.list('SampledDataCtrlr', 'TxStartedMeasurands'),
      'Transaction.Begin',
    );
    void this.events.event(c, tx, 'Started', options.trigger, {
      ...(options.authorized && options.idToken ? { idToken: options.idToken } : {}),
      ...(begin ? { meterValue: [begin] } : {}),
      ...(options.reservationId !== undefined ? { reservationId: options.reservationId } : {}),
    });
    this.p.sampler.schedule(c);
    ctx.changed();
    return tx;
  }

  /** An Updated event of the running transaction on `c`, with its current chargingState. */
  update(c: ConnectorState, trigger: TriggerReasonEnumType, extra: EventExtra = {}): Promise<void> {
    const tx = c.transaction;
    if (!tx) return Promise.resolve();
    return this.events.event(c, tx, 'Updated', trigger, extra);
  }

  /** E02: ChargingStateChanged when the state differs from the one last reported. */
  checkChargingState(c: ConnectorState): void {
    const tx = c.transaction;
    if (!tx) return;
    const rec = this.record(tx);
    // Before Started went out the state is reported by Started itself.
    if (rec.seqNo === 0 || chargingStateOf(c, rec) === rec.chargingState) return;
    void this.update(c, 'ChargingStateChanged');
  }

  /**
   * K02: ChargingRateChanged when the limit in force moved by at least
   * SmartChargingCtrlr.LimitChangeSignificance percent since it was last reported.
   */
  rateChanged(c: ConnectorState): void {
    const tx = c.transaction;
    if (!tx) return;
    const rec = this.record(tx);
    const limit = c.limitW ?? c.maxPowerW;
    const before = rec.reportedLimitW ?? c.maxPowerW;
    const significance = this.p.number('SmartChargingCtrlr', 'LimitChangeSignificance') / 100;
    rec.reportedLimitW = limit;
    if (Math.abs(limit - before) <= significance * Math.max(before, 1) || limit === before) return;
    void this.update(c, 'ChargingRateChanged');
  }

  /** Ends the transaction on `c` (E06–E10). Resolves once its Ended is answered or held. */
  stop(c: ConnectorState, reason: StopReason, options: EndOptions = {}): Promise<void> {
    const { ctx } = this.p;
    const tx = c.transaction;
    if (!tx) return Promise.resolve();
    ctx.measure();
    const now = options.atMs ?? ctx.clock.now();
    const rec = this.record(tx);
    tx.samples.push(record({ ...readConnector(c, now), atMs: now }, 'Transaction.End'));
    tx.stopped = {
      reason,
      atMs: now,
      meterStopWh: c.meterWh,
      ...(options.idToken ? { idTag: options.idToken.idToken } : {}),
    };
    delete c.transaction;
    ctx.timers.clear(`sample:${c.id}`);
    ctx.timers.clear(`txEnded:${c.id}`);
    ctx.timers.clear(`evConnection:${c.id}`);
    ctx.emit('transactionStopped', { connectorId: c.id, localId: tx.localId, id: tx.id, reason });
    const [trigger, stoppedReason] = ENDED[reason];
    rec.chargingState = c.plugged ? 'EVConnected' : 'Idle';
    const values = this.#endedValues(tx);
    // The event is built before the record is marked ended: a confirmation must not drop it early.
    const sent = this.events.event(c, tx, 'Ended', options.trigger ?? trigger, {
      stoppedReason: options.stoppedReason ?? stoppedReason,
      atMs: now,
      ...(options.offline ? { offline: true } : {}),
      ...(options.idToken ? { idToken: options.idToken } : {}),
      ...(values.length > 0 ? { meterValue: values } : {}),
    });
    rec.ended = true;
    if (tx.held.length > 0) c.ending.push(tx);
    transactionProfilesEnded(this.p, tx.id);
    this.p.displays.transactionEnded(tx.id!);
    this.p.sessions.transactionEnded(c);
    this.p.applyLimits();
    this.p.status.report(c.id);
    ctx.changed();
    return sent;
  }

  #endedValues(tx: TransactionState): MeterValueType[] {
    return endedMeterValues(
      tx.samples,
      this.p.list('SampledDataCtrlr', 'TxEndedMeasurands'),
      this.p.list('AlignedDataCtrlr', 'TxEndedMeasurands'),
    );
  }

  /**
   * After a restart: transactions the previous run left running ended when the station lost power
   * (the station does not resume them) — Ended with stoppedReason PowerLoss, offline, as of its
   * last save, seqNo going on from the saved one. After a 2.1 Reset ImmediateAndResume
   * they go on instead (TxResumed once booted).
   */
  recover(): void {
    const { ctx, data } = this.p;
    const at = Math.min(ctx.state.powerLostAtMs ?? ctx.clock.now(), ctx.clock.now());
    const resume = data.resumeTransactions === true;
    delete ctx.state.powerLostAtMs;
    delete data.resumeTransactions;
    for (const c of ctx.state.connectors) {
      c.powerW = 0;
      const tx = c.transaction;
      if (!tx) continue;
      // A transaction saved before its record existed (an older copy) gets one now.
      data.transactions[tx.id!] ??= {
        evseId: c.id,
        seqNo: 1,
        authorized: true,
        unconfirmed: [],
        ended: false,
      };
      if (resume) data.transactions[tx.id!]!.resumed = true;
      else void this.stop(c, 'PowerLoss', { atMs: at, offline: true });
    }
  }

  /** Once accepted: held events go out in order, resumed transactions say so, and the samplers run. */
  accepted(): void {
    for (const c of this.p.ctx.state.connectors) {
      for (const tx of [c.transaction, ...c.ending]) if (tx && tx.held.length > 0) this.events.release(c, tx);
      c.ending = c.ending.filter((t) => t.held.length > 0);
      const rec = c.transaction ? this.record(c.transaction) : undefined;
      if (rec?.resumed) {
        delete rec.resumed;
        this.p.applyLimits();
        // 2.1 TriggerReasonEnumType (the 2.0.1 type the profile writes with does not name it).
        void this.update(c, 'TxResumed' as TriggerReasonEnumType);
      }
      this.p.sampler.schedule(c);
    }
  }
}
