import {
  type Handshake,
  type OCPPServerOptions,
  OCPPStationObject,
  type StationCallOutcome,
  type StationConnection,
} from '@ocpp-ws-io/cloudflare';
import { type CredentialStatus, CredentialStore } from './auth/credential-store.js';
import { hashPassword } from './auth/password-hash.js';
import { credentialProblem } from './auth/password-rules.js';
import { answerOf, changesPassword, newStationPassword, passwordCall } from './auth/rotation.js';
import { decideStation, LOCKED_OUT_STATUS } from './auth/station-auth.js';
import {
  buildCommand,
  type CommandArgs,
  type CommandCall,
  isCommandName,
  StationRecords,
  type StationSummary,
  serveStation,
  type TransactionRecord,
} from './csms/index.js';
import { identityOfUpgrade, type Refusal, refusalDiagnostics } from './diagnostics.js';
import type { Env } from './env.js';

/** Heartbeat interval handed to stations: short, so the demo shows Heartbeats within a minute. */
const HEARTBEAT_INTERVAL_S = 60;

/**
 * One charging station's CSMS side: a Durable Object addressed by the station's identity. The
 * business logic is the shared `serveStation`; this class only binds it to Durable Object
 * storage and reports every change to the registry object the admin page lists.
 */
export class StationObject extends OCPPStationObject<Env> {
  protected override serverOptions(): OCPPServerOptions {
    return { protocols: ['ocpp2.0.1', 'ocpp1.6'] };
  }

