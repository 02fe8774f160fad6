// The seam between the protocol-neutral station and one OCPP version. The station owns state,
// physics, timers, persistence and events; a profile owns everything that is a message: which
// handlers the client gets, what BootNotification looks like and what its answer means, when a
// transaction starts and how it is reported. One profile per version (v16/, v2/).

import type { Clock, OCPPClient, OCPPProtocol } from '@ocpp-ws-io/core';
import type { Timers } from './clock/timers.js';
import type { StationEvents } from './events.js';
import type { StationModel } from './model/create.js';
import type { BootReason, BootStatus, ConnectorState, StationState, StopReason } from './model/state.js';
import type { StationBehaviour } from './options.js';

/**
 * One row of a coverage table: what the station does when the CSMS sends `action`.
 *
 * @example
 * ```ts
 * const row: CoverageEntry = { action: 'Reset', clause: 'OCPP 1.6 §5.14', behaviour: 'Stops transactions and reboots.' };
 * ```
 */
export interface CoverageEntry {
  readonly action: string;
  /** One line: what the station does and answers. */
  readonly behaviour: string;
  /** The spec clause it follows, e.g. "OCPP 1.6 §5.14". */
  readonly clause: string;
}

/**
 * What presenting a token at the station led to.
 *
 * @example
 * ```ts
 * const outcome = await station.presentToken('04A1B2C3');
 * if (outcome.result === 'rejected') console.log(outcome.reason);
 * ```
 */
export type TokenOutcome =
  | { readonly result: 'started' | 'authorized' | 'stopped'; readonly connectorId: number }
  | { readonly result: 'rejected'; readonly reason: string };

/**
 * A configuration key as a technician's menu shows it: whether it can be changed, and whether a
 * change needs a reboot.
 *
 * @example
 * ```ts
 * const editable = station.configKeys().filter((k: ConfigKeyInfo) => !k.readOnly);
 * ```
 */
export interface ConfigKeyInfo {
  readonly key: string;
  readonly readOnly: boolean;
  /** A new value takes effect after a reboot (the change answers RebootRequired). */
  readonly rebootRequired: boolean;
}

/**
 * The answer to a configuration change, in 1.6 ChangeConfiguration terms.
 *
 * @example
 * ```ts
 * const status: ConfigChangeStatus = station.configure('HeartbeatInterval', '120');
 * ```
 */
export type ConfigChangeStatus = 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported';

/**
 * What a profile may use and change. Made by {@link VirtualStation}, one per run.
 *
 * @example
 * ```ts
 * const createMyProfile: ProfileFactory = (ctx) => {
 *   ctx.timers.set('hello', 1_000, () => ctx.changed());
 *   return new MyProfile(ctx);
 * };
 * ```
 */
export interface StationContext {
  readonly client: OCPPClient;
  readonly clock: Clock;
  /** Timers of this run; all cleared when the station stops or reboots. */
  readonly timers: Timers;
  /** The live state: change it, then call {@link StationContext.changed}. */
  readonly state: StationState;
  readonly model: StationModel;
  readonly behaviour: StationBehaviour;
  /** The connector `id` (1-based); throws a RangeError for one the station does not have. */
  connector(id: number): ConnectorState;
  /** Tells listeners and persistence that the state changed. */
  changed(): void;
  /** Resolves once the current state is persisted (no-op without persistence). */
  save(): Promise<void>;
  emit<TEvent extends keyof StationEvents>(event: TEvent, ...args: Parameters<StationEvents[TEvent]>): void;
  /** Reports an error through the station's `error` event. */
  fail(error: unknown): void;
  /** True while the client has an open connection. */
  online(): boolean;
  /** Brings energy and power up to now (call before reading a meter). */
  measure(): void;
  /** Recomputes each connector's limit from the installed charging profiles and updates power. */
  applyLimits(): void;
  /**
   * Restarts the station: timers cleared, connection closed and opened again, boot again, with
   * `reason` in the state for the new run's BootNotification (2.x) and security events.
   */
  reboot(reason: BootReason): Promise<void>;
  /** A transaction-local id unique across runs. */
  nextLocalTxId(): string;
}

/**
 * One OCPP version's behaviour. The station calls it; it calls the client.
 *
 * @example
 * ```ts
 * const station = new VirtualStation({ client, ...model, profiles: { 'ocpp2.0.1': (ctx) => new Ocpp201Profile(ctx) } });
 * ```
 */
export interface ProtocolProfile {
  readonly protocol: OCPPProtocol;
  /** What the profile answers, per CSMS-initiated action. */
  readonly coverage: readonly CoverageEntry[];
  /** Configuration keys a snapshot must not show (write-only secrets). */
  readonly hiddenConfigKeys: readonly string[];
  /** Registers a handler on the client for every CSMS-initiated action; returns their removal. */
  install(): () => void;
  /**
   * Deals with what a previous run left in the state before anything is sent: transactions that
   * were running when the station went down are ended the way the version says.
   */
  recover(previousRunEnded: boolean): void;
  /** Boots (and keeps booting per the CSMS's answers); resolves with the first answer. */
  boot(): Promise<BootStatus>;
  /** Reports the status of one connector (0: the station) or of all, if it changed. */
  reportStatus(connectorId?: number): void;
  /** The version's status name of a connector (0: the station), for snapshots. */
  statusOf(connectorId: number): string;
  /** Physical events. */
  plugged(connectorId: number): void;
  unplugged(connectorId: number): void;
  presentToken(idTag: string, connectorId?: number): Promise<TokenOutcome>;
  /** A fault appeared or cleared on a connector (0: the station). */
  faultChanged(connectorId: number): void;
  /** Power started or stopped flowing, or the car became full. */
  powerChanged(connectorId: number): void;
  /** Ends the connector's transaction, if any (the station stops, a user stops it). */
  stopTransaction(connectorId: number, reason: StopReason): Promise<void>;
  /** Sends the meter values of a connector now (0: the station's main meter). */
  sampleMeterValues(connectorId: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void;
  /** Sends a message the CSMS asked for (TriggerMessage and its kin). */
  trigger(message: string, connectorId?: number): 'Accepted' | 'Rejected' | 'NotImplemented';
  /** Stops everything the profile started (timers are cleared by the station). */
  dispose(): void;
  /** Optional: the configuration keys a UI may show (write-only ones left out). */
  configKeys?(): readonly ConfigKeyInfo[];
  /** Optional: a change made at the station itself, with the rules and effects of the CSMS's own. */
  configure?(key: string, value: string): ConfigChangeStatus;
}

/**
 * Makes a profile for one run of a station.
 *
 * @example
 * ```ts
 * new VirtualStation({ client, vendor: 'Acme', model: 'X1', profiles: { 'ocpp2.0.1': (ctx) => new Ocpp201Profile(ctx) } });
 * ```
 */
export type ProfileFactory = (context: StationContext) => ProtocolProfile;
