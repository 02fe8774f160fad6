import {
  type Handshake,
  type OCPPServerOptions,
  OCPPStationObject,
  type StationCallOutcome,
  type StationConnection,
} from '@ocpp-ws-io/cloudflare';
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

  // Browser stations can send the password two ways (see @ocpp-ws-io/browser's README): Basic
  // auth after our 401 challenge, or a `token` query parameter for CSMSs that cannot challenge.
  protected override authenticate({ password, searchParams }: Handshake) {
    const secret = this.env.STATION_PASSWORD;
    return password === secret || searchParams.get('token') === secret;
  }

  // Runs for each new connection and again after each hibernation: handlers live here, state
  // lives in this.ctx.storage (instance fields do not survive hibernation).
  protected override onStation(station: StationConnection, context: { restored: boolean }): void {
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
