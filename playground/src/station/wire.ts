import type { ConnectorState, StopReason, TransactionState } from './model.js';

/** Why a transaction starts; 2.0.1 sends it as TransactionEvent.triggerReason. */
export type StartTrigger = 'Authorized' | 'RemoteStart' | 'CablePluggedIn';

/** Why meter values go out now (1.6 ReadingContext, §7.40). */
export type SampleContext = 'Sample.Periodic' | 'Trigger';

/**
 * What the station says to the CSMS, per protocol version: the station logic calls these and
 * never builds a payload itself. One implementation per version (`wire16.ts`, `wire201.ts`);
 * each also registers the handlers for the CSMS's calls.
 */
export interface Wire {
  /** BootNotification: the status and the heartbeat interval the CSMS chose. */
  boot(reason: 'PowerUp' | 'RemoteReset'): Promise<{ status: string; intervalS: number }>;
  heartbeat(): Promise<void>;
  status(connector: ConnectorState): Promise<void>;
  /** Authorize an idTag / idToken; resolves its status (Accepted, Blocked, …). */
  authorize(idTag: string): Promise<string>;
  /** Starts the connector's transaction at the CSMS; resolves the idTag status it answered. */
  start(connector: ConnectorState, trigger: StartTrigger): Promise<string>;
  /** Meter values of the running transaction (1.6 MeterValues, 2.0.1 TransactionEvent Updated). */
  sample(connector: ConnectorState, context: SampleContext): Promise<void>;
  /** 2.0.1 reports a change of charging state (TransactionEvent Updated); no-op in 1.6. */
  chargingStateChanged(connector: ConnectorState): Promise<void>;
  /** Ends a transaction that was already detached from its connector. */
  stop(stopped: StoppedTransaction): Promise<void>;
}

/** A finished transaction waiting to be reported: kept in the station's outbox until answered. */
export interface StoppedTransaction {
  readonly connectorId: number;
  readonly transaction: TransactionState;
  readonly meterStopWh: number;
  readonly reason: StopReason;
  readonly timestamp: string;
}
