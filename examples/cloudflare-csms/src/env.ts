import type { DurableObjectNamespaceLike, StationStubLike } from '@ocpp-ws-io/cloudflare';
import type { CredentialStatus } from './auth/credential-store.js';
import type { CommandArgs, CommandCall, StationSummary, TransactionRecord } from './csms/index.js';
import type { StationObject } from './station-object.js';

/** The station object's stub: the router's RPC methods plus the example's own. */
export interface StationStub extends StationStubLike {
  transactions(): Promise<TransactionRecord[]>;
  command(name: string, args: CommandArgs): Promise<{ call?: CommandCall; outcome: unknown }>;
  credentialStatus(): Promise<CredentialStatus>;
  setCredential: StationObject['setCredential'];
  clearLockout(identity: string): Promise<CredentialStatus>;
  lastRefusal: StationObject['lastRefusal'];
  rotateCredential: StationObject['rotateCredential'];
}

/** The registry object's stub. */
export interface RegistryStub {
  upsert(summary: StationSummary): Promise<void>;
  list(): Promise<StationSummary[]>;
}

/**
 * The Worker's bindings. The secrets are optional on purpose: a deploy without them must refuse
 * (see auth/), so the code may never assume they are there. None is in wrangler.jsonc: production
 * sets them with `wrangler secret put`, `wrangler dev` reads them from .dev.vars.
 */
export interface Env {
  STATIONS: DurableObjectNamespaceLike<StationStub>;
  REGISTRY: DurableObjectNamespaceLike<RegistryStub>;
  /** Bearer token of the HTTP API (and of the admin page, which calls it); ≥ 16 characters. */
  API_TOKEN?: string;
  /**
   * Development only: an unknown identity presenting this as its password is enrolled with it.
   * Unset in production, where unknown identities are refused.
   */
  ENROLMENT_SECRET?: string;
  /**
   * Development only: "1" lets GET /dev/last-refusal/:identity say why a handshake was refused
   * (the playground shows it; a browser only sees close 1006), and lets pages of other origins read
   * the API's answers (CORS: the playground's "Test a CSMS" page). Never in production.
   */
  DEV_DIAGNOSTICS?: string;
  /** Read only to warn that it is no longer used (it was the shared password of every station). */
  STATION_PASSWORD?: string;
}
