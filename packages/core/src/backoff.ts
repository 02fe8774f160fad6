/**
 * Reconnect back-off of OCPP-J 2.0.1 §5.3 / 2.1 §5.3, used for every version (1.6 leaves it to
 * the implementation). Names follow the OCPPCommCtrlr variables they stand for.
 */
export interface ReconnectOptions {
  /** RetryBackOffWaitMinimum: the first back-off (default 1 000 ms). */
  readonly waitMinimumMs?: number;
  /** RetryBackOffRandomRange: up to this much random delay is added to every attempt (default 2 000 ms). */
  readonly randomRangeMs?: number;
  /** RetryBackOffRepeatTimes: how many times the back-off doubles before it stays put (default 5). */
  readonly repeatTimes?: number;
  /** Give up after this many failed attempts in a row (default: never). */
  readonly maxAttempts?: number;
}

export const DEFAULT_RECONNECT: Required<ReconnectOptions> = {
  waitMinimumMs: 1_000,
  randomRangeMs: 2_000,
  repeatTimes: 5,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/**
 * Delay before reconnection attempt `attempt` (0 = first): "RetryBackOffWaitMinimum seconds,
 * plus a random value with a maximum of RetryBackOffRandomRange"; then doubled after every
 * failed attempt, at most RetryBackOffRepeatTimes times, with a new random value each time.
 */
export function backoffDelayMs(
  attempt: number,
  options: Required<ReconnectOptions>,
  random: () => number,
): number {
  const doublings = Math.min(attempt, options.repeatTimes);
  return options.waitMinimumMs * 2 ** doublings + Math.floor(random() * options.randomRangeMs);
}
