// The station's state: plain JSON data, so a UI can render it, a persistence layer can save it,
// and a restarted station can pick it up. Protocol-neutral: each profile maps it onto its
// version's messages. Times are epoch milliseconds on the station's clock.

import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { ChargingProfile } from '../smart-charging/types.js';

/**
 * How the CSMS answered the last BootNotification of this run ('Unknown': none yet).
 *
 * @example
 * ```ts
 * if (station.snapshot().boot.status === 'Rejected') showBanner('The CSMS refused this station');
 * ```
 */
export type BootStatus = 'Unknown' | 'Accepted' | 'Pending' | 'Rejected';

/**
 * Why the station (re)booted, in OCPP 2.0.1's BootReasonEnumType terms (1.6 has no such field
 * but its security events tell startup from reboot).
 *
 * @example
 * ```ts
 * const reason: BootReason = station.state.bootReason; // 'PowerUp' after start()
 * ```
 */
export type BootReason =
  | 'ApplicationReset'
  | 'FirmwareUpdate'
  | 'LocalReset'
  | 'PowerUp'
  | 'RemoteReset'
  | 'ScheduledReset'
  | 'Triggered'
  | 'Unknown'
  | 'Watchdog';

/**
 * The simulated car on a connector.
 *
 * @example
 * ```ts
 * station.plugIn(1, { socPercent: 10, capacityWh: 40_000, maxPowerW: 7_400 });
 * ```
 */
export interface CarState {
  /** State of charge, percent. */
  socPercent: number;
  readonly capacityWh: number;
  /** The most the car's on-board charger takes, W. */
  readonly maxPowerW: number;
  /** Above this SoC the car takes less and less power (constant-voltage phase). */
  readonly taperFromSocPercent: number;
}

/**
 * Why a transaction ended, in neutral terms (1.6 §7.36 names; 2.x maps them to its own).
 *
 * @example
 * ```ts
 * await station.stopCharging(1, 'EmergencyStop');
 * ```
 */
export type StopReason =
  | 'Local'
  | 'Remote'
  | 'EVDisconnected'
  | 'SoftReset'
  | 'HardReset'
  | 'Reboot'
  | 'PowerLoss'
  | 'UnlockCommand'
  | 'DeAuthorized'
  | 'EmergencyStop'
  | 'Other';

/**
 * One sample kept for the transaction's final report (1.6 StopTxnSampledData / StopTxnAlignedData).
 *
 * @example
 * ```ts
 * const first = station.state.connectors[0]?.transaction?.samples[0]; // Transaction.Begin
 * ```
 */
export interface RecordedSample {
  readonly atMs: number;
  readonly context: 'Transaction.Begin' | 'Sample.Periodic' | 'Sample.Clock' | 'Transaction.End';
  readonly energyWh: number;
  readonly powerW: number;
  readonly socPercent?: number;
}

/**
 * A transaction as the station knows it.
 *
 * @example
 * ```ts
 * const tx = station.snapshot().connectors[0]?.transaction;
 * if (tx && tx.id === undefined) console.log('waiting for the CSMS to number', tx.localId);
 * ```
 */
export interface TransactionState {
  /** The station's own id for it, unique across runs (used before the CSMS assigned one). */
  readonly localId: string;
  /** The id on the wire: the CSMS's in 1.6 (unset until StartTransaction is answered). */
  id?: string;
  readonly idTag: string;
  readonly startedAtMs: number;
  readonly meterStartWh: number;
  readonly reservationId?: number;
  /** The start message went into the client's durable queue (then a restart must not re-send it). */
  startStored: boolean;
  /** Messages waiting for the CSMS's transaction id (1.6: MeterValues, StopTransaction). */
  held: HeldMessage[];
  /** Samples for the stop message's transactionData. */
  samples: RecordedSample[];
  /** Set once the transaction ended locally; the stop message may still wait for the id. */
  stopped?: {
    readonly reason: StopReason;
    readonly atMs: number;
    readonly meterStopWh: number;
    readonly idTag?: string;
  };
  /** The CSMS answered the start with a non-Accepted idTagInfo and charging is suspended. */
  suspendedByCsms?: boolean;
  /** A charging profile that came with the remote start, installed once the id is known. */
  pendingProfile?: ChargingProfile;
}

/**
 * A message a profile could not send yet (its payload lacks the CSMS's transaction id).
 *
 * @example
 * ```ts
 * const waiting = station.state.connectors.flatMap((c) => c.ending.flatMap((t) => t.held));
 * ```
 */
export interface HeldMessage {
  readonly action: string;
  readonly params: Record<string, unknown>;
}

/**
 * A reservation (1.6 §5.13, 2.x H01).
 *
 * @example
 * ```ts
 * const reservation = station.snapshot().connectors[0]?.reservation;
 * ```
 */
export interface ReservationState {
  readonly id: number;
  readonly idTag: string;
  readonly parentIdTag?: string;
  readonly expiresAtMs: number;
}

/**
 * Something a driver did that waits for the cable (or vice versa) before a transaction starts.
 *
 * @example
 * ```ts
 * const waitingForCable = station.snapshot().connectors.filter((c) => c.authorization);
 * ```
 */
