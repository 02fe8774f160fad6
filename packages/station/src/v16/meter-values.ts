// Meter values in OCPP 1.6 terms (§3.16, §4.7, SampledValue §7.43): which measurands, in which
// units, and the sampled and clock-aligned timers (§9.1.18 MeterValueSampleInterval, §9.1.3
// ClockAlignedDataInterval).

import type { MeterValue, SampledValue } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { ConnectorState, RecordedSample } from '../model/state.js';

const VOLTAGE_V = 230;
const PHASES = 3;

type Context = NonNullable<SampledValue['context']>;

/** One sampled value of `measurand` on connector `c`, or undefined for a measurand it cannot give. */
function sampled(measurand: string, reading: Reading, context: Context): SampledValue | undefined {
  const base = { context, format: 'Raw' as const };
  switch (measurand) {
    case 'Energy.Active.Import.Register':
      return {
        ...base,
        value: String(Math.round(reading.energyWh)),
        measurand,
        unit: 'Wh',
        location: 'Outlet',
      };
    case 'Power.Active.Import':
      return { ...base, value: String(Math.round(reading.powerW)), measurand, unit: 'W', location: 'Outlet' };
    case 'Current.Import':
      return {
        ...base,
        value: (reading.powerW / (VOLTAGE_V * PHASES)).toFixed(1),
        measurand,
        unit: 'A',
        location: 'Outlet',
      };
    case 'Current.Offered':
      return { ...base, value: (reading.offeredW / (VOLTAGE_V * PHASES)).toFixed(1), measurand, unit: 'A' };
    case 'Power.Offered':
      return { ...base, value: String(Math.round(reading.offeredW)), measurand, unit: 'W' };
    case 'Voltage':
      return { ...base, value: String(VOLTAGE_V), measurand, unit: 'V', location: 'Outlet' };
    case 'SoC':
      return reading.socPercent === undefined
        ? undefined
        : {
            ...base,
            value: String(Math.round(reading.socPercent)),
            measurand,
            unit: 'Percent',
            location: 'EV',
          };
    default:
      return undefined;
  }
}

/** What a meter reads at one moment. */
export interface Reading {
  readonly atMs: number;
  readonly energyWh: number;
  readonly powerW: number;
  readonly offeredW: number;
  readonly socPercent?: number;
}

export function readConnector(c: ConnectorState, atMs: number): Reading {
  return {
    atMs,
    energyWh: c.meterWh,
    powerW: c.powerW,
    offeredW: Math.min(c.maxPowerW, c.limitW ?? c.maxPowerW),
    ...(c.car && c.plugged ? { socPercent: c.car.socPercent } : {}),
  };
}

/** One MeterValue with the given measurands (none that apply: undefined). */
export function meterValue(
  reading: Reading,
  measurands: readonly string[],
  context: Context,
): MeterValue | undefined {
  const values = measurands.map((m) => sampled(m, reading, context)).filter((v) => v !== undefined);
  if (values.length === 0) return undefined;
  return { timestamp: new Date(reading.atMs).toISOString(), sampledValue: values };
}

/** A reading kept for the transaction's stop message. */
export function record(reading: Reading, context: RecordedSample['context']): RecordedSample {
  return {
    atMs: reading.atMs,
    context,
    energyWh: reading.energyWh,
    powerW: reading.powerW,
    ...(reading.socPercent !== undefined ? { socPercent: reading.socPercent } : {}),
  };
}

/**
 * StopTransaction.transactionData (§6.49): the recorded readings, begin and end with the
 * StopTxnSampledData measurands, clock-aligned ones with StopTxnAlignedData.
 */
export function transactionData(
  samples: readonly RecordedSample[],
  sampledMeasurands: readonly string[],
  alignedMeasurands: readonly string[],
): MeterValue[] {
  const out: MeterValue[] = [];
  for (const s of samples) {
    const measurands = s.context === 'Sample.Clock' ? alignedMeasurands : sampledMeasurands;
    const reading: Reading = { ...s, offeredW: 0 };
    const mv = meterValue(reading, measurands, s.context);
    if (mv) out.push(mv);
  }
  return out;
}

/** The next clock-aligned moment after `nowMs` for an interval of `intervalS` (aligned to midnight UTC). */
export function nextAlignedMs(nowMs: number, intervalS: number): number {
  const step = intervalS * 1000;
  return (Math.floor(nowMs / step) + 1) * step;
}
