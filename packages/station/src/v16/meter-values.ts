// Meter values in OCPP 1.6 terms (§3.16, §4.7, SampledValue §7.43): which measurands, in which
// units, and the sampled and clock-aligned timers (§9.1.18 MeterValueSampleInterval, §9.1.3
// ClockAlignedDataInterval).

import type { MeterValue, SampledValue } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { RecordedSample } from '../model/state.js';
import type { Reading } from '../shared/readings.js';

export { nextAlignedMs, type Reading, readConnector, record } from '../shared/readings.js';

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
