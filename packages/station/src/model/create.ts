import type { CarState, ConnectorState, StationState } from './state.js';

/**
 * What the station is: identity for BootNotification, and its hardware.
 *
 * @example
 * ```ts
 * const model: StationModel = { vendor: 'Acme', model: 'Sim-1', connectors: 2, maxPowerW: 22_000 };
 * ```
 */
export interface StationModel {
  /** 1.6 chargePointVendor / 2.x chargingStation.vendorName. */
  readonly vendor: string;
  /** 1.6 chargePointModel / 2.x chargingStation.model. */
  readonly model: string;
  readonly serialNumber?: string;
  readonly firmwareVersion?: string;
  /** Number of connectors (1.6) or EVSEs with one connector each (2.x). Default 1. */
  readonly connectors?: number;
  /** Hardware limit per connector, W (default 22 000). */
  readonly maxPowerW?: number;
  /** Registers start here, Wh (default 1 000 × connector id: meters leave the factory used). */
  readonly meterStartWh?: number;
}

/**
 * A fresh station's state for `model`.
 *
 * @example
 * ```ts
 * const state = createState({ vendor: 'Acme', model: 'Sim-1', connectors: 2 });
 * ```
 */
export function createState(model: StationModel): StationState {
  const count = model.connectors ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`connectors must be ≥ 1, got ${count}`);
  const connectors: ConnectorState[] = [];
  for (let id = 1; id <= count; id++) {
    connectors.push({
      id,
      plugged: false,
      operative: true,
      ending: [],
      finishing: false,
      meterWh: model.meterStartWh ?? 1_000 * id,
      powerW: 0,
      maxPowerW: model.maxPowerW ?? 22_000,
    });
  }
  return {
    format: 1,
    boot: { status: 'Unknown', intervalS: 0, acceptedOnce: false },
    bootReason: 'PowerUp',
    station: { operative: true },
    connectors,
    config: {},
    auth: { cache: {}, localList: { version: 0, entries: {} } },
    chargingProfiles: [],
    certificates: [],
    operations: { firmware: { status: 'Idle' }, diagnostics: { status: 'Idle' }, log: { status: 'Idle' } },
    nextLocalTxId: 1,
    running: false,
  };
}

/**
 * A car arriving with `soc` percent (default 30) and the default battery and charger.
 *
 * @example
 * ```ts
 * station.plugIn(1, makeCar({ socPercent: 15, capacityWh: 77_000 }));
 * ```
 */
export function makeCar(car: Partial<CarState> = {}): CarState {
  return {
    socPercent: car.socPercent ?? 30,
    capacityWh: car.capacityWh ?? 60_000,
    maxPowerW: car.maxPowerW ?? 11_000,
    taperFromSocPercent: car.taperFromSocPercent ?? 80,
  };
}
