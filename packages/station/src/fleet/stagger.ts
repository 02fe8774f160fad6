import type { Clock } from '@ocpp-ws-io/core';

/**
 * Options of {@link StaggeredRun}.
 *
 * @example
 * ```ts
 * const options: StaggerOptions = { clock, staggerMs: 20, maxConcurrent: 32 };
 * ```
 */
export interface StaggerOptions {
  readonly clock: Clock;
  /** Least time between two jobs' starts, on `clock`. 0: as fast as `maxConcurrent` lets. */
  readonly staggerMs: number;
  /** Most jobs running at once; the next one waits for a slot. */
  readonly maxConcurrent: number;
}

/**
 * Runs jobs 0 … count − 1 in order on a clock: each starts no sooner than `staggerMs` after the
 * previous one started, and at most `maxConcurrent` run at once. A fleet's boots go through it,
 * so a thousand stations reach the CSMS as a steady stream rather than one burst — and when the
 * CSMS answers more slowly than the stream, the cap makes the stream wait instead of piling up
 * handshakes.
 *
 * @example
 * ```ts
 * const run = new StaggeredRun(1_000, (i) => stations[i]!.start(), { clock, staggerMs: 20, maxConcurrent: 32 });
 * await run.start(); // every job settled (or run.cancel() was called and the running ones settled)
 * ```
 */
export class StaggeredRun {
  readonly #count: number;
  readonly #job: (index: number) => Promise<unknown>;
  readonly #options: StaggerOptions;
  #next = 0;
  #running = 0;
  #lastStartMs = Number.NEGATIVE_INFINITY;
  #timer: unknown;
  #cancelled = false;
  #done: (() => void) | undefined;

  constructor(count: number, job: (index: number) => Promise<unknown>, options: StaggerOptions) {
    if (!(options.staggerMs >= 0)) throw new RangeError(`staggerMs must be ≥ 0, got ${options.staggerMs}`);
    if (!(Number.isInteger(options.maxConcurrent) && options.maxConcurrent >= 1))
      throw new RangeError(`maxConcurrent must be an integer ≥ 1, got ${options.maxConcurrent}`);
    this.#count = count;
    this.#job = job;
    this.#options = options;
  }

  /** Jobs not started yet. */
  get waiting(): number {
    return this.#cancelled ? 0 : this.#count - this.#next;
  }

  /** Jobs started and not settled. */
  get running(): number {
    return this.#running;
  }

  /** Starts the run; resolves once every job settled, or after cancel() once the running ones did. */
  start(): Promise<void> {
    const done = new Promise<void>((resolve) => {
      this.#done = resolve;
    });
    this.#tick();
    return done;
  }

  /** Starts no more jobs; those running go on (start()'s promise waits for them). */
  cancel(): void {
    this.#cancelled = true;
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#settleIfDone();
  }

  #tick(): void {
    this.#timer = undefined;
    const { clock, staggerMs, maxConcurrent } = this.#options;
    while (!this.#cancelled && this.#next < this.#count && this.#running < maxConcurrent) {
      const now = clock.now();
      const dueMs = this.#lastStartMs + staggerMs;
      if (dueMs > now) {
        this.#timer = clock.setTimeout(() => this.#tick(), dueMs - now);
        return;
      }
      this.#lastStartMs = now;
      this.#launch(this.#next++);
    }
    this.#settleIfDone();
  }

  #launch(index: number): void {
    this.#running++;
    let work: Promise<unknown>;
    try {
      work = this.#job(index);
    } catch (error) {
      work = Promise.reject(error);
    }
    // A job's failure is the job's business (the fleet records it); the run only counts it.
    void work
      .catch(() => undefined)
      .then(() => {
        this.#running--;
        // A slot is free: go on now, unless a timer already waits for the next stagger step.
        if (this.#timer === undefined) this.#tick();
      });
  }

  #settleIfDone(): void {
    if (this.#running === 0 && (this.#cancelled || this.#next >= this.#count)) {
      const done = this.#done;
      this.#done = undefined;
      done?.();
    }
  }
}
