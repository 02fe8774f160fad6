// What drivers and cars do at a 2.x station, and what follows (E01–E10, C01, F01–F02): a token
// presented, a cable plugged or pulled, a remote start — turned into authorizations and
// transactions at the TxStartPoint, and ended at the TxStopPoint.

import type { IdTokenType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState, StopReason } from '../model/state.js';
import type { TokenOutcome } from '../profile.js';
import { type Reading, readStation } from '../shared/readings.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import { cardToken } from './auth.js';
import type { Ocpp2 } from './profile.js';
import { isFree } from './status.js';
import { type EndOptions, Transactions } from './transactions.js';

/** A driver or the CSMS authorized a session that waits for the cable. */
interface Waiting {
  readonly idToken: IdTokenType;
  readonly remoteStartId?: number;
  readonly profile?: ChargingProfile;
}

/** What the TxStartPoint / TxStopPoint lists hold. */
const CABLE_POINTS = ['EVConnected', 'PowerPathClosed', 'EnergyTransfer'];

export class Sessions {
  readonly tx: Transactions;
  /** Authorizations waiting for a cable, by EVSE (they do not survive a restart). */
  readonly #waiting = new Map<number, Waiting>();

  constructor(private readonly p: Ocpp2) {
    this.tx = new Transactions(p);
  }

