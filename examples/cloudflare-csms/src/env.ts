import type { DurableObjectNamespaceLike, StationStubLike } from '@ocpp-ws-io/cloudflare';
import type { CommandArgs, CommandCall, StationSummary, TransactionRecord } from './csms/index.js';

/** The station object's stub: the router's RPC methods plus the example's own. */
export interface StationStub extends StationStubLike {
  transactions(): Promise<TransactionRecord[]>;
  command(name: string, args: CommandArgs): Promise<{ call?: CommandCall; outcome: unknown }>;
}

/** The registry object's stub. */
export interface RegistryStub {
  upsert(summary: StationSummary): Promise<void>;
  list(): Promise<StationSummary[]>;
}

export interface Env {
  STATIONS: DurableObjectNamespaceLike<StationStub>;
  REGISTRY: DurableObjectNamespaceLike<RegistryStub>;
  /** Shared password of the demo's stations; a real CSMS keeps one per station. */
  STATION_PASSWORD: string;
  /** Bearer token of the HTTP API (and of the admin page, which calls it). */
  API_TOKEN: string;
}
