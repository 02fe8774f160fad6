import type { Clock, OCPPClient, OCPPProtocol } from '@ocpp-ws-io/core';
import type { VirtualStationOptions } from '../station-options.js';

/**
 * What every station of a fleet is (model, behaviour, persistence …): a station's options
 * without the client and the clock, which the fleet supplies.
 *
 * @example
 * ```ts
 * const station: FleetStationOptions = { vendor: 'Acme', model: 'Sim-1', connectors: 2, maxPowerW: 11_000 };
 * ```
 */
export type FleetStationOptions<TProtocol extends OCPPProtocol = OCPPProtocol> = Omit<
  VirtualStationOptions<TProtocol>,
  'client' | 'clock'
>;

/**
 * Makes the OCPP client of one station, with any adapter (browser, Node, Deno, Cloudflare) and
 * any connector (a relay's, a network switch's). Give it the fleet's clock, so that call
 * time-outs and reconnect back-off run on the same time as the stations.
 *
 * @example
 * ```ts
 * const client: FleetClientFactory<'ocpp1.6'> = (identity) =>
 *   new OCPPClient({ endpoint: 'ws://127.0.0.1:8787/ocpp', identity, protocols: ['ocpp1.6'], password, clock });
 * ```
 */
export type FleetClientFactory<TProtocol extends OCPPProtocol = OCPPProtocol> = (
  identity: string,
  index: number,
) => OCPPClient<TProtocol>;

/**
 * The default pause between two stations' boots, ms on the fleet's clock: 50 boots a second.
 *
 * @example
 * ```ts
 * const bootSeconds = (1_000 * DEFAULT_STAGGER_MS) / 1_000; // 20 s for a thousand stations
 * ```
 */
export const DEFAULT_STAGGER_MS = 20;

/**
 * The default cap on stations connecting and waiting for their first BootNotification answer at once.
 *
 * @example
 * ```ts
 * new Fleet({ ...options, maxConcurrentStarts: DEFAULT_MAX_CONCURRENT_STARTS / 4 }); // a gentler start
 * ```
 */
export const DEFAULT_MAX_CONCURRENT_STARTS = 32;

/**
 * Options of {@link Fleet}.
 *
 * @example
 * ```ts
 * const options: FleetOptions<'ocpp1.6'> = {
 *   size: 300, identity: 'CP-{n}', clock,
 *   client: (identity) => new OCPPClient({ endpoint, identity, protocols: ['ocpp1.6'], password, clock, connector }),
 *   station: { vendor: 'Acme', model: 'Sim-1' },
 *   overrides: (identity, index) => (index % 10 === 0 ? { model: 'Sim-DC', maxPowerW: 150_000 } : undefined),
 * };
 * ```
 */
export interface FleetOptions<TProtocol extends OCPPProtocol = OCPPProtocol> {
  /** How many stations (≥ 1). */
  readonly size: number;
  /** Makes each station's client; called once per station, in the constructor. */
  readonly client: FleetClientFactory<TProtocol>;
  /** What every station is (vendor, model, connectors, behaviour, …). */
  readonly station: FleetStationOptions<TProtocol>;
  /**
   * Per-station changes to {@link FleetOptions.station} (a different model, a persistence or
   * durable lane of its own); `undefined` keeps the defaults.
   */
  readonly overrides?: (
    identity: string,
    index: number,
  ) => Partial<FleetStationOptions<TProtocol>> | undefined;
  /** Identity template: `{n}` is the station's number, `{n:4}` zero-padded (default `CP-{n}`). */
  readonly identity?: string;
  /** Number of the first station (default 1: CP-1 … CP-size). */
  readonly firstNumber?: number;
  /** The one clock every station runs on (default: real time). Give the clients the same one. */
  readonly clock?: Clock;
  /**
   * Least time between two stations' boots, ms on the fleet's clock (default
   * {@link DEFAULT_STAGGER_MS}: 50 boots a second, 1,000 stations in 20 s). On a `ScaledClock`
   * this is virtual time: multiply by the speed to keep the same real pace.
   */
  readonly staggerMs?: number;
  /**
   * Most stations connecting and booting at once (default {@link DEFAULT_MAX_CONCURRENT_STARTS});
   * when the CSMS answers more slowly than the stagger, the next boots wait for a slot.
   */
  readonly maxConcurrentStarts?: number;
}