  #startPoints(): string[] {
    return this.p.list('TxCtrlr', 'TxStartPoint');
  }

  #stopPoints(): string[] {
    return this.p.list('TxCtrlr', 'TxStopPoint');
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
      await this.stopByToken(own, token);
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
    return this.authorized(c, token, { trigger: 'Authorized' });
  }

  /**
   * An idToken may charge on `c`: a transaction waiting for it is authorized (E02), a transaction
   * starts when the TxStartPoint is reached, else the authorization waits EVConnectionTimeOut for
   * the cable (E03).
   */
  authorized(
    c: ConnectorState,
    idToken: IdTokenType,
    options: { trigger: 'Authorized' | 'RemoteStart'; remoteStartId?: number; profile?: ChargingProfile },
  ): TokenOutcome {
    const { ctx } = this.p;
    const running = c.transaction;
    if (running) {
      const rec = this.tx.record(running);
      rec.authorized = true;
      rec.idToken = idToken;
      if (options.remoteStartId !== undefined) rec.remoteStartId = options.remoteStartId;
      delete running.suspendedByCsms;
      this.p.applyLimits();
      void this.tx.update(c, options.trigger, { idToken });
      return { result: 'started', connectorId: c.id };
    }
    const points = this.#startPoints();
    const startsNow =
      points.includes('Authorized') || (c.plugged && points.some((x) => CABLE_POINTS.includes(x)));
    if (startsNow) {
      this.#start(c, { idToken, ...options });
      return { result: 'started', connectorId: c.id };
    }
    c.authorization = {
      idTag: idToken.idToken,
      atMs: ctx.clock.now(),
      remote: options.trigger === 'RemoteStart',
    };
    this.#waiting.set(c.id, {
      idToken,
      ...(options.remoteStartId !== undefined ? { remoteStartId: options.remoteStartId } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
    });
    // E03: the authorization lapses if no cable comes within EVConnectionTimeOut.
    ctx.timers.set(
      `connectionTimeout:${c.id}`,
      this.p.number('TxCtrlr', 'EVConnectionTimeOut') * 1000,
      () => {
        delete c.authorization;
        this.#waiting.delete(c.id);
        this.p.status.report(c.id);
        ctx.changed();
      },
    );
    this.p.status.report(c.id);
    ctx.changed();
    return { result: 'authorized', connectorId: c.id };
  }

  #start(
    c: ConnectorState,
    o: {
      idToken?: IdTokenType;
      trigger: 'Authorized' | 'RemoteStart' | 'CablePluggedIn';
      remoteStartId?: number;
      profile?: ChargingProfile;
    },
  ): void {
    this.#waiting.delete(c.id);
    const reservationId = o.idToken ? this.#consumeReservation(c, o.idToken) : undefined;
    const tx = this.tx.start(c, {
      trigger: o.trigger,
      authorized: !!o.idToken || !this.p.flag('AuthCtrlr', 'Enabled'),
      ...(o.idToken ? { idToken: o.idToken } : {}),
      ...(o.remoteStartId !== undefined ? { remoteStartId: o.remoteStartId } : {}),
      ...(reservationId !== undefined ? { reservationId } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
    });
    // TxStartPoint Authorized without a cable: E03 EVConnectTimeout ends it if none comes.
    if (!c.plugged) {
      const seconds = this.p.number('TxCtrlr', 'EVConnectionTimeOut');
      this.p.ctx.timers.set(`evConnection:${c.id}`, seconds * 1000, () => {
        if (c.transaction === tx && !c.plugged)
          void this.tx.stop(c, 'Other', { stoppedReason: 'Timeout', trigger: 'EVConnectTimeout' });
      });
    }
  }

  /** The reservation a starting transaction ends (its id goes into Started, H01). */
  #consumeReservation(c: ConnectorState, token: IdTokenType): number | undefined {
    const { state, timers } = this.p.ctx;
    for (const holder of [c, state.station]) {
      const r = holder.reservation;
      if (r && (r.idTag === token.idToken || r.parentIdTag !== undefined)) {
        delete holder.reservation;
        timers.clear(`reservation:${r.id}`);
        return r.id;
      }
    }
    return undefined;
  }

  /** F01/F02: authorizes first when AuthCtrlr.AuthorizeRemoteStart, then as a presented token. */
  async remoteStart(
    c: ConnectorState,
    idToken: IdTokenType,
    remoteStartId: number,
    profile?: ChargingProfile,
  ): Promise<void> {
    if (this.p.flag('AuthCtrlr', 'AuthorizeRemoteStart')) {
      const decision = await this.p.auth.authorize(idToken);
      if (!decision.accepted) return;
    }
    if (c.transaction && this.tx.record(c.transaction).authorized) return;
    this.authorized(c, idToken, { trigger: 'RemoteStart', remoteStartId, ...(profile ? { profile } : {}) });
  }

  /** A token at a running transaction of its own: ends it at an Authorized stop point, else deauthorizes. */
  async stopByToken(c: ConnectorState, idToken: IdTokenType): Promise<void> {
    const points = this.#stopPoints();
    if (points.some((x) => x !== 'EVConnected')) {
      await this.tx.stop(c, 'Local', { idToken });
      return;
    }
    const tx = c.transaction!;
    this.tx.record(tx).authorized = false;
    tx.suspendedByCsms = true;
    this.p.applyLimits();
    await this.tx.update(c, 'StopAuthorized', { idToken });
  }

  plugged(connectorId: number): void {
    const c = this.p.ctx.connector(connectorId);
    this.p.ctx.timers.clear(`evConnection:${c.id}`);
    const waiting = this.#waiting.get(c.id);
    if (c.transaction) {
      this.p.applyLimits();
      void this.tx.update(c, 'CablePluggedIn');
    } else if (!this.mayStart() && c.operative && this.p.ctx.state.station.operative) {
      const points = this.#startPoints();
      if (waiting && c.authorization && points.some((x) => CABLE_POINTS.includes(x) || x === 'Authorized'))
        this.#start(c, {
          idToken: waiting.idToken,
          trigger: 'CablePluggedIn',
          ...(waiting.remoteStartId !== undefined ? { remoteStartId: waiting.remoteStartId } : {}),
          ...(waiting.profile ? { profile: waiting.profile } : {}),
        });
      else if (points.includes('EVConnected') || !this.p.flag('AuthCtrlr', 'Enabled'))
        this.#start(c, { trigger: 'CablePluggedIn' });
    }
    this.p.status.report(connectorId);
  }

  /** E10: the cable is pulled at the EV: the transaction ends at a cable stop point, or when deauthorizing ends it. */
  unplugged(connectorId: number): void {
    const c = this.p.ctx.connector(connectorId);
    if (c.transaction) {
      const points = this.#stopPoints();
      const ends =
        points.some((x) => CABLE_POINTS.includes(x)) ||
        (points.includes('Authorized') && this.p.flag('TxCtrlr', 'StopTxOnEVSideDisconnect'));
      if (ends) void this.tx.stop(c, 'EVDisconnected');
      else void this.tx.update(c, 'EVCommunicationLost');
    }
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
    this.#waiting.clear();
    this.tx.recover();
    this.p.reservations.recover();
  }

  accepted(): void {
    this.tx.accepted();
    this.p.meterClock.schedule();
  }
}
