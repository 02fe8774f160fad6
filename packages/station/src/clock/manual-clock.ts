import type { Clock } from '@ocpp-ws-io/core';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A clock for tests: time stands still until {@link ManualClock.advance} moves it, and due timers
 * then fire in order (by due time, then by creation), so a run is the same every time. Give the
 * same clock to the station and to its client, and heartbeats, sampling, reservations, firmware
 * sequences and call timeouts all follow it.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
 * const station = new VirtualStation({ client, clock, ...model });
 * await station.start();
 * await clock.advance(60_000); // one heartbeat interval later, and everything it caused settled
 * ```
 */
export class ManualClock implements Clock {
  #nowMs: number;
  #seq = 0;
  readonly #timers = new Map<number, PendingTimer>();
  // Captured once: advance() yields to the real event loop so that the consequences of a timer
  // (in-memory frames, promise chains) settle before the next timer fires.
  readonly #yield: () => Promise<void>;

  constructor(startMs = 0) {
    this.#nowMs = startMs;
    const realSetTimeout = globalThis.setTimeout;
    this.#yield = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));
  }

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const seq = ++this.#seq;
    this.#timers.set(seq, { at: this.#nowMs + Math.max(0, ms), seq, callback });
    return seq;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };

  readonly now = (): number => this.#nowMs;

  /** Timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way in order, and lets
   * the event loop settle after each one. Timers set by a timer fire too if they fall due.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms >= 0, got ${ms}`);
    const target = this.#nowMs + ms;
    await this.#yield();
    for (let next = this.#due(target); next; next = this.#due(target)) {
      this.#timers.delete(next.seq);
      this.#nowMs = next.at;
      next.callback();
      await this.#yield();
    }
    this.#nowMs = target;
    await this.#yield();
  }

  /** Lets pending promise chains and in-memory frames settle without moving time. */
  settle(): Promise<void> {
    return this.advance(0);
  }

  #due(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.at > target) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}
