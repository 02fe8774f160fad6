// How many failed handshakes an identity may have before it is locked out, and for how long.
// Pure functions of (record, now): the station object keeps the record in its storage, so the
// count survives hibernation, and tests can drive the clock.

/** Failed handshakes of one identity, as stored. */
export interface FailedAttempts {
  /** Consecutive failures (attempts still being verified count as failures until they succeed). */
  readonly count: number;
  /** When the latest one happened (ms since the epoch). */
  readonly lastAt: number;
  /** Handshakes are refused until then, whatever password they carry. */
  readonly lockedUntil?: number;
}

export interface LockoutPolicy {
  /** Failures in a row that lock the identity (the lock starts with this one). */
  readonly failuresBeforeLock: number;
  /** The first lock; each further failure after it doubles the lock… */
  readonly firstLockMs: number;
  /** …up to this. */
  readonly maxLockMs: number;
  /** A failure this long after the previous one starts a new count. */
  readonly forgetAfterMs: number;
}

/**
 * 5 failures in a row lock the identity for 1 minute, each failure after that doubles the lock
 * up to 15 minutes, and an hour without failures forgets them. A station with the right password
 * never gets there; a guesser gets ~4 tries per 15 minutes once locked.
 */
export const LOCKOUT: LockoutPolicy = {
  failuresBeforeLock: 5,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** Milliseconds until the identity may try again; 0 when it is not locked. */
export function lockedForMs(record: FailedAttempts | undefined, now: number): number {
  return record?.lockedUntil !== undefined && record.lockedUntil > now ? record.lockedUntil - now : 0;
}

/** The record after one more failure at `now`. */
export function withFailure(
  record: FailedAttempts | undefined,
  now: number,
  policy: LockoutPolicy = LOCKOUT,
): FailedAttempts {
  const previous = record && now - record.lastAt <= policy.forgetAfterMs ? record.count : 0;
  const count = previous + 1;
  if (count < policy.failuresBeforeLock) return { count, lastAt: now };
  const lockMs = Math.min(policy.firstLockMs * 2 ** (count - policy.failuresBeforeLock), policy.maxLockMs);
  return { count, lastAt: now, lockedUntil: now + lockMs };
}
