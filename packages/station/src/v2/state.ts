// What the 2.x profile keeps beyond the neutral state, in StationState.profileData.ocpp2: plain
// JSON, persisted with the rest, so monitors, display messages, tariffs, DER controls and each
// transaction's seqNo survive a restart.

import type {
  IdTokenType,
  MessageInfoType,
  NetworkConnectionProfileType,
  PublishFirmwareStatusEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { TariffType } from '@ocpp-ws-io/schemas/ocpp2.1';
import type { StationState } from '../model/state.js';

/** BootNotificationRequest.reason of the next boot (B01: why the station (re)started). */
export type BootReason = 'PowerUp' | 'RemoteReset' | 'FirmwareUpdate' | 'LocalReset' | 'ScheduledReset';

/** Where a variable lives: a component (maybe of an EVSE/connector) and a variable, with instances. */
export interface VariableRef {
  readonly component: string;
  readonly componentInstance?: string;
  readonly evseId?: number;
  readonly connectorId?: number;
  readonly variable: string;
  readonly variableInstance?: string;
}

/** A variable monitor (N02–N08): who made it decides whether SetMonitoringBase may remove it. */
export interface Monitor extends VariableRef {
  readonly id: number;
  readonly kind: 'HardWired' | 'Preconfigured' | 'Custom';
  readonly type: string;
  readonly value: number;
  readonly severity: number;
  readonly transaction: boolean;
  /** 2.1: the monitor feeds a periodic event stream instead of NotifyEvent. */
  stream?: { readonly interval?: number; readonly values?: number };
  /** The value last seen, and whether a threshold monitor is tripped, for crossing detection. */
  last?: { readonly value: string; readonly tripped: boolean };
}

/** A 2.1 periodic event stream opened for a monitor. */
export interface EventStream {
  readonly id: number;
  readonly monitorId: number;
  params: { interval?: number; values?: number };
  /** Values waiting to be sent: time offset from the first, and the value. */
  pending: Array<{ readonly atMs: number; readonly value: string }>;
  /** The CSMS accepted the OpenPeriodicEventStream. */
  open: boolean;
}

/** A 2.1 DER control as set (SetDERControl), with the payload under its field name. */
export interface DerControl {
  readonly id: string;
  readonly controlType: string;
  readonly isDefault: boolean;
  readonly priority: number;
  /** The request's field for the control type (curve, enterService, fixedPFAbsorb…). */
  readonly field: string;
  readonly data: Record<string, unknown>;
  superseded: boolean;
}

/** A 2.1 tariff the CSMS set as default for EVSEs (SetDefaultTariff). */
export interface TariffEntry {
  readonly tariff: TariffType;
  /** EVSE ids it applies to (0: all). */
  evseIds: number[];
}

/** What a 2.x transaction carries besides the neutral TransactionState. */
export interface TxRecord {
  readonly evseId: number;
  /** seqNo of the next TransactionEvent (E01: 0 for the first, +1 for each). */
  seqNo: number;
  idToken?: IdTokenType;
  /** The driver (or CSMS) authorized it; until then no energy flows (TxStartPoint EVConnected). */
  authorized: boolean;
  remoteStartId?: number;
  /** The remoteStartId went out (F01: in the first event after RequestStartTransaction). */
  remoteStartReported?: boolean;
  chargingState?: string;
  /** seqNos handed to the client and not answered yet (GetTransactionStatus messagesInQueue). */
  unconfirmed: number[];
  ended: boolean;
  /** CostUpdated (I02): the running total the CSMS sent. */
  totalCost?: number;
  /** 2.1 ChangeTransactionTariff / the default tariff in force at the start. */
  tariff?: TariffType;
  /** 2.1 UsePriorityCharging. */
  priority?: boolean;
  /** 2.1 NotifyAllowedEnergyTransfer. */
  allowedEnergyTransfer?: string[];
  /** The limit (W) last reported with ChargingRateChanged. */
  reportedLimitW?: number;
  /** 2.1: kept across a Reset ImmediateAndResume; reported TxResumed after the new boot. */
  resumed?: boolean;
}

/** Everything the 2.x profile keeps. */
export interface Ocpp2State {
  bootReason: BootReason;
  /** Security events to send once the CSMS accepted the boot (A04). */
  securityEvents: Array<{ readonly type: string; readonly atMs: number; readonly techInfo?: string }>;
  monitors: Monitor[];
  nextMonitorId: number;
  monitoringLevel: number;
  monitoringBase: 'All' | 'FactoryDefault' | 'HardWiredOnly';
  nextEventId: number;
  displayMessages: MessageInfoType[];
  networkProfiles: Record<string, NetworkConnectionProfileType>;
  transactions: Record<string, TxRecord>;
  /** A station Reset OnIdle accepted while transactions ran; EVSE resets waiting likewise. */
  resetWhenIdle: boolean;
  evseResetsWhenIdle: number[];
  /** 2.1 Reset ImmediateAndResume: the transactions running at the reboot go on after it. */
  resumeTransactions?: boolean;
  publishedFirmware?: {
    status: PublishFirmwareStatusEnumType;
    readonly checksum: string;
    readonly location: string;
    readonly requestId: number;
  };
  tariffs: TariffEntry[];
  derControls: DerControl[];
  streams: EventStream[];
  nextStreamId: number;
  /** 2.1 NotifyWebPaymentStarted: EVSE id → until when a web payment is awaited. */
  webPayments: Record<string, number>;
  /** 2.1 AFRRSignal: the last signal taken. */
  afrrSignal?: { readonly atMs: number; readonly signal: number };
}

function fresh(): Ocpp2State {
  return {
    bootReason: 'PowerUp',
    securityEvents: [],
    monitors: [],
    nextMonitorId: 100,
    monitoringLevel: 9,
    monitoringBase: 'All',
    nextEventId: 1,
    displayMessages: [],
    networkProfiles: {},
    transactions: {},
    resetWhenIdle: false,
    evseResetsWhenIdle: [],
    tariffs: [],
    derControls: [],
    streams: [],
    nextStreamId: 1,
    webPayments: {},
  };
}

/**
 * The 2.x profile's part of a station's state, made on first use (a copy saved by an older
 * version gets the fields it lacks). The same object for the life of the state: keep it.
 */
export function ocpp2State(state: StationState): Ocpp2State {
  state.profileData ??= {};
  state.profileData.ocpp2 ??= fresh();
  const current = state.profileData.ocpp2 as Record<string, unknown>;
  for (const [key, value] of Object.entries(fresh())) if (!(key in current)) current[key] = value;
  return current as unknown as Ocpp2State;
}

/**
 * What a station speaking OCPP 2.0.1 or 2.1 keeps beyond the neutral state — display messages,
 * variable monitors, tariffs, DER controls, each transaction's seqNo and cost — for a UI to show.
 * Undefined before the 2.x profile first ran. Read it; change it only through the CSMS.
 *
 * @example
 * ```ts
 * const messages = readOcpp2State(station.state)?.displayMessages ?? [];
 * ```
 */
export function readOcpp2State(state: Readonly<StationState>): Readonly<Ocpp2State> | undefined {
  return state.profileData?.ocpp2 as Ocpp2State | undefined;
}
