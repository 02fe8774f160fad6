// The station's physical model, protocol-neutral: connectors, the car on each, the energy
// meter. Pure data and pure functions, so it persists as JSON and tests need no network.

/** Where a connector is in a charging session. */
export type Phase = 'idle' | 'plugged' | 'charging' | 'full' | 'finishing';

/** Why a transaction ended, in neutral terms; each protocol maps it to its own enum. */
export type StopReason =
  | 'Local'
  | 'Remote'
  | 'EVDisconnected'
  | 'SoftReset'
  | 'HardReset'
  | 'UnlockCommand'
  | 'DeAuthorized';

export interface TransactionState {
  /** The id on the wire: assigned by the CSMS in 1.6 (unset until StartTransaction.conf), ours in 2.0.1. */
  id?: string;
  idTag: string;
  startedAt: string;
  meterStartWh: number;
  /** 2.0.1 TransactionEvent seqNo: increments by one per event of the transaction (E01). */
  seqNo: number;
  remoteStartId?: number;
  /** StartTransaction / TransactionEvent Started was handed to the client's durable queue. */
  startQueued?: boolean;
}

export interface ConnectorState {
  readonly id: number;
  phase: Phase;
  /** ChangeAvailability: Inoperative connectors refuse new sessions. */
  operative: boolean;
  /** Availability change accepted as Scheduled: applied when the running transaction ends. */
  scheduledOperative?: boolean | undefined;
  /** An idTag authorized (locally or by RemoteStart) and waiting for the cable. */
  authorizedIdTag?: string | undefined;
  remoteStartId?: number | undefined;
  transaction?: TransactionState | undefined;
  /** The energy register (Energy.Active.Import.Register), Wh: only ever rises. */
  meterWh: number;
  powerW: number;
  /** State of charge of the plugged car, percent. */
  soc: number;
}

export interface StationState {
  connectors: ConnectorState[];
}

/** The simulated car: a 60 kWh battery on an 11 kW (3 × 16 A) AC charger. */
export const CAR = { capacityWh: 60_000, maxPowerW: 11_000, taperFromSoc: 80 } as const;

export function createStation(connectorCount: number): StationState {
  return {
    connectors: Array.from({ length: connectorCount }, (_, i) => ({
      id: i + 1,
      phase: 'idle' as Phase,
      operative: true,
      // Meters leave the factory with a little on the register, like real ones on site.
      meterWh: 1_000 * (i + 1),
      powerW: 0,
      soc: 0,
    })),
  };
}

/** Resizes to `count` connectors, keeping the existing ones (and their registers). */
export function resizeStation(state: StationState, count: number): StationState {
  const fresh = createStation(count);
  return { connectors: fresh.connectors.map((c, i) => state.connectors[i] ?? c) };
}

/**
 * Charging power for a state of charge: constant up to {@link CAR.taperFromSoc}, then tapering
 * linearly to a trickle, as lithium batteries do in their constant-voltage phase.
 */
export function chargingPowerW(soc: number): number {
  if (soc >= 100) return 0;
  if (soc < CAR.taperFromSoc) return CAR.maxPowerW;
  const left = (100 - soc) / (100 - CAR.taperFromSoc);
  return Math.max(1_400, Math.round(CAR.maxPowerW * left));
}

/**
 * Advances one connector by `seconds` of simulated time: energy flows while charging; a full car
 * suspends (SuspendedEV in 1.6, chargingState SuspendedEV in 2.0.1). Returns true if the phase
 * changed (the station must then send a status).
 */
export function tick(c: ConnectorState, seconds: number): boolean {
  if (c.phase !== 'charging') {
    c.powerW = 0;
    return false;
  }
  c.powerW = chargingPowerW(c.soc);
  const wh = (c.powerW * seconds) / 3600;
  const room = ((100 - c.soc) / 100) * CAR.capacityWh;
  const delivered = Math.min(wh, room);
  c.meterWh += delivered;
  c.soc = Math.min(100, c.soc + (delivered / CAR.capacityWh) * 100);
  if (c.soc >= 99.999) {
    c.soc = 100;
    c.powerW = 0;
    c.phase = 'full';
    return true;
  }
  return false;
}

/** A plugged-in car arrives with 20–40 % charge. */
export function arrivingSoc(random: () => number = Math.random): number {
  return 20 + Math.round(random() * 20);
}

/** OCPP 1.6 ChargePointStatus of a connector (§7.7). */
export function status16(c: ConnectorState): string {
  if (!c.operative && !c.transaction) return 'Unavailable';
  switch (c.phase) {
    case 'idle':
      return 'Available';
    case 'plugged':
      return 'Preparing';
    case 'charging':
      return 'Charging';
    case 'full':
      return 'SuspendedEV';
    case 'finishing':
      return 'Finishing';
  }
}

/** OCPP 2.0.1 ConnectorStatusEnumType: only whether something is plugged in (G01). */
export function status201(c: ConnectorState): string {
  if (!c.operative && !c.transaction) return 'Unavailable';
  return c.phase === 'idle' ? 'Available' : 'Occupied';
}

/** Energy delivered in the current transaction, Wh. */
export function sessionWh(c: ConnectorState): number {
  return c.transaction ? c.meterWh - c.transaction.meterStartWh : 0;
}
