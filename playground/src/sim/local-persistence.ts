// A station's state in localStorage (a real station keeps it in flash): what lets a reloaded page
// end the transactions the previous page left running, with the meter reading it last saw.
import type { Clock } from '@ocpp-ws-io/browser';
import {
  createState,
  type StationModel,
  type StationPersistence,
  type StationState,
} from '@ocpp-ws-io/station';
import { rememberVirtualTime } from './clock.js';

/** Saves are written at most this often (real ms); `flush()` and `pageHide()` write at once. */
const WRITE_EVERY_MS = 300;

export const stateKey = (identity: string) => `ocpp-playground:station-state:${identity}`;

export class LocalStoragePersistence implements StationPersistence {
  /** The station's live state (what it hands to save()). */
  #live: StationState | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly identity: string,
    private readonly model: StationModel,
    private readonly clock: Clock,
  ) {}

  async load(): Promise<StationState | undefined> {
    const state = readSavedState(this.identity);
    return state && fitConnectors(state, this.model, this.identity);
  }

  /**
   * The station saves after every change, many times a second at high speed: the newest state is
   * written a moment later, and when the page goes (see {@link pageHide}).
   */
  async save(state: StationState): Promise<void> {
    this.#live = state;
    this.#timer ??= setTimeout(() => this.#write(), WRITE_EVERY_MS);
  }

  /**
   * The page is going (pagehide): the live state is written as it is now, a save at this moment.
   * Meter samples move the register without a change event, so the last save may be older than
   * the last MeterValues the CSMS got; the reload's PowerLoss stop must not report less.
   */
  pageHide(): void {
    const live = this.#live;
    if (!live) return;
    this.#write({ ...live, savedAtMs: this.clock.now() });
  }

  /** Writes a save still waiting for its moment now (the station stopped: nothing may be lost). */
  flush(): void {
    if (this.#timer !== undefined) this.#write();
  }

  #write(state = this.#live): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!state) return;
    localStorage.setItem(stateKey(this.identity), JSON.stringify(state));
    if (state.savedAtMs !== undefined) rememberVirtualTime(state.savedAtMs);
  }
}

/** The state a station of `identity` saved, or undefined (none, or not the package's format). */
export function readSavedState(identity: string): StationState | undefined {
  try {
    const state = JSON.parse(localStorage.getItem(stateKey(identity)) ?? 'null') as StationState | null;
    return state?.format === 1 && Array.isArray(state.connectors) ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The saved state with the model's number of connectors: the settings may have changed it since.
 * Connectors that stay keep their registers and sessions; a connector with a transaction is never
 * dropped (its end would never be reported), which is refused with a reason instead.
 */
export function fitConnectors(state: StationState, model: StationModel, identity: string): StationState {
  const count = model.connectors ?? 1;
  if (state.connectors.length === count) return state;
  const busy = state.connectors.slice(count).find((c) => c.transaction || c.ending.length > 0);
  if (busy)
    throw new Error(
      `${identity} has a transaction on connector ${busy.id}: connect it with ${state.connectors.length} connectors to end it first`,
    );
  const fresh = createState(model).connectors;
  state.connectors = fresh.map((c, i) => state.connectors[i] ?? c);
  return state;
}