  // Each station has its own credential in this object's storage (see auth/station-auth.ts).
  // Browser stations may send it two ways (see @ocpp-ws-io/browser's README): Basic auth after
  // our 401 challenge, or a `token` query parameter; both get the same check.
  protected override authenticate(handshake: Handshake) {
    return decideStation(handshake, this.#credentials(), this.env, (status, reason) => {
      this.#refusal = { at: new Date().toISOString(), status, reason };
    });
  }

  /** The refusal the auth callback reported for the handshake in progress (read in fetch). */
  #refusal: Refusal | undefined;

  /**
   * Takes the upgrade, logs one line per connection and per refusal (the station's side sees
   * only a status, a browser not even that), keeps the last refusal for the development
   * diagnostics route, and gives a lock-out refusal its Retry-After (auth decisions carry no
   * headers).
   */
  override async fetch(request: Request): Promise<Response> {
    this.#refusal = undefined;
    const response = await super.fetch(request);
    const identity = identityOfUpgrade(request);
    const offered = request.headers.get('Sec-WebSocket-Protocol') ?? '';
    if (response.status === 101 && response.headers.get('Sec-WebSocket-Protocol')) {
      console.log(`[csms] station ${identity} connected (${response.headers.get('Sec-WebSocket-Protocol')})`);
    } else if (response.status === 101) {
      // The library completes the handshake without a subprotocol and closes at once (OCPP-J §3.2).
      const speaks = (this.serverOptions().protocols ?? []).join(', ');
      this.#refusal = {
        at: new Date().toISOString(),
        status: 101,
        reason: `no common subprotocol (offered: ${offered || 'none'}; this CSMS speaks ${speaks})`,
      };
      console.warn(`[csms] station ${identity} refused: ${this.#refusal.reason}`);
    }
    if (this.#refusal) await refusalDiagnostics(this.ctx.storage).record(this.#refusal);
    if (response.status !== LOCKED_OUT_STATUS) return response;
    const seconds = Math.max(1, Math.ceil((await this.#credentials().lockedForMs(Date.now())) / 1000));
    return new Response(await response.text(), {
      status: LOCKED_OUT_STATUS,
      headers: { 'Retry-After': String(seconds) },
    });
  }

  // Runs for each new connection and again after each hibernation: handlers live here, state
  // lives in this.ctx.storage (instance fields do not survive hibernation).
  protected override onStation(station: StationConnection, context: { restored: boolean }): void {
    station.on('close', ({ code, reason }) =>
      console.log(`[csms] station ${station.identity} disconnected (${code}${reason ? ` ${reason}` : ''})`),
    );
    serveStation(
      station,
      {
        storage: this.ctx.storage,
        heartbeatIntervalS: HEARTBEAT_INTERVAL_S,
        onSummary: (summary) => this.env.REGISTRY.getByName('all').upsert(summary),
      },
      context,
    );
  }

  /**
   * RPC (the router's API and `command`): a call to the station, except one that would change its
   * password without the CSMS storing the new hash — that would lock the station out. Password
   * changes go through {@link rotateCredential}.
   */
  override async callStation(
    action: string,
    params: unknown,
    options: { timeoutMs?: number } = {},
  ): Promise<StationCallOutcome> {
    if (changesPassword(action, params)) {
      return {
        ok: false,
        error: {
          type: 'ValidationFailed',
          message: 'Change station passwords with POST /api/stations/:identity/credential/rotate',
        },
      };
    }
    return super.callStation(action, params, options);
  }

  /** RPC: the last refused handshake of this identity, for the development diagnostics route. */
  async lastRefusal(): Promise<Refusal | undefined> {
    return refusalDiagnostics(this.ctx.storage).last();
  }

  /** RPC: what is stored about the station's credential and failed handshakes (never the hash). */
  async credentialStatus(): Promise<CredentialStatus> {
    return this.#credentials().status(Date.now());
  }

  /**
   * RPC: sets the station's credential (provisioning, or replacing a lost one). The previous
   * password stops working at once; a connected station stays connected until it reconnects.
   */
  async setCredential(
    identity: string,
    password: unknown,
  ): Promise<{ ok: true; status: CredentialStatus } | { ok: false; problem: string }> {
    const problem = credentialProblem(password);
    if (problem) return { ok: false, problem };
    await this.#credentials().setPassword(password as string, 'api');
    console.warn(`[auth] station ${identity}: credential set through the API`);
    return { ok: true, status: await this.credentialStatus() };
  }

  /** RPC: lifts a lock-out now (the operator knows the station is genuine). */
  async clearLockout(identity: string): Promise<CredentialStatus> {
    await this.#credentials().clearFailures();
    console.warn(`[auth] station ${identity}: lock-out lifted through the API`);
    return this.credentialStatus();
  }

  /**
   * RPC: gives the connected station a new random password the way OCPP defines it (1.6
   * ChangeConfiguration AuthorizationKey, 2.x SetVariables SecurityCtrlr.BasicAuthPassword; see
   * auth/rotation.ts). Accepted: only the new password works from now on, and the station is
   * expected to reconnect with it. Any other answer, or none: the old password stays.
   */
  async rotateCredential(): Promise<{
    action?: string;
    outcome: StationCallOutcome;
    stationStatus?: string;
    switched: boolean;
  }> {
    const station = this.station;
    if (!station) {
      return {
        outcome: { ok: false, error: { type: 'NotConnected', message: 'The station is not connected' } },
        switched: false,
      };
    }
    const { identity, protocol } = station;
    const password = newStationPassword(protocol);
    // Hashed before the call: when the station accepts, storing is one quick write, done before
    // the station's reconnect with the new password can be handled.
    const hashed = await hashPassword(password);
    const call = passwordCall(protocol, password);
    const outcome = await super.callStation(call.action, call.params);
    if (!outcome.ok) {
      console.warn(
        `[auth] station ${identity}: ${call.action} for a new password failed (${outcome.error.type})`,
      );
      return { action: call.action, outcome, switched: false };
    }
    const answer = answerOf(protocol, outcome.response);
    if (answer.switched) await this.#credentials().setHash(hashed, 'rotation');
    console.warn(
      `[auth] station ${identity}: ${call.action} answered ${answer.status}; ` +
        (answer.switched ? 'only the new password is accepted from now on' : 'it keeps its current password'),
    );
    return { action: call.action, outcome, stationStatus: answer.status, switched: answer.switched };
  }

  #credentials(): CredentialStore {
    return new CredentialStore(this.ctx.storage);
  }

  /** RPC: the transactions this station reported, newest last. */
  async transactions(): Promise<TransactionRecord[]> {
    return new StationRecords(this.ctx.storage).transactions();
  }

  /** RPC: sends an admin command (see `buildCommand`) and returns what was sent and the outcome. */
  async command(
    name: string,
    args: CommandArgs,
  ): Promise<{ call?: CommandCall; outcome: StationCallOutcome }> {
    const station = this.station;
    if (!station) {
      return {
        outcome: { ok: false, error: { type: 'NotConnected', message: 'The station is not connected' } },
      };
    }
    if (!isCommandName(name)) {
      return { outcome: { ok: false, error: { type: 'InternalError', message: `Unknown command ${name}` } } };
    }
    const summary: StationSummary | undefined = await new StationRecords(this.ctx.storage).summary();
    let call: CommandCall;
    try {
      call = buildCommand(station.protocol, name, args, summary?.openTransactions ?? []);
    } catch (error) {
      return { outcome: { ok: false, error: { type: 'InternalError', message: (error as Error).message } } };
    }
    return { call, outcome: await this.callStation(call.action, call.params) };
  }
}
