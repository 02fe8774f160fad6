// When a 2.x transaction starts and stops (E01 TxStartPoint, E06 TxStopPoint): an authorization
// (a token, F01/F02 a remote start) and a cable each move a session towards its start point; a
// token of the running transaction and a pulled cable towards its stop point. An authorization
// without a cable waits EVConnectionTimeOut for one (E03).

import type { IdTokenType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState } from '../model/state.js';
import type { TokenOutcome } from '../profile.js';
import type { ChargingProfile } from '../smart-charging/types.js';
import type { Ocpp2 } from './profile.js';
import { installTxProfile } from './smart-charging.js';
import type { Transactions } from './transactions.js';

/** A driver or the CSMS authorized a session that waits for the cable. */
interface Waiting {
  readonly idToken: IdTokenType;
  readonly remoteStartId?: number;
  readonly profile?: ChargingProfile;
}

/** The start / stop points that need the cable in. */
const CABLE_POINTS = ['EVConnected', 'PowerPathClosed', 'EnergyTransfer'];

export class TxPoints {
  /** Authorizations waiting for a cable, by EVSE (they do not survive a restart). */
  readonly #waiting = new Map<number, Waiting>();

  constructor(
    private readonly p: Ocpp2,
    private readonly tx: Transactions,
  ) {}

  #startPoints(): string[] {
    return this.p.list('TxCtrlr', 'TxStartPoint');
  }

  #stopPoints(): string[] {
    return this.p.list('TxCtrlr', 'TxStopPoint');
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
      // F01/K05: a remote start's TxProfile is for this transaction, which exists already.
      if (options.profile) installTxProfile(this.p, running, options.profile);
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

  /** The cable is in: a transaction starts if the TxStartPoint is reached, a running one hears of it. */
  cablePlugged(c: ConnectorState): void {
    this.p.ctx.timers.clear(`evConnection:${c.id}`);
    const waiting = this.#waiting.get(c.id);
    if (c.transaction) {
      this.p.applyLimits();
      void this.tx.update(c, 'CablePluggedIn');
      return;
    }
    if (this.p.sessions.mayStart() || !c.operative || !this.p.ctx.state.station.operative) return;
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

  /** E09/E10: the cable is pulled at the EV: the transaction ends at a cable stop point, or when deauthorizing ends it. */
  cableUnplugged(c: ConnectorState): void {
    if (!c.transaction) return;
    const points = this.#stopPoints();
    const ends =
      points.some((x) => CABLE_POINTS.includes(x)) ||
      (points.includes('Authorized') && this.p.flag('TxCtrlr', 'StopTxOnEVSideDisconnect'));
    if (ends) void this.tx.stop(c, 'EVDisconnected');
    else void this.tx.update(c, 'EVCommunicationLost');
  }

  /** A restart forgets authorizations that waited for a cable. */
  forget(): void {
    this.#waiting.clear();
  }
}
