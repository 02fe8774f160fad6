import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { CarState } from '../model/state.js';
import type { Fleet } from './fleet.js';

/**
 * Options of {@link plugInRandomly}.
 *
 * @example
 * ```ts
 * const options: PlugInRandomlyOptions = { count: 50, withinMs: 3_600_000, stayMs: 1_800_000, car: { socPercent: 30 } };
 * ```
 */
export interface PlugInRandomlyOptions {
  /** How many cars arrive, each at a different station (at most the fleet's size). */
  readonly count: number;
  /** They arrive at random moments within this window, ms on the fleet's clock from now. */
  readonly withinMs: number;
  /** The connector they plug into (default 1). */
  readonly connectorId?: number;
  /** The cars (default: the station's default car). */
  readonly car?: Partial<CarState>;
  /**
   * The token each driver presents (default `FLEET` + the station's number in six digits, which
   * fits OCPP 1.6's 20-character IdToken).
   */
  readonly idTag?: string | ((identity: string, index: number) => string);
  /** Each driver stops charging and unplugs after this long (default: they stay). */
  readonly stayMs?: number;
  /** Random source in [0, 1) (default Math.random, called only once the scenario runs). */
  readonly random?: () => number;
}

/**
 * What became of a scenario's cars. `skipped`: the station was not running or its connector
 * was busy when the car came.
 *
 * @example
 * ```ts
 * const { started, rejected, skipped } = await scenario.done;
 * ```
 */
export interface PlugInOutcome {
  /** Transactions started. */
  started: number;
  /** Tokens the station or the CSMS refused. */
  rejected: number;
  skipped: number;
  /** Drivers who left again (with `stayMs`). */
  left: number;
}

/**
 * A running scenario: `done` resolves once every car came (and, with `stayMs`, left), or once
 * `cancel()` stopped the cars still to come.
 *
 * @example
 * ```ts
 * const scenario = plugInRandomly(fleet, { count: 10, withinMs: 60_000 });
 * scenario.cancel();
 * ```
 */
export interface Scenario<TOutcome> {
  readonly done: Promise<TOutcome>;
  cancel(): void;
}

/**
 * Cars arrive at `count` stations of the fleet, chosen at random, at random moments within
 * `withinMs` on the fleet's clock: each plugs in and its driver presents a token (a transaction
 * starts if the station and the CSMS accept it); with `stayMs` the driver stops charging and
 * unplugs that much later.
 *
 * @example
 * ```ts
 * const scenario = plugInRandomly(fleet, { count: 100, withinMs: 10 * 60_000, stayMs: 30 * 60_000 });
 * const { started, rejected } = await scenario.done;
 * ```
 */
export function plugInRandomly<TProtocol extends OCPPProtocol>(
  fleet: Fleet<TProtocol>,
  options: PlugInRandomlyOptions,
): Scenario<PlugInOutcome> {
  const { count, withinMs, connectorId = 1, stayMs, random = Math.random } = options;
  const size = fleet.stations.length;
  if (!(Number.isInteger(count) && count >= 0 && count <= size))
    throw new RangeError(`count must be an integer in 0..${size}, got ${count}`);
  if (!(withinMs >= 0)) throw new RangeError(`withinMs must be ≥ 0, got ${withinMs}`);
  const tagOf = (identity: string, index: number) =>
    typeof options.idTag === 'function'
      ? options.idTag(identity, index)
      : (options.idTag ?? `FLEET${String(index + 1).padStart(6, '0')}`);
  const { clock } = fleet;
  const identities = fleet.identities;
  const outcome: PlugInOutcome = { started: 0, rejected: 0, skipped: 0, left: 0 };
  const timers = new Set<unknown>();
  let open = 0;
  let finish: (() => void) | undefined;
  const done = new Promise<PlugInOutcome>((resolve) => {
    finish = () => resolve(outcome);
  });
  const settle = () => {
    if (open === 0) finish?.();
  };
  const later = (ms: number, work: () => Promise<void>) => {
    open++;
    const handle = clock.setTimeout(() => {
      timers.delete(handle);
      void work()
        .catch(() => undefined)
        .finally(() => {
          open--;
          settle();
        });
    }, ms);
    timers.add(handle);
  };

  // The first `count` places of a Fisher–Yates shuffle: distinct stations, each equally likely.
  const order = Array.from({ length: size }, (_, i) => i);
  for (let k = 0; k < count; k++) {
    const pick = k + Math.floor(random() * (size - k));
    [order[k], order[pick]] = [order[pick]!, order[k]!];
    const index = order[k]!;
    const identity = identities[index]!;
    const station = fleet.stations[index]!;
    later(random() * withinMs, async () => {
      const connector = station.state.connectors[connectorId - 1];
      if (fleet.phaseOf(index) !== 'started' || !connector || connector.plugged || connector.transaction) {
        outcome.skipped++;
        return;
      }
      station.plugIn(connectorId, options.car);
      const result = await station.presentToken(tagOf(identity, index), connectorId);
      if (result.result === 'rejected') outcome.rejected++;
      else outcome.started++;
      if (stayMs !== undefined)
        later(stayMs, async () => {
          if (fleet.phaseOf(index) !== 'started') return;
          await station.stopCharging(connectorId, 'Local');
          station.unplug(connectorId);
          outcome.left++;
        });
    });
  }
  settle();
  return {
    done,
    cancel() {
      for (const handle of timers) clock.clearTimeout(handle);
      open -= timers.size;
      timers.clear();
      settle();
    },
  };
}