export interface AuthorizationState {
  readonly idTag: string;
  readonly atMs: number;
  /** Came from the CSMS (RemoteStart), not from a card at the station. */
  readonly remote: boolean;
  /** A charging profile that came with a remote start (1.6 §5.11 TxProfile). */
  readonly chargingProfile?: ChargingProfile;
}

/**
 * A connector fault (1.6 ChargePointErrorCode §7.6).
 *
 * @example
 * ```ts
 * station.fault(1, { errorCode: 'OverCurrentFailure', info: 'breaker tripped' });
 * ```
 */
export interface FaultState {
  readonly errorCode: string;
  readonly info?: string;
}

/**
 * One connector (1.6) or EVSE with one connector (2.x), numbered from 1.
 *
 * @example
 * ```ts
 * const { plugged, meterWh, powerW } = station.state.connectors[0]!;
 * ```
 */
export interface ConnectorState {
  readonly id: number;
  /** A cable is plugged in (and a car at its end). */
  plugged: boolean;
  car?: CarState;
  /** ChangeAvailability: false = Inoperative. */
  operative: boolean;
  /** An availability change accepted as Scheduled, applied when the transaction ends (§5.2). */
  scheduledOperative?: boolean;
  fault?: FaultState;
  reservation?: ReservationState;
  authorization?: AuthorizationState;
  transaction?: TransactionState;
  /** Ended transactions whose stop message still waits for the CSMS's id. */
  ending: TransactionState[];
  /** The transaction ended and the cable is still in (1.6 Finishing). */
  finishing: boolean;
  /** Energy register (Energy.Active.Import.Register), Wh: only ever rises. */
  meterWh: number;
  /** Power drawn now, W. */
  powerW: number;
  /** The limit in force from smart charging, W (undefined: only the hardware limit). */
  limitW?: number;
  /** Hardware limit of the connector, W. */
  readonly maxPowerW: number;
  /** The status last reported to the CSMS, to send changes only. */
  reportedStatus?: string;
}

/**
 * The whole station (connector 0 in 1.6, evseId 0 in 2.x) for availability and reservation.
 *
 * @example
 * ```ts
 * const unavailable = !station.state.station.operative;
 * ```
 */
export interface StationWideState {
  operative: boolean;
  scheduledOperative?: boolean;
  reservation?: ReservationState;
  fault?: FaultState;
  reportedStatus?: string;
}

/**
 * One entry of the authorization cache or the local list (neutral IdTagInfo).
 *
 * @example
 * ```ts
 * const cached = station.state.auth.cache['04A1B2C3']?.status;
 * ```
 */
export interface AuthEntry {
  readonly status: string;
  readonly expiresAtMs?: number;
  readonly parentIdTag?: string;
}

/**
 * An installed certificate.
 *
 * @example
 * ```ts
 * const uses = station.state.certificates.map((c: CertificateEntry) => c.use);
 * ```
 */
export interface CertificateEntry {
  readonly use: string;
  readonly pem: string;
  readonly hash: {
    readonly algorithm: string;
    readonly issuerNameHash: string;
    readonly issuerKeyHash: string;
    readonly serialNumber: string;
  };
}

/**
 * Long-running operations reported with status notifications.
 *
 * @example
 * ```ts
 * const { firmware } = station.snapshot().operations;
 * ```
 */
export interface OperationState {
  firmware: { status: string; requestId?: number; location?: string };
  diagnostics: { status: string; fileName?: string };
  log: { status: string; requestId?: number };
}

/**
 * Everything a station is and knows.
 *
 * @example
 * ```ts
 * const persistence = { load: async () => saved as StationState | undefined, save: async (state: StationState) => { saved = state; } };
 * ```
 */
export interface StationState {
  /** Format version of this object, for persisted copies. */
  readonly format: 1;
  protocol?: OCPPProtocol;
  boot: { status: BootStatus; intervalS: number; acceptedOnce: boolean; atMs?: number };
  /** Why this run booted: 'PowerUp' for start(), the profile's reason for a reboot. */
  bootReason: BootReason;
  station: StationWideState;
  connectors: ConnectorState[];
  /** Configuration values by key (the profile knows which keys exist and their rules). */
  config: Record<string, string>;
  auth: {
    cache: Record<string, AuthEntry>;
    localList: { version: number; entries: Record<string, AuthEntry> };
  };
  chargingProfiles: ChargingProfile[];
  certificates: CertificateEntry[];
  operations: OperationState;
  /** A reset accepted and waiting for transactions to end (1.6 §5.14). */
  pendingReset?: 'Soft' | 'Hard';
  /** Counter for local transaction ids. */
  nextLocalTxId: number;
  /** Set while the station runs, cleared by a clean stop: a restart that finds it had a power loss. */
  running: boolean;
  /** The last time the state was saved. */
  savedAtMs?: number;
  /** Set by a start that found the previous run cut off: when it was last known alive (its last save). */
  powerLostAtMs?: number;
  /**
   * What only one protocol's profile has words for (2.x variable monitors, display messages,
   * tariffs, the seqNo of each transaction…), by profile: plain JSON, persisted with the rest and
   * left out of snapshots. A profile owns its own entry and leaves the others alone.
   */
  profileData?: Record<string, unknown>;
}
