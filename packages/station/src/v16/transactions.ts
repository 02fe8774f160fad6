// Transactions in OCPP 1.6 terms: StartTransaction (§4.8), MeterValues (§4.7), StopTransaction
// (§4.10), all through the client's durable queue (§3.7). The CSMS assigns the transaction id in
// StartTransaction.conf; until it is known (offline, or the answer is still on its way) messages
// that need it are held in the state and released with the id.

import type { IdTagInfo, StartTransactionResponse } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { ConnectorState, StopReason, TransactionState } from '../model/state.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import { boolKey, listKey } from './config.js';
import { meterValue, readConnector, record, transactionData } from './meter-values.js';
import type { Ocpp16 } from './profile.js';
import { installPendingTxProfile, transactionProfilesEnded } from './smart-charging.js';

const iso = (ms: number) => new Date(ms).toISOString();

export class Transactions {
  constructor(private readonly p: Ocpp16) {}

  /** Hears answers to StartTransactions a previous run stored (restored by the client). */
  listen(): () => void {
    return this.p.client.on('delivered', ({ action, params, response }) => {
      if (action !== 'StartTransaction') return;
      const req = params as { connectorId: number; timestamp: string; idTag: string };
      const c = this.p.ctx.state.connectors[req.connectorId - 1];
      const tx =
        c &&
        [c.transaction, ...c.ending].find(
          (t) => t && iso(t.startedAtMs) === req.timestamp && t.idTag === req.idTag,
        );
      if (c && tx && tx.id === undefined) this.#answered(c, tx, response as StartTransactionResponse);
    });
  }

  /** Starts a transaction on `c` (callers checked that it may start) and reports it. */
  start(
    c: ConnectorState,
    idTag: string,
    reservationId?: number,
    profile?: ChargingProfile,
  ): TransactionState {
    const { ctx } = this.p;
    ctx.measure();
    const now = ctx.clock.now();
    const tx: TransactionState = {
      localId: ctx.nextLocalTxId(),
      idTag,
      startedAtMs: now,
      meterStartWh: c.meterWh,
      ...(reservationId !== undefined ? { reservationId } : {}),
      ...(profile ? { pendingProfile: profile } : {}),
      startStored: false,
      held: [],
      samples: [],
    };
    tx.samples.push(record(readConnector(c, now), 'Transaction.Begin'));
    c.transaction = tx;
    c.finishing = false;
    delete c.authorization;
    ctx.timers.clear(`connectionTimeout:${c.id}`);
    ctx.emit('transactionStarted', { connectorId: c.id, localId: tx.localId, idTag });
    ctx.applyLimits();
    this.p.status.report(c.id);
    this.scheduleSampling(c);
    ctx.changed();
    void this.sendStart(c, tx);
    return tx;
  }

  async sendStart(c: ConnectorState, tx: TransactionState): Promise<void> {
    const { ctx } = this.p;
    const answer = await this.p.send(
      'StartTransaction',
      {
        connectorId: c.id,
        idTag: tx.idTag,
        meterStart: Math.round(tx.meterStartWh),
        timestamp: iso(tx.startedAtMs),
        ...(tx.reservationId !== undefined ? { reservationId: tx.reservationId } : {}),
      },
      {
        onStored: () => {
          tx.startStored = true;
          ctx.changed();
        },
      },
    );
    if (answer && tx.id === undefined) this.#answered(c, tx, answer);
  }

