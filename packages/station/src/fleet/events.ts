/**
 * Names one station of a fleet in its events: its position and identity.
 *
 * @example
 * ```ts
 * fleet.on('stationStarted', ({ index, identity }: FleetMemberRef) => console.log(index, identity));
 * ```
 */
export interface FleetMemberRef {
  /** Position in {@link Fleet.stations}, from 0. */
  readonly index: number;
  readonly identity: string;
}

/**
 * How a fleet's start went: stations whose `start()` resolved, and those whose `start()` failed.
 *
 * @example
 * ```ts
 * const { started, failed } = await fleet.start();
 * ```
 */
export interface FleetStartResult {
  readonly started: number;
  readonly failed: number;
}

/**
 * Events of a {@link Fleet}; `on()` returns the function that removes the listener. Cheap enough
 * for a thousand stations: none of them carries a snapshot (ask `fleet.summary()` or
 * `station.snapshot()` when you render).
 *
 * @example
 * ```ts
 * fleet.on('stationFailed', ({ identity, error }) => console.warn(identity, error.message));
 * fleet.on('stationChange', () => scheduleRender());
 * ```
 */
export type FleetEvents = {
  /** A station's `start()` resolved: connected, and the CSMS answered its first BootNotification. */
  stationStarted: (event: FleetMemberRef) => void;
  /** A station's `start()` failed (the CSMS refused the connection, no profile, …). */
  stationFailed: (event: FleetMemberRef & { readonly error: Error }) => void;
  /** A station reported an error (its `error` event). */
  stationError: (event: FleetMemberRef & { readonly error: Error }) => void;
  /** Something a UI shows changed on a station. */
  stationChange: (event: FleetMemberRef) => void;
  /** Every scheduled start settled. */
  started: (result: FleetStartResult) => void;
  /** `stop()` finished: every station is stopped. */
  stopped: () => void;
};
