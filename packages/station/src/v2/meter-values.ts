// Meter values in 2.x terms (J01, J02; MeterValueType / SampledValueType): numbers with a
// unitOfMeasure, the measurands the device model lists, and the readings a transaction keeps
// for its Ended event (SampledDataCtrlr / AlignedDataCtrlr TxEnded*).

import type { MeterValueType, ReadingContextEnumType, SampledValueType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { RecordedSample } from '../model/state.js';
import type { Reading } from '../shared/readings.js';

const VOLTAGE_V = 230;
const PHASES = 3;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One sampled value of `measurand`, or undefined for one the reading cannot give. */
function sampled(
  measurand: string,
  reading: Reading,
  context: ReadingContextEnumType,
): SampledValueType | undefined {
  const base = { context };
  switch (measurand) {
    case 'Energy.Active.Import.Register':
      return {
        ...base,
        value: Math.round(reading.energyWh),
        measurand,
        location: 'Outlet',
        unitOfMeasure: { unit: 'Wh' },
      };
    case 'Power.Active.Import':
      return {
        ...base,
        value: Math.round(reading.powerW),
        measurand,
        location: 'Outlet',
        unitOfMeasure: { unit: 'W' },
      };
    case 'Current.Import':
      return {
        ...base,
        value: round1(reading.powerW / (VOLTAGE_V * PHASES)),
        measurand,
        location: 'Outlet',
        unitOfMeasure: { unit: 'A' },
      };
    case 'Current.Offered':
      return {
        ...base,
        value: round1(reading.offeredW / (VOLTAGE_V * PHASES)),
        measurand,
        unitOfMeasure: { unit: 'A' },
      };
    case 'Power.Offered':
      return { ...base, value: Math.round(reading.offeredW), measurand, unitOfMeasure: { unit: 'W' } };
    case 'Voltage':
      return { ...base, value: VOLTAGE_V, measurand, location: 'Outlet', unitOfMeasure: { unit: 'V' } };
    case 'SoC':
      return reading.socPercent === undefined
        ? undefined
        : {
            ...base,
            value: Math.round(reading.socPercent),
            measurand,
            location: 'EV',
            unitOfMeasure: { unit: 'Percent' },
          };
    default:
      return undefined;
  }
}

/** One MeterValue with the given measurands (none that apply: undefined). */
export function meterValue(
  reading: Reading,
  measurands: readonly string[],
  context: ReadingContextEnumType,
): MeterValueType | undefined {
  const values = measurands.map((m) => sampled(m, reading, context)).filter((v) => v !== undefined);
  if (values.length === 0) return undefined;
  return { timestamp: new Date(reading.atMs).toISOString(), sampledValue: values };
}

/**
 * The Ended event's meterValue (E06, J02): the readings kept during the transaction — begin,
 * every TxEndedInterval, the end — with SampledDataCtrlr.TxEndedMeasurands, and the clock-aligned
 * ones with AlignedDataCtrlr.TxEndedMeasurands.
 */
export function endedMeterValues(
  samples: readonly RecordedSample[],
  sampledMeasurands: readonly string[],
  alignedMeasurands: readonly string[],
): MeterValueType[] {
  const out: MeterValueType[] = [];
  for (const s of samples) {
    const measurands = s.context === 'Sample.Clock' ? alignedMeasurands : sampledMeasurands;
    const mv = meterValue({ ...s, offeredW: 0 }, measurands, s.context);
    if (mv) out.push(mv);
  }
  return out;
}
