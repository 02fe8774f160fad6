// What drivers and cars do at a 1.6 station, and what follows: a token presented, a cable
// plugged or pulled, a remote start — turned into authorizations, transactions and statuses.

import type { ConnectorState, StopReason } from '../model/state.js';
import type { TokenOutcome } from '../profile.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import { boolKey, numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';
import { isFree } from './status.js';
import { Transactions } from './transactions.js';

export class Sessions {
  readonly tx: Transactions;
  constructor(private readonly p: Ocpp16) {
    this.tx = new Transactions(p);
  }

  /**
   * Transactions may start only once the CSMS accepted this station (§4.2, §4.2.1: "deny all
   * charging services … if the Charge Point has never before been Accepted"); offline, a station
   * accepted before keeps charging per its offline rules (§3.5).
   */
  mayStart(): string | undefined {
    const { state } = this.p.ctx;
    if (this.p.accepted) return undefined;
    if (!this.p.ctx.online() && state.boot.acceptedOnce && state.boot.status === 'Unknown') return undefined;
    return `the CSMS has not accepted the station (boot status ${state.boot.status})`;
  }

  /** A reservation lets `idTag` in (its own idTag or the same parent, §5.13). */
  #reservedFor(
    idTag: string,
    parentIdTag: string | undefined,
    reservation: ConnectorState['reservation'],
  ): boolean {
    return (
      !!reservation &&
      (reservation.idTag === idTag || (!!parentIdTag && reservation.parentIdTag === parentIdTag))
    );
  }

  /** Where a session for `idTag` can take place (a given connector, else a plugged one, else a free one). */
  #pick(idTag: string, connectorId: number | undefined): ConnectorState | string {
    const { state } = this.p.ctx;
    const usable = (c: ConnectorState) =>
      !c.transaction &&
      !c.fault &&
      c.operative &&
      state.station.operative &&
      !state.station.fault &&
      (!c.reservation || c.reservation.idTag === idTag || c.reservation.parentIdTag !== undefined);
    if (connectorId !== undefined) {
      const c = this.p.ctx.connector(connectorId);
      return usable(c) ? c : `connector ${connectorId} is ${this.p.status.statusOf(connectorId)}`;
    }
    const candidates = state.connectors.filter(usable);
    const chosen =
      candidates.find((c) => c.plugged && !c.authorization) ??
      candidates.find((c) => c.reservation?.idTag === idTag) ??
      candidates.find((c) => isFree(c));
    return chosen ?? 'no connector is available';
  }

  async presentToken(idTag: string, connectorId?: number): Promise<TokenOutcome> {
    const { state } = this.p.ctx;
    // The same token again stops its own transaction (§3.5.4 / §4.10: stopped locally).
    const own = state.connectors.find(
      (c) => c.transaction?.idTag === idTag && (connectorId === undefined || c.id === connectorId),
    );
    if (own) {
      await this.stop(own.id, 'Local', idTag);
      return { result: 'stopped', connectorId: own.id };
    }
    const refused = this.mayStart();
    if (refused) return { result: 'rejected', reason: refused };
    const picked = this.#pick(idTag, connectorId);
    if (typeof picked === 'string') return { result: 'rejected', reason: picked };
    const decision = await this.p.auth.authorize(idTag);
    if (!decision.accepted) return { result: 'rejected', reason: `idTag ${decision.status}` };
    const c = picked;
    const reservation = c.reservation ?? state.station.reservation;
    if (reservation && !this.#reservedFor(idTag, decision.parentIdTag, reservation) && c.reservation)
      return { result: 'rejected', reason: `connector ${c.id} is reserved` };
    return this.#authorized(c, idTag, false);
  }

  /** An idTag may charge on `c`: starts now if the cable is in, else waits ConnectionTimeOut for it. */
  #authorized(c: ConnectorState, idTag: string, remote: boolean, profile?: ChargingProfile): TokenOutcome {
    const { ctx } = this.p;
    if (c.plugged) {
      this.tx.start(c, idTag, this.#consumeReservation(c, idTag), profile);
      return { result: 'started', connectorId: c.id };
    }
    c.authorization = {
      idTag,
      atMs: ctx.clock.now(),
      remote,
      ...(profile ? { chargingProfile: profile } : {}),
    };
    // §9.1.5 ConnectionTimeOut: the authorization lapses if no cable comes in time.
    ctx.timers.set(
      `connectionTimeout:${c.id}`,
      numberKey(ctx.state.config, 'ConnectionTimeOut') * 1000,
      () => {
        delete c.authorization;
        this.p.status.report(c.id);
        ctx.changed();
      },
    );
    this.p.status.report(c.id);
    ctx.changed();
    return { result: 'authorized', connectorId: c.id };
  }

  /** The reservation a starting transaction ends (its id goes into StartTransaction, §4.8). */
  #consumeReservation(c: ConnectorState, idTag: string): number | undefined {
    const { state, timers } = this.p.ctx;
    for (const holder of [c, state.station]) {
      const r = holder.reservation;
      if (r && (r.idTag === idTag || r.parentIdTag !== undefined)) {
        delete holder.reservation;
        timers.clear(`reservation:${r.id}`);
        return r.id;
      }
    }
    return undefined;
  }

  /** RemoteStartTransaction accepted (§5.11): authorize first if AuthorizeRemoteTxRequests. */
  async remoteStart(c: ConnectorState, idTag: string, profile?: ChargingProfile): Promise<void> {
    if (boolKey(this.p.ctx.state.config, 'AuthorizeRemoteTxRequests')) {
      const decision = await this.p.auth.authorize(idTag);
      if (!decision.accepted) return;
    }
    if (!c.transaction) this.#authorized(c, idTag, true, profile);
  }

  plugged(connectorId: number): void {
    const c = this.p.ctx.connector(connectorId);
    const auth = c.authorization;
    if (auth && !c.transaction && !this.mayStart())
      this.tx.start(c, auth.idTag, this.#consumeReservation(c, auth.idTag), auth.chargingProfile);
    else if (c.transaction) this.p.ctx.applyLimits();
    this.p.status.report(connectorId);
  }

  unplugged(connectorId: number): void {
    const c = this.p.ctx.connector(connectorId);
    // §4.10 / §9.1.23: pulling the cable at the EV ends the transaction unless configured not to.
    if (c.transaction && boolKey(this.p.ctx.state.config, 'StopTransactionOnEVSideDisconnect'))
      void this.tx.stop(c, 'EVDisconnected');
    this.p.ctx.applyLimits();
    this.p.status.report(connectorId);
  }

  faultChanged(connectorId: number): void {
    const { state } = this.p.ctx;
    if (connectorId === 0) this.p.status.reportAll();
    else this.p.status.report(connectorId);
    for (const c of state.connectors) if (c.fault && c.transaction) void this.tx.stop(c, 'Other');
    this.p.ctx.applyLimits();
  }

  stop(connectorId: number, reason: StopReason, idTag?: string): Promise<void> {
    return this.tx.stop(this.p.ctx.connector(connectorId), reason, idTag);
  }

  sample(connectorId: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void {
    this.tx.sample(connectorId, context);
  }

  /** After a transaction: availability changes scheduled for its end take effect (§5.2). */
  transactionEnded(c: ConnectorState): void {
    const { state } = this.p.ctx;
    if (c.scheduledOperative !== undefined) {
      c.operative = c.scheduledOperative;
      delete c.scheduledOperative;
    }
    if (state.station.scheduledOperative !== undefined && !state.connectors.some((x) => x.transaction)) {
      state.station.operative = state.station.scheduledOperative;
      delete state.station.scheduledOperative;
      this.p.status.reportAll();
    }
  }

  recover(previousRunEnded: boolean): void {
    const { ctx } = this.p;
    for (const c of ctx.state.connectors) delete c.authorization;
    this.tx.recover(previousRunEnded);
    this.p.reservations.recover();
  }

  accepted(): void {
    this.tx.accepted();
    this.p.meterClock.schedule();
  }
}
