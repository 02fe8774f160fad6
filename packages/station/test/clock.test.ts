import { describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock, Timers } from '../src/index.js';

describe('ManualClock', () => {
  it('fires due timers in order of due time, then of creation, and only when advanced', async () => {
    const clock = new ManualClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@300'), 300);
    clock.setTimeout(() => fired.push('a@100'), 100);
    clock.setTimeout(() => fired.push('c@300'), 300);
    const cancelled = clock.setTimeout(() => fired.push('never'), 200);
    clock.clearTimeout(cancelled);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['a@100']);
    expect(clock.now()).toBe(1_100);
    await clock.advance(500);
    expect(fired).toEqual(['a@100', 'b@300', 'c@300']);
    expect(clock.now()).toBe(1_600);
    expect(clock.pending).toBe(0);
  });

  it('runs timers set by timers when they fall due within the same advance, at their own time', async () => {
    const clock = new ManualClock();
    const at: number[] = [];
    const tick = () => {
      at.push(clock.now());
      if (at.length < 3) clock.setTimeout(tick, 50);
    };
    clock.setTimeout(tick, 50);
    await clock.advance(1_000);
    expect(at).toEqual([50, 100, 150]);
  });

  it('lets promise chains a timer started settle before the next timer fires', async () => {
    const clock = new ManualClock();
    const log: string[] = [];
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => log.push('chain of first'));
    }, 10);
    clock.setTimeout(() => log.push('second'), 20);
    await clock.advance(20);
    expect(log).toEqual(['chain of first', 'second']);
  });

  it('refuses to go back in time', async () => {
    await expect(new ManualClock().advance(-1)).rejects.toThrow(RangeError);
  });
});

describe('ScaledClock', () => {
  it('runs virtual time `speed` times faster than its real time source, and keeps it continuous across speed changes', () => {
    let real = 10_000;
    const clock = new ScaledClock({ speed: 60, startMs: 0, realNow: () => real });
    real += 1_000;
    expect(clock.now()).toBe(60_000);
    clock.setSpeed(1);
    expect(clock.now()).toBe(60_000);
    real += 1_000;
    expect(clock.now()).toBe(61_000);
    expect(() => clock.setSpeed(0)).toThrow(RangeError);
  });

  it('divides timer delays by the speed (a virtual minute passes in a real second at speed 60)', async () => {
    const clock = new ScaledClock({ speed: 600 });
    const started = Date.now();
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 60_000));
    // Bounded, not a speed claim: far less than the virtual minute.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('Timers', () => {
  it('a name holds one timer: setting it again replaces the first; clearAll stops everything', async () => {
    const clock = new ManualClock();
    const timers = new Timers(clock);
    const fired: string[] = [];
    timers.set('beat', 100, () => fired.push('first'));
    timers.set('beat', 200, () => fired.push('second'));
    timers.at('expiry', 150, () => fired.push('expiry'));
    await clock.advance(300);
    expect(fired).toEqual(['expiry', 'second']);
    timers.set('x', 10, () => fired.push('x'));
    timers.clearAll();
    await clock.advance(100);
    expect(fired).toEqual(['expiry', 'second']);
    expect(clock.pending).toBe(0);
  });
});
