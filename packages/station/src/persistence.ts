import type { StationState } from './model/state.js';

/**
 * Where a station keeps its state between runs (a page reload, a process restart): the
 * playground backs it with localStorage, a Node rig with a file. Load once at start, save after
 * every change. Keep it alongside the client's durable message store: a restarted station ends
 * the transactions of the previous run, and the messages that say so travel through that store.
 *
 * @example
 * ```ts
 * const persistence: StationPersistence = {
 *   load: async () => JSON.parse(localStorage.getItem('station:CP-1') ?? 'null') ?? undefined,
 *   save: async (state) => localStorage.setItem('station:CP-1', JSON.stringify(state)),
 * };
 * ```
 */
export interface StationPersistence {
  load(): Promise<StationState | undefined>;
  save(state: StationState): Promise<void>;
}

/**
 * A {@link StationPersistence} in memory: survives `stop()` / `start()` of stations that share it,
 * as a stand-in for a real store in tests and demos.
 *
 * @example
 * ```ts
 * const persistence = new MemoryPersistence();
 * await new VirtualStation({ client, persistence, ...model }).start();
 * ```
 */
export class MemoryPersistence implements StationPersistence {
  #saved: string | undefined;
  async load(): Promise<StationState | undefined> {
    return this.#saved === undefined ? undefined : (JSON.parse(this.#saved) as StationState);
  }
  async save(state: StationState): Promise<void> {
    // Saved as text so later changes to the live state cannot leak into the copy.
    this.#saved = JSON.stringify(state);
  }
  /** The last saved state (a copy), for tests. */
  get saved(): StationState | undefined {
    return this.#saved === undefined ? undefined : (JSON.parse(this.#saved) as StationState);
  }
}

/**
 * Serialises saves: at most one in flight, and a change made while one runs is saved right after
 * it, so the stored copy is never older than the last change once {@link Saver.flush} resolved.
 *
 * @example
 * ```ts
 * const saver = new Saver(persistence, () => state, console.error);
 * saver.request();
 * await saver.flush();
 * ```
 */
export class Saver {
  #running: Promise<void> | undefined;
  #dirty = false;
  constructor(
    private readonly persistence: StationPersistence | undefined,
    private readonly snapshot: () => StationState,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Asks for a save soon. */
  request(): void {
    if (!this.persistence) return;
    this.#dirty = true;
    this.#running ??= this.#loop();
  }

  /** Resolves once everything requested so far is saved. */
  async flush(): Promise<void> {
    this.request();
    while (this.#running) await this.#running;
  }

  async #loop(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false;
        try {
          await this.persistence!.save(this.snapshot());
        } catch (error) {
          this.onError(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.#running = undefined;
    }
  }
}
