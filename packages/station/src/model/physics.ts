// The physical model: what a car on a connector draws and what the meter counts. Pure
// functions over the state, so they run the same under any clock and in tests without a CSMS.

import type { CarState, ConnectorState } from './state.js';

/** Below this a tapering battery still draws: real cars trickle before they stop. */
const TRICKLE_W = 1_400;

/**
 * What the car would take at its state of charge: its full power up to the taper point, then
 * linearly less (lithium cells in their constant-voltage phase), nothing when full.
 *
 * @example
 * ```ts
 * carDemandW(makeCar({ socPercent: 90 })); // 5 500 W: half way down the taper
 * ```
 */
export function carDemandW(car: CarState): number {
  if (car.socPercent >= 100) return 0;
  if (car.socPercent < car.taperFromSocPercent) return car.maxPowerW;
  const left = (100 - car.socPercent) / (100 - car.taperFromSocPercent);
  return Math.max(Math.min(TRICKLE_W, car.maxPowerW), Math.round(car.maxPowerW * left));
}

/**
 * True when energy may flow on the connector: a running, unsuspended transaction with a car.
 *
 * @example
 * ```ts
 * if (mayDeliver(connector)) startMeterTimer();
 * ```
 */
export function mayDeliver(c: ConnectorState): boolean {
  return !!c.transaction && !c.transaction.suspendedByCsms && c.plugged && !!c.car && !c.fault;
}

/**
 * The power the connector draws now: the car's demand, capped by hardware and smart charging.
 *
 * @example
 * ```ts
 * const watts = drawnPowerW(station.state.connectors[0]!);
 * ```
 */
export function drawnPowerW(c: ConnectorState): number {
  if (!mayDeliver(c)) return 0;
  const cap = Math.min(c.maxPowerW, c.limitW ?? Number.POSITIVE_INFINITY);
  return Math.max(0, Math.min(carDemandW(c.car!), cap));
}

/**
 * Advances one connector by `seconds`: energy at the power in force flows into the car and onto
 * the register, then the power is recomputed. Returns true when something a status depends on
 * changed (the car became full, or power started or stopped flowing).
 *
 * @example
 * ```ts
 * advanceConnector(connector, 5); // five seconds of charging
 * ```
 */
export function advanceConnector(c: ConnectorState, seconds: number): boolean {
  const before = c.powerW > 0;
  if (seconds > 0 && c.powerW > 0 && c.car) {
    const wh = (c.powerW * seconds) / 3600;
    const room = ((100 - c.car.socPercent) / 100) * c.car.capacityWh;
    const delivered = Math.min(wh, room);
    c.meterWh += delivered;
    c.car.socPercent = Math.min(100, c.car.socPercent + (delivered / c.car.capacityWh) * 100);
    if (c.car.socPercent >= 99.999) c.car.socPercent = 100;
  }
  c.powerW = drawnPowerW(c);
  return before !== c.powerW > 0;
}

/**
 * Energy delivered in the connector's running transaction, Wh.
 *
 * @example
 * ```ts
 * const wh = sessionEnergyWh(station.state.connectors[0]!);
 * ```
 */
export function sessionEnergyWh(c: ConnectorState): number {
  return c.transaction ? c.meterWh - c.transaction.meterStartWh : 0;
}
