import type { StopReason } from './model/state.js';
import type { StationSnapshot } from './snapshot.js';

/**
 * Events of a {@link VirtualStation}; `on()` returns the function that removes the listener.
 *
 * @example
 * ```ts
 * station.on('transactionStopped', ({ connectorId, reason }) => console.log(connectorId, reason));
 * ```
 */
export type StationEvents = {
  /** Anything a UI shows changed: the new snapshot. */
  change: (snapshot: StationSnapshot) => void;
  /** A transaction started on a connector (its CSMS id may come later: see `snapshot()`). */
  transactionStarted: (event: {
    readonly connectorId: number;
    readonly localId: string;
    readonly idTag: string;
  }) => void;
  /** A transaction ended on a connector. */
  transactionStopped: (event: {
    readonly connectorId: number;
    readonly localId: string;
    readonly id: string | undefined;
    readonly reason: StopReason;
  }) => void;
  /** Something went wrong that the station could not answer for (a failed call, a store error). */
  error: (error: Error) => void;
};
