// Meter readings in neutral terms: what a connector's meter shows at one moment, the readings a
// transaction keeps for its final report, and the clock-aligned sampling instants. Each profile
// writes them in its own version's SampledValue shape.

import type { ConnectorState, RecordedSample } from '../model/state.js';

/** What a meter reads at one moment. */
export interface Reading {
  readonly atMs: number;
  readonly energyWh: number;
  readonly powerW: number;
  /** What the station offers the car: the hardware limit, or the smart-charging limit below it. */
  readonly offeredW: number;
  readonly socPercent?: number;
}

/** The reading of connector `c` at `atMs` (state of charge only while a car is plugged in). */
export function readConnector(c: ConnectorState, atMs: number): Reading {
  return {
    atMs,
    energyWh: c.meterWh,
    powerW: c.powerW,
    offeredW: Math.min(c.maxPowerW, c.limitW ?? c.maxPowerW),
    ...(c.car && c.plugged ? { socPercent: c.car.socPercent } : {}),
  };
}

/** The whole station's reading (the main meter): every connector summed, no state of charge. */
export function readStation(connectors: readonly ConnectorState[], atMs: number): Reading {
  return {
    atMs,
    energyWh: connectors.reduce((s, c) => s + c.meterWh, 0),
    powerW: connectors.reduce((s, c) => s + c.powerW, 0),
    offeredW: connectors.reduce((s, c) => s + Math.min(c.maxPowerW, c.limitW ?? c.maxPowerW), 0),
  };
}

/** A reading kept for the transaction's final report. */
export function record(reading: Reading, context: RecordedSample['context']): RecordedSample {
  return {
    atMs: reading.atMs,
    context,
    energyWh: reading.energyWh,
    powerW: reading.powerW,
    ...(reading.socPercent !== undefined ? { socPercent: reading.socPercent } : {}),
  };
}

/** The next clock-aligned moment after `nowMs` for an interval of `intervalS` (aligned to midnight UTC). */
export function nextAlignedMs(nowMs: number, intervalS: number): number {
  const step = intervalS * 1000;
  return (Math.floor(nowMs / step) + 1) * step;
}
