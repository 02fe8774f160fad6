// The station's clock in a scenario: real time that the runner can skip ahead.
import { describe, expect, it } from 'vitest';
import { JumpClock } from '../src/index.js';

describe('JumpClock', () => {
  it('fires due timers in order when skipping, and only those', () => {
    let real = 1_000;
    const clock = new JumpClock(() => real);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 20_000);
    clock.setTimeout(() => fired.push('a'), 10_000);
    clock.setTimeout(() => fired.push('a2'), 10_000);
    clock.setTimeout(() => fired.push('c'), 60_000);
    expect(clock.nextDueMs()).toBe(11_000);
    clock.skipTo(21_000);
    expect(fired).toEqual(['a', 'a2', 'b']);
    expect(clock.now()).toBe(21_000);
    expect(clock.skippedMs).toBe(20_000);
    real += 5; // real time goes on from the skipped point
    expect(clock.now()).toBe(21_005);
    clock.dispose();
  });

  it('never goes back, and leaves a timer a fired one sets for later', () => {
    const clock = new JumpClock(() => 0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(1);
      clock.setTimeout(() => fired.push(2), 0);
    }, 100);
    clock.skipTo(100);
    expect(fired).toEqual([1]);
    clock.skipTo(50); // the past: time stays, what is due by now fires
    expect(clock.now()).toBe(100);
    expect(fired).toEqual([1, 2]);
    clock.dispose();
  });

  it('does not fire a cleared timer', () => {
    const clock = new JumpClock(() => 0);
    let fired = false;
    const handle = clock.setTimeout(() => {
      fired = true;
    }, 10);
    clock.clearTimeout(handle);
    clock.skipTo(1_000);
    expect(fired).toBe(false);
    expect(clock.nextDueMs()).toBeUndefined();
  });

  it('fires in real time too, when nobody skips', async () => {
    const clock = new JumpClock();
    const fired = await new Promise<boolean>((resolve) => {
      clock.setTimeout(() => resolve(true), 5);
    });
    expect(fired).toBe(true);
  });

  it('does not fire a timer further than setTimeout can wait (24.8 days) early', async () => {
    const clock = new JumpClock();
    let fired = false;
    clock.setTimeout(() => {
      fired = true;
    }, 40 * 86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(false);
    clock.skipTo(clock.now() + 40 * 86_400_000);
    expect(fired).toBe(true);
    clock.dispose();
  });
});
