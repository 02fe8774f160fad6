// The station's clock during a scenario: real time, except that the runner may skip ahead. A
// test of a 60-second heartbeat or a reservation that expires in five minutes then takes no real
// minute, while everything else (0 ms follow-ups, the CSMS's answers) runs at its own pace.

import type { Clock } from '@ocpp-ws-io/core';

/** The longest delay setTimeout keeps (a signed 32-bit number of ms, about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  real: ReturnType<typeof setTimeout> | undefined;
}

/**
 * A {@link Clock} that runs in real time and can jump forward: {@link JumpClock.skipTo} moves
 * its time ahead and fires, in order, the timers that fall due on the way.
 *
 * @example
 * ```ts
 * const clock = new JumpClock();
 * clock.setTimeout(() => console.log('a minute later'), 60_000);
 * clock.skipTo(clock.now() + 60_000); // logs at once
 * ```
 */
export class JumpClock implements Clock {
  #offsetMs = 0;
  #seq = 0;
  readonly #timers = new Map<number, Timer>();
  readonly #realNow: () => number;

  constructor(realNow: () => number = () => Date.now()) {
    this.#realNow = realNow;
  }

  readonly now = (): number => this.#realNow() + this.#offsetMs;

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const seq = ++this.#seq;
    const timer: Timer = { at: this.now() + Math.max(0, ms), seq, callback, real: undefined };
    this.#timers.set(seq, timer);
    this.#arm(timer);
    return seq;
  };

  readonly clearTimeout = (handle: unknown): void => {
    const timer = this.#timers.get(handle as number);
    if (!timer) return;
    clearTimeout(timer.real);
    this.#timers.delete(timer.seq);
  };

  /** How far time has been skipped ahead of real time, in ms. */
  get skippedMs(): number {
    return this.#offsetMs;
  }

  /** The due time of the next timer, if any. */
  nextDueMs(): number | undefined {
    let next: number | undefined;
    for (const t of this.#timers.values()) if (next === undefined || t.at < next) next = t.at;
    return next;
  }

  /**
   * Moves time to `targetMs` (never back) and fires the timers due by then, earliest first. Only
   * those already due fire: one a fired timer sets is left for the next skip or for real time.
   */
  skipTo(targetMs: number): void {
    const now = this.now();
    if (targetMs > now) this.#offsetMs += targetMs - now;
    const due = [...this.#timers.values()]
      .filter((t) => t.at <= this.now())
      .sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const t of due) {
      if (!this.#timers.has(t.seq)) continue; // cleared by an earlier callback
      this.#fire(t);
    }
    // The rest now fall due sooner in real time.
    for (const t of this.#timers.values()) this.#arm(t);
  }

  /** Clears every timer (the end of a run). */
  dispose(): void {
    for (const t of this.#timers.values()) clearTimeout(t.real);
    this.#timers.clear();
  }

  #arm(timer: Timer): void {
    clearTimeout(timer.real);
    // Runtimes fire a delay above 2^31 - 1 ms at once: a far timer is armed in steps instead.
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, timer.at - this.now()));
    timer.real = setTimeout(() => (timer.at > this.now() ? this.#arm(timer) : this.#fire(timer)), delay);
  }

  #fire(timer: Timer): void {
    clearTimeout(timer.real);
    if (!this.#timers.delete(timer.seq)) return;
    timer.callback();
  }
}
