import type { Clock, DurableLane, OCPPClient, OCPPProtocol } from '@ocpp-ws-io/core';
import type { StationModel } from './model/create.js';
import type { StopReason } from './model/state.js';
import type { NetworkSwitch } from './network.js';
import type { StationBehaviour } from './options.js';
import type { StationPersistence } from './persistence.js';
import type { ProfileFactory } from './profile.js';

/**
 * Options of {@link VirtualStation}: the client, the station's model, and how it runs.
 *
 * @example
 * ```ts
 * const options: VirtualStationOptions = { client, vendor: 'Acme', model: 'X1', connectors: 2, clock: new ScaledClock({ speed: 60 }) };
 * ```
 */
export interface VirtualStationOptions<TProtocol extends OCPPProtocol = OCPPProtocol>
  extends StationModel,
    StationBehaviour {
  /** The OCPP client of any adapter (browser, node, deno, cloudflare), not yet connected or open. */
  readonly client: OCPPClient<TProtocol>;
  /** Drives heartbeats, sampling, physics and expiries; give the client the same one (default: real time). */
  readonly clock?: Clock;
  /** Saves the state between runs; without it a restart starts from a fresh station. */
  readonly persistence?: StationPersistence;
  /**
   * The durable lane the client was built with (see {@link stationDurable}): `stop()` waits for
   * its messages to be stored. Without one, transaction messages survive reconnects (the client
   * queues them) but not a restart.
   */
  readonly durable?: DurableLane;
  /** The switch the client's connector goes through; needed by goOffline() / comeBack(). */
  readonly network?: NetworkSwitch;
  /** Profiles per protocol, added to (and overriding) the built-in ones. */
  readonly profiles?: Partial<Record<OCPPProtocol, ProfileFactory>>;
}

/**
 * Options of {@link VirtualStation.stop}.
 *
 * @example
 * ```ts
 * await station.stop({ reason: 'Local' });
 * ```
 */
export interface StopOptions {
  /** Reason for the transactions it ends (default 'Other'). */
  readonly reason?: StopReason;
  /**
   * Simulate a power cut instead: nothing more is sent, running transactions stay in the saved
   * state, and the next `start()` ends them with reason PowerLoss (OCPP 1.6 §7.36).
   */
  readonly powerCut?: boolean;
  /**
   * While online, how long (on the station's clock) to wait for the CSMS to answer the
   * StopTransactions before closing (default 10 000 ms). They are stored either way.
   */
  readonly deliveryTimeoutMs?: number;
}
