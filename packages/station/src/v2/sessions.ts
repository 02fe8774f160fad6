// What drivers and cars do at a 2.x station, and what follows (E01–E10, C01): a token presented,
// a cable plugged or pulled, a fault — handed to the start and stop points (tx-points.ts) and the
// transactions, with the statuses they change.

import type { IdTokenType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState, StopReason } from '../model/state.js';
import type { TokenOutcome } from '../profile.js';
import { type Reading, readStation } from '../shared/readings.js';
import { cardToken } from './auth.js';
import type { Ocpp2 } from './profile.js';
import { isFree } from './status.js';
import { type EndOptions, Transactions } from './transactions.js';
import { TxPoints } from './tx-points.js';

export class Sessions {
  readonly tx: Transactions;
  readonly points: TxPoints;

  constructor(private readonly p: Ocpp2) {
    this.tx = new Transactions(p);
    this.points = new TxPoints(p, this.tx);
  }

  /** The main meter (evseId 0): every EVSE's register summed. */
  stationReading(atMs: number): Reading {
    return readStation(this.p.ctx.state.connectors, atMs);
  }

  /**
   * Transactions start only once the CSMS accepted the station (B02: none while Pending); offline,
   * a station accepted before keeps charging per its offline rules (C15).
   */
  mayStart(): string | undefined {
    const { state } = this.p.ctx;
    if (this.p.accepted) return undefined;
    if (!this.p.ctx.online() && state.boot.acceptedOnce && state.boot.status === 'Unknown') return undefined;
    return `the CSMS has not accepted the station (boot status ${state.boot.status})`;
  }

  /** The token of the transaction running on `c`, if it has one. */
  tokenOf(c: ConnectorState): IdTokenType | undefined {
    return c.transaction ? this.tx.record(c.transaction).idToken : undefined;
  }

  /** H01: a reservation lets `token` in when it is its token or of the same group. */
  #reservedFor(token: IdTokenType, group: string | undefined, r: ConnectorState['reservation']): boolean {
    return !!r && (r.idTag === token.idToken || (!!group && r.parentIdTag === group));
  }

  /** Where a session for `token` takes place: a given EVSE, else one waiting for a token, a plugged, a reserved or a free one. */
  #pick(token: IdTokenType, evseId: number | undefined): ConnectorState | string {
    const { state } = this.p.ctx;
    const usable = (c: ConnectorState) =>
      (!c.transaction || !this.tx.record(c.transaction).authorized) &&
      !c.fault &&
      c.operative &&
      state.station.operative &&
      !state.station.fault &&
      (!c.reservation || c.reservation.idTag === token.idToken || c.reservation.parentIdTag !== undefined);
    if (evseId !== undefined) {
      const c = this.p.ctx.connector(evseId);
      return usable(c) ? c : `EVSE ${evseId} is ${this.p.status.statusOf(evseId)}`;
    }
    const candidates = state.connectors.filter(usable);
    const chosen =
      candidates.find((c) => c.transaction) ??
      candidates.find((c) => c.plugged && !c.authorization) ??
      candidates.find((c) => c.reservation?.idTag === token.idToken) ??
      candidates.find(isFree);
    return chosen ?? 'no EVSE is available';
  }

  async presentToken(idTag: string, evseId?: number): Promise<TokenOutcome> {
    const { state } = this.p.ctx;
    const token = cardToken(idTag);
    // The same token again ends (or deauthorizes) its own transaction (E06/E07: StopAuthorized).
    const own = state.connectors.find(
      (c) =>
        c.transaction &&
        this.tokenOf(c)?.idToken === idTag &&
        this.tx.record(c.transaction).authorized &&
        (evseId === undefined || c.id === evseId),
    );
    if (own) {
      await this.points.stopByToken(own, token);
      return { result: 'stopped', connectorId: own.id };
    }
    const refused = this.mayStart();
    if (refused) return { result: 'rejected', reason: refused };
    const picked = this.#pick(token, evseId);
    if (typeof picked === 'string') return { result: 'rejected', reason: picked };
    const decision = await this.p.auth.authorize(token);
    if (!decision.accepted) return { result: 'rejected', reason: `idToken ${decision.status}` };
    const c = picked;
    if (c.reservation && !this.#reservedFor(token, decision.parentIdTag, c.reservation))
      return { result: 'rejected', reason: `EVSE ${c.id} is reserved` };
    return this.points.authorized(c, token, { trigger: 'Authorized' });
  }

  plugged(connectorId: number): void {
    this.points.cablePlugged(this.p.ctx.connector(connectorId));
    this.p.status.report(connectorId);
  }

  unplugged(connectorId: number): void {
    this.points.cableUnplugged(this.p.ctx.connector(connectorId));
    this.p.applyLimits();
    this.p.status.report(connectorId);
  }

  /** A fault ends the transactions it stops (stoppedReason after the fault's kind). */
  faultChanged(connectorId: number): void {
    const { state } = this.p.ctx;
    if (connectorId === 0) this.p.status.reportAll();
    else this.p.status.report(connectorId);
    for (const c of state.connectors) {
      const fault = c.fault ?? state.station.fault;
      if (!fault || !c.transaction) continue;
      const code = fault.errorCode.toLowerCase();
      const stoppedReason = code.includes('ground')
        ? 'GroundFault'
        : code.includes('overcurrent')
          ? 'OvercurrentFault'
          : 'Other';
      void this.tx.stop(c, 'Other', { stoppedReason, trigger: 'AbnormalCondition' });
    }
    this.p.applyLimits();
  }

  /** Power started or stopped flowing: chargingState, status and the monitors that watch power. */
  powerChanged(connectorId: number): void {
    const c = this.p.ctx.connector(connectorId);
    this.tx.checkChargingState(c);
    this.p.status.report(connectorId);
    this.p.monitoring.evaluate();
  }

  stop(connectorId: number, reason: StopReason, options?: EndOptions): Promise<void> {
    return this.tx.stop(this.p.ctx.connector(connectorId), reason, options);
  }

  /** After a transaction: availability changes and resets scheduled for its end take effect (G03, B12). */
  transactionEnded(c: ConnectorState): void {
    const { state } = this.p.ctx;
    if (c.scheduledOperative !== undefined) {
      c.operative = c.scheduledOperative;
      delete c.scheduledOperative;
    }
    const idle = !state.connectors.some((x) => x.transaction);
    if (state.station.scheduledOperative !== undefined && idle) {
      state.station.operative = state.station.scheduledOperative;
      delete state.station.scheduledOperative;
      this.p.status.reportAll();
    }
    this.p.resets.transactionEnded(c, idle);
  }

  recover(_previousRunEnded: boolean): void {
    for (const c of this.p.ctx.state.connectors) delete c.authorization;
    this.points.forget();
    this.tx.recover();
    this.p.reservations.recover();
  }

  accepted(): void {
    this.tx.accepted();
    this.p.meterClock.schedule();
  }
}