  #answered(c: ConnectorState, tx: TransactionState, answer: StartTransactionResponse): void {
    const { ctx } = this.p;
    tx.id = String(answer.transactionId);
    this.p.auth.remember(tx.idTag, answer.idTagInfo);
    this.#release(tx);
    if (c.transaction === tx) installPendingTxProfile(this.p, tx);
    c.ending = c.ending.filter((t) => t !== tx || t.held.length > 0);
    if (c.transaction === tx && answer.idTagInfo.status !== 'Accepted') {
      // §4.8 / §9.1.24: an idTag the CSMS refuses ends the transaction, or only its charging.
      if (boolKey(ctx.state.config, 'StopTransactionOnInvalidId')) void this.stop(c, 'DeAuthorized');
      else tx.suspendedByCsms = true;
    }
    ctx.applyLimits();
    this.p.status.report(c.id);
    ctx.changed();
  }

  /** Sends the messages that waited for the transaction id, in order. */
  #release(tx: TransactionState): void {
    if (!this.p.accepted) return;
    const held = tx.held.splice(0);
    for (const m of held)
      void this.p.send(m.action as 'MeterValues', { ...m.params, transactionId: Number(tx.id) } as never);
  }

  /**
   * Sends a message of `tx`, or holds it while the CSMS's id is unknown or the station is not
   * accepted (§4.2: nothing but BootNotification before that).
   */
  #sendOf(
    tx: TransactionState,
    action: 'MeterValues' | 'StopTransaction',
    params: Record<string, unknown>,
  ): Promise<unknown> {
    if (tx.id === undefined || !this.p.accepted) {
      tx.held.push({ action, params });
      this.p.ctx.changed();
      return Promise.resolve();
    }
    return this.p.send(action, { ...params, transactionId: Number(tx.id) } as never);
  }

  /** Ends the transaction on `c` (§4.10). Resolves once its StopTransaction is answered or held. */
  stop(c: ConnectorState, reason: StopReason, idTag?: string, atMs?: number): Promise<void> {
    const { ctx } = this.p;
    const tx = c.transaction;
    if (!tx) return Promise.resolve();
    ctx.measure();
    const now = atMs ?? ctx.clock.now();
    const config = ctx.state.config;
    tx.samples.push(record({ ...readConnector(c, now), atMs: now }, 'Transaction.End'));
    tx.stopped = { reason, atMs: now, meterStopWh: c.meterWh, ...(idTag ? { idTag } : {}) };
    const data = transactionData(
      tx.samples,
      listKey(config, 'StopTxnSampledData'),
      listKey(config, 'StopTxnAlignedData'),
    );
    delete c.transaction;
    c.finishing = c.plugged;
    ctx.timers.clear(`sample:${c.id}`);
    ctx.emit('transactionStopped', { connectorId: c.id, localId: tx.localId, id: tx.id, reason });
    const sent = this.#sendOf(tx, 'StopTransaction', {
      meterStop: Math.round(c.meterWh),
      timestamp: iso(now),
      reason,
      ...(idTag ? { idTag } : {}),
      ...(data.length > 0 ? { transactionData: data } : {}),
    });
    if (tx.held.length > 0) c.ending.push(tx);
    transactionProfilesEnded(this.p, tx.id);
    this.p.sessions.transactionEnded(c);
    ctx.applyLimits();
    this.p.status.report(c.id);
    ctx.changed();
    return sent.then((answer) => {
      // StopTransaction.conf's idTagInfo updates the cache too (§3.5.1).
      const info = (answer as { idTagInfo?: IdTagInfo } | undefined)?.idTagInfo;
      if (info && idTag) this.p.auth.remember(idTag, info);
    });
  }

  /** Sends the meter values of connector `id` (0: the whole station) now. */
  sample(id: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void {
    const { ctx } = this.p;
    ctx.measure();
    const now = ctx.clock.now();
    const config = ctx.state.config;
    const measurands = listKey(
      config,
      context === 'Sample.Clock' ? 'MeterValuesAlignedData' : 'MeterValuesSampledData',
    );
    if (id === 0) {
      const all = ctx.state.connectors;
      const reading = {
        atMs: now,
        energyWh: all.reduce((s, c) => s + c.meterWh, 0),
        powerW: all.reduce((s, c) => s + c.powerW, 0),
        offeredW: all.reduce((s, c) => s + Math.min(c.maxPowerW, c.limitW ?? c.maxPowerW), 0),
      };
      const mv = meterValue(
        reading,
        measurands.filter((m) => m !== 'SoC'),
        context,
      );
      if (mv)
        void this.p.send(
          'MeterValues',
          { connectorId: 0, meterValue: [mv] },
          { triggered: context === 'Trigger' },
        );
      return;
    }
    const c = ctx.connector(id);
    const reading = readConnector(c, now);
    const mv = meterValue(reading, measurands, context);
    const tx = c.transaction;
    if (tx && context !== 'Trigger') {
      const keep = listKey(config, context === 'Sample.Clock' ? 'StopTxnAlignedData' : 'StopTxnSampledData');
      if (keep.length > 0) tx.samples.push(record(reading, context));
    }
    if (!mv) return;
    if (tx && (this.p.accepted || context === 'Trigger'))
      void this.#sendOf(tx, 'MeterValues', { connectorId: id, meterValue: [mv] });
    else if (!tx)
      void this.p.send(
        'MeterValues',
        { connectorId: id, meterValue: [mv] },
        { triggered: context === 'Trigger' },
      );
  }

  /** Periodic samples of a running transaction every MeterValueSampleInterval seconds (§9.1.18). */
  scheduleSampling(c: ConnectorState): void {
    const { ctx } = this.p;
    const seconds = Number(ctx.state.config.MeterValueSampleInterval);
    if (!c.transaction || !(seconds > 0)) {
      ctx.timers.clear(`sample:${c.id}`);
      return;
    }
    ctx.timers.set(`sample:${c.id}`, seconds * 1000, () => {
      if (!c.transaction) return;
      this.sample(c.id, 'Sample.Periodic');
      this.scheduleSampling(c);
    });
  }

  /**
   * After a restart: a transaction the previous run left running ended when the station lost
   * power; it is stopped with reason PowerLoss as of the last saved moment (§7.36), so the CSMS
   * is never left with a transaction that no station will end. After a reboot of this station
   * (reset, firmware) one that slipped in before it ends with reason Reboot.
   */
  recover(previousRunEnded: boolean): void {
    const { ctx } = this.p;
    const at = Math.min(ctx.state.powerLostAtMs ?? ctx.clock.now(), ctx.clock.now());
    delete ctx.state.powerLostAtMs;
    for (const c of ctx.state.connectors) {
      c.powerW = 0;
      if (c.transaction) void this.stop(c, previousRunEnded ? 'Reboot' : 'PowerLoss', undefined, at);
    }
  }

  /** Once accepted: starts no CSMS has heard of go out, and held messages of known ids. */
  accepted(): void {
    for (const c of this.p.ctx.state.connectors) {
      for (const tx of [c.transaction, ...c.ending]) {
        if (!tx) continue;
        if (tx.id === undefined && !tx.startStored) void this.sendStart(c, tx);
        else if (tx.id !== undefined && tx.held.length > 0) this.#release(tx);
      }
      c.ending = c.ending.filter((t) => t.held.length > 0 || t.id === undefined);
      this.scheduleSampling(c);
    }
  }
}
