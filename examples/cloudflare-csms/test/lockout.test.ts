// The lock-out policy as a function of the clock: what the workerd tests cannot wait for.
import { describe, expect, it } from 'vitest';
import { type FailedAttempts, LOCKOUT, lockedForMs, withFailure } from '../src/auth/lockout.js';

const MINUTE = 60_000;

/** `n` failures, one every `gapMs`, from t = 0; returns the record and the time of the last one. */
function failures(n: number, gapMs = 1_000): { record: FailedAttempts | undefined; at: number } {
  let record: FailedAttempts | undefined;
  let at = 0;
  for (let i = 0; i < n; i++) {
    at = i * gapMs;
    record = withFailure(record, at);
  }
  return { record, at };
}

describe('lock-out policy', () => {
  it('4 failures in a row do not lock; the 5th locks for a minute', () => {
    expect(lockedForMs(failures(4).record, 4_000)).toBe(0);
    const { record, at } = failures(5);
    expect(record).toEqual({ count: 5, lastAt: at, lockedUntil: at + MINUTE });
    expect(lockedForMs(record, at)).toBe(MINUTE);
  });

  it('the lock holds until its end, whatever happens meanwhile, and is over after it', () => {
    const { record, at } = failures(5);
    expect(lockedForMs(record, at + MINUTE - 1)).toBe(1);
    expect(lockedForMs(record, at + MINUTE)).toBe(0);
  });

  it('each failure after the lock doubles it, up to 15 minutes', () => {
    let { record, at } = failures(5);
    const locks: number[] = [];
    for (let i = 0; i < 6; i++) {
      at = record!.lockedUntil!; // the first moment the identity may try again
      record = withFailure(record, at);
      locks.push(lockedForMs(record, at) / MINUTE);
    }
    expect(locks).toEqual([2, 4, 8, 15, 15, 15]);
  });

  it('an hour without failures forgets them', () => {
    const { record, at } = failures(4);
    expect(withFailure(record, at + LOCKOUT.forgetAfterMs).count).toBe(5);
    expect(withFailure(record, at + LOCKOUT.forgetAfterMs + 1)).toEqual({
      count: 1,
      lastAt: at + LOCKOUT.forgetAfterMs + 1,
    });
  });

  it('no record: not locked', () => {
    expect(lockedForMs(undefined, 0)).toBe(0);
  });
});
