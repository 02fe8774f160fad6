// Reads the energy register out of the meter values both versions send.

interface SampledValue16 {
  value: string;
  measurand?: string;
  unit?: string;
}
interface SampledValue2x {
  value: number;
  measurand?: string;
  unitOfMeasure?: { unit?: string; multiplier?: number };
}

const ENERGY = 'Energy.Active.Import.Register';

/**
 * The latest Energy.Active.Import.Register reading in Wh, or undefined if none was sampled.
 * OCPP 1.6 §7.31/§7.45: `measurand` defaults to Energy.Active.Import.Register and `unit` to Wh;
 * values are strings. 2.0.1 SampledValueType: numeric `value`, unit default Wh, `multiplier` a power of ten.
 */
export function energyWh(
  meterValues: readonly { sampledValue: readonly unknown[] }[] | undefined,
): number | undefined {
  let result: number | undefined;
  for (const mv of meterValues ?? []) {
    for (const raw of mv.sampledValue) {
      const sv = raw as SampledValue16 & SampledValue2x;
      if ((sv.measurand ?? ENERGY) !== ENERGY) continue;
      const unit = sv.unit ?? sv.unitOfMeasure?.unit ?? 'Wh';
      const value = Number(sv.value) * 10 ** (sv.unitOfMeasure?.multiplier ?? 0);
      if (!Number.isFinite(value)) continue;
      result = unit === 'kWh' ? value * 1000 : value;
    }
  }
  return result;
}

/** Number of sampled values in a list of meter values. */
export function sampleCount(
  meterValues: readonly { sampledValue: readonly unknown[] }[] | undefined,
): number {
  return (meterValues ?? []).reduce((n, mv) => n + mv.sampledValue.length, 0);
}
