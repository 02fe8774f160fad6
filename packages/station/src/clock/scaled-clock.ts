import type { Clock } from '@ocpp-ws-io/core';

/**
 * Options of {@link ScaledClock}.
 *
 * @example
 * ```ts
 * const clock = new ScaledClock({ speed: 120, startMs: Date.parse('2025-01-01T08:00:00Z') });
 * ```
 */
export interface ScaledClockOptions {
  /** Virtual milliseconds per real millisecond (default 1; 60 makes a minute pass each second). */
  readonly speed?: number;
  /** Virtual time at creation (default: the real time). */
  readonly startMs?: number;
  /** Real time source (default Date.now). */
  readonly realNow?: () => number;
}

/**
 * A clock for demos: virtual time runs `speed` times faster than real time, so a one-hour
 * charging session takes a minute at speed 60. Timers run on the runtime's own timers, their
 * delays divided by the speed.
 *
 * @example
 * ```ts
 * const clock = new ScaledClock({ speed: 60 });
 * const station = new VirtualStation({ client, clock, ...model });
 * clock.setSpeed(1); // back to real time; virtual time goes on from where it was
 * ```
 */
export class ScaledClock implements Clock {
  #speed: number;
  #baseVirtualMs: number;
  #baseRealMs: number;
  readonly #realNow: () => number;

  constructor(options: ScaledClockOptions = {}) {
    this.#realNow = options.realNow ?? (() => Date.now());
    this.#speed = checkSpeed(options.speed ?? 1);
    this.#baseRealMs = this.#realNow();
    this.#baseVirtualMs = options.startMs ?? this.#baseRealMs;
  }

  get speed(): number {
    return this.#speed;
  }

  /**
   * Changes the speed from now on. Virtual time does not jump; timers already set keep the real
   * delay they were given.
   */
  setSpeed(speed: number): void {
    const now = this.now();
    this.#speed = checkSpeed(speed);
    this.#baseRealMs = this.#realNow();
    this.#baseVirtualMs = now;
  }

  readonly now = (): number => this.#baseVirtualMs + (this.#realNow() - this.#baseRealMs) * this.#speed;

  readonly setTimeout = (callback: () => void, ms: number): unknown =>
    globalThis.setTimeout(callback, Math.max(0, ms) / this.#speed);

  readonly clearTimeout = (handle: unknown): void => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  };
}

function checkSpeed(speed: number): number {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be > 0, got ${speed}`);
  return speed;
}
