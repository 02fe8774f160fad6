// Transactions in 2.x terms (E01–E15): TransactionEvent Started / Updated / Ended with the
// station's own transaction id, seqNo from 0 per transaction, the offline flag, chargingState and
// triggerReason, all through the client's durable queue (E04, E12). Events made before the CSMS
// accepted this run's boot wait in the transaction's `held` list (B02: nothing but the boot first).

import type {
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  TransactionEventRequest,
  TransactionEventResponse,
  TriggerReasonEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { carDemandW } from '../model/physics.js';
import type { ConnectorState, StopReason, TransactionState } from '../model/state.js';
import { readConnector, record } from '../shared/readings.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import { endedMeterValues, meterValue } from './meter-values.js';
import type { Ocpp2 } from './profile.js';
import { installTxProfile, transactionProfilesEnded } from './smart-charging.js';
import type { TxRecord } from './state.js';

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

type Event = TransactionEventRequest;
type EventExtra = Partial<Pick<Event, 'idToken' | 'meterValue' | 'reservationId'>> & {
  readonly stoppedReason?: ReasonEnumType;
  readonly atMs?: number;
  readonly offline?: boolean;
  /** More transactionInfo fields (2.1: tariffId). */
  readonly info?: Record<string, unknown>;
};

export class Transactions {
  constructor(private readonly p: Ocpp2) {}

  /** The 2.x side of a transaction (made at its start). */
  record(tx: TransactionState): TxRecord {
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

  /** The chargingState of connector `c` (E02: EVConnected until authorized and charging). */
  chargingState(c: ConnectorState, rec: TxRecord): string {
    const tx = c.transaction;
    if (!c.plugged) return 'Idle';
    if (!tx || !rec.authorized) return 'EVConnected';
    if (tx.suspendedByCsms || c.limitW === 0) return 'SuspendedEVSE';
    if (c.powerW > 0) return 'Charging';
    return !c.car || carDemandW(c.car) === 0 ? 'SuspendedEV' : 'SuspendedEVSE';
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
    void this.event(c, tx, 'Started', options.trigger, {
      ...(options.authorized && options.idToken ? { idToken: options.idToken } : {}),
      ...(begin ? { meterValue: [begin] } : {}),
      ...(options.reservationId !== undefined ? { reservationId: options.reservationId } : {}),
    });
    this.scheduleSampling(c);
    ctx.changed();
    return tx;
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
    const rec = this.record(tx);
    const { stoppedReason, atMs, offline, info, ...fields } = extra;
    if (eventType !== 'Ended') rec.chargingState = this.chargingState(c, rec);
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
    const rec = this.record(tx);
    rec.unconfirmed.push(params.seqNo);
    const answer = await this.p.send('TransactionEvent', params, {
      onStored: () => {
        if (params.eventType === 'Started') tx.startStored = true;
      },
    });
    if (!answer) return;
    this.#confirmed(tx.id!, params.seqNo);
    this.#answered(c, tx, params, answer);
  }

  /** The CSMS has the event: it no longer counts as queued; a fully delivered record goes. */
  #confirmed(transactionId: string, seqNo: number): void {
    const rec = this.p.data.transactions[transactionId];
    if (!rec) return;
    rec.unconfirmed = rec.unconfirmed.filter((n) => n !== seqNo);
    if (rec.ended && rec.unconfirmed.length === 0) delete this.p.data.transactions[transactionId];
    this.p.ctx.changed();
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

  /** Sends the events that waited for an accepted boot, in order. */
  #release(c: ConnectorState, tx: TransactionState): void {
    for (const m of tx.held.splice(0)) void this.#deliver(c, tx, m.params as unknown as Event);
  }

  /** An Updated event of the running transaction on `c`, with its current chargingState. */
  update(c: ConnectorState, trigger: TriggerReasonEnumType, extra: EventExtra = {}): Promise<void> {
    const tx = c.transaction;
    if (!tx) return Promise.resolve();
    return this.event(c, tx, 'Updated', trigger, extra);
  }

  /** E02: ChargingStateChanged when the state differs from the one last reported. */
  checkChargingState(c: ConnectorState): void {
    const tx = c.transaction;
    if (!tx) return;
    const rec = this.record(tx);
    // Before Started went out the state is reported by Started itself.
    if (rec.seqNo === 0 || this.chargingState(c, rec) === rec.chargingState) return;
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
    const sent = this.event(c, tx, 'Ended', options.trigger ?? trigger, {
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
   * Meter values of EVSE `id` now: within a transaction an Updated event (MeterValuePeriodic,
   * MeterValueClock or Trigger), otherwise a MeterValues message (J01; 0: the main meter).
   */
  sample(id: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void {
    const { ctx } = this.p;
    ctx.measure();
    const now = ctx.clock.now();
    const requested = context === 'Trigger';
    const measurands =
      context === 'Sample.Periodic'
        ? this.p.list('SampledDataCtrlr', 'TxUpdatedMeasurands')
        : this.p.list('AlignedDataCtrlr', 'Measurands');
    if (id === 0) {
      const mv = meterValue(
        this.p.sessions.stationReading(now),
        measurands.filter((m) => m !== 'SoC'),
        context,
      );
      if (mv) void this.p.send('MeterValues', { evseId: 0, meterValue: [mv] }, { requested });
      return;
    }
    const c = ctx.connector(id);
    const mv = meterValue(readConnector(c, now), measurands, context);
    if (c.transaction && context !== 'Trigger') {
      const trigger = context === 'Sample.Clock' ? 'MeterValueClock' : 'MeterValuePeriodic';
      void this.update(c, trigger, mv ? { meterValue: [mv] } : {});
    } else if (mv) void this.p.send('MeterValues', { evseId: id, meterValue: [mv] }, { requested });
    this.p.monitoring.evaluate();
  }

  /** TriggerMessage(TransactionEvent) (F06): an Updated event with triggerReason Trigger. */
  triggered(c: ConnectorState): void {
    const mv = meterValue(
      readConnector(c, this.p.ctx.clock.now()),
      this.p.list('SampledDataCtrlr', 'TxUpdatedMeasurands'),
      'Trigger',
    );
    void this.update(c, 'Trigger', mv ? { meterValue: [mv] } : {});
  }

  /** Updated every TxUpdatedInterval and a kept reading every TxEndedInterval (J02). */
  scheduleSampling(c: ConnectorState): void {
    const { ctx } = this.p;
    const every = (timer: string, seconds: number, run: () => void) => {
      if (!c.transaction || !(seconds > 0) || !this.p.accepted) {
        ctx.timers.clear(timer);
        return;
      }
      const tick = () => {
        if (!c.transaction) return;
        run();
        ctx.timers.set(timer, seconds * 1000, tick);
      };
      ctx.timers.set(timer, seconds * 1000, tick);
    };
    every(`sample:${c.id}`, this.p.number('SampledDataCtrlr', 'TxUpdatedInterval'), () =>
      this.sample(c.id, 'Sample.Periodic'),
    );
    every(`txEnded:${c.id}`, this.p.number('SampledDataCtrlr', 'TxEndedInterval'), () => {
      this.p.ctx.measure();
      c.transaction?.samples.push(record(readConnector(c, this.p.ctx.clock.now()), 'Sample.Periodic'));
    });
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
      for (const tx of [c.transaction, ...c.ending]) if (tx && tx.held.length > 0) this.#release(c, tx);
      c.ending = c.ending.filter((t) => t.held.length > 0);
      const rec = c.transaction ? this.record(c.transaction) : undefined;
      if (rec?.resumed) {
        delete rec.resumed;
        this.p.applyLimits();
        // 2.1 TriggerReasonEnumType (the 2.0.1 type the profile writes with does not name it).
        void this.update(c, 'TxResumed' as TriggerReasonEnumType);
      }
      this.scheduleSampling(c);
    }
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
