import {
  ALL_VALIDATORS,
  type Connector,
  connectInMemory,
  type OCPPProtocol,
  OCPPServer,
  type StationConnection,
} from '@ocpp-ws-io/browser';
import {
  buildCommand,
  type CommandArgs,
  type CommandName,
  StationRecords,
  type StationSummary,
  serveStation,
  type TransactionRecord,
} from '../../../examples/cloudflare-csms/src/csms/index.js';
import { LocalStorageCsmsStorage } from './local-storage.js';

/** The in-page CSMS's heartbeat interval: the Worker's, so both modes behave alike. */
const HEARTBEAT_INTERVAL_S = 60;

/** Result of an operator command: what was sent and what came back. */
export interface CommandResult {
  readonly action?: string;
  readonly params?: unknown;
  readonly ok: boolean;
  readonly response?: unknown;
  readonly error?: string;
}

/**
 * The demo CSMS running inside the page: the core `OCPPServer` with the same business logic as
 * the Worker (`serveStation`), reached over the in-memory transport (`connectInMemory`), so the
 * static build needs no server at all. Emits `change` when a station's summary changes.
 */
export class InPageCsms extends EventTarget {
  readonly server = new OCPPServer<OCPPProtocol>({
    // 2.1 too: the example's 2.0.1 logic answers a 2.1 station's messages alike (same actions and
    // fields for what it handles), so the page's 2.1 station has a CSMS without any server.
    protocols: ['ocpp2.1', 'ocpp2.0.1', 'ocpp1.6'],
    validators: ALL_VALIDATORS,
  });
  readonly summaries = new Map<string, StationSummary>();
  private readonly connections = new Map<string, StationConnection>();

  constructor() {
    super();
    // Every station is welcome: this CSMS lives in the same tab as the station it serves.
    this.server.auth(() => true);
    this.server.on('client', (station) => {
      this.connections.set(station.identity, station);
      serveStation(station, {
        storage: this.storageOf(station.identity),
        heartbeatIntervalS: HEARTBEAT_INTERVAL_S,
        onSummary: (summary) => {
          this.summaries.set(summary.identity, summary);
          this.dispatchEvent(new Event('change'));
        },
      });
    });
  }

  /** The connector an `OCPPClient` dials this CSMS with. */
  connector(): Connector {
    return connectInMemory(this.server);
  }

  async transactions(identity: string): Promise<TransactionRecord[]> {
    return new StationRecords(this.storageOf(identity)).transactions();
  }

  /** Sends an operator command (the admin page's buttons) to a connected station. */
  async command(identity: string, name: CommandName, args: CommandArgs = {}): Promise<CommandResult> {
    const station = this.server.stations.get(identity);
    if (!station) return { ok: false, error: 'The station is not connected' };
    const open = this.summaries.get(identity)?.openTransactions ?? [];
    let call: ReturnType<typeof buildCommand>;
    try {
      call = buildCommand(station.protocol, name, args, open);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    try {
      const send = station.call as (action: string, params: unknown) => Promise<unknown>;
      const response = await send.call(station, call.action, call.params);
      return { ...call, ok: true, response };
    } catch (error) {
      return { ...call, ok: false, error: (error as Error).message };
    }
  }

  private storageOf(identity: string): LocalStorageCsmsStorage {
    return new LocalStorageCsmsStorage(`ocpp-playground:csms:${identity}:`);
  }
}
