// StaggeredRun on a ManualClock: the order and times jobs start at, the concurrency cap, jobs
// that throw, and cancel().

import { describe, expect, it } from 'vitest';
import { ManualClock, StaggeredRun } from '../../src/index.js';

describe('StaggeredRun', () => {
  it('starts jobs in order, staggerMs apart, and resolves when all settled', async () => {
    const clock = new ManualClock(0);
    const starts: Array<[number, number]> = [];
    const run = new StaggeredRun(
      3,
      async (i) => {
        starts.push([i, clock.now()]);
      },
      { clock, staggerMs: 50, maxConcurrent: 10 },
    );
    let done = false;
    const finished = run.start().then(() => {
      done = true;
    });
    await clock.advance(99);
    expect(starts).toEqual([
      [0, 0],
      [1, 50],
    ]);
    expect(run.waiting).toBe(1);
    expect(done).toBe(false);
    await clock.advance(1);
    await finished;
    expect(starts.at(-1)).toEqual([2, 100]);
  });

  it('staggerMs 0 starts up to maxConcurrent at once; a slot frees when a job settles', async () => {
    const clock = new ManualClock(0);
    const release: Array<() => void> = [];
    const started: number[] = [];
    const run = new StaggeredRun(
      4,
      (i) => {
        started.push(i);
        return new Promise<void>((r) => release.push(r));
      },
      { clock, staggerMs: 0, maxConcurrent: 2 },
    );
    const finished = run.start();
    await clock.settle();
    expect(started).toEqual([0, 1]);
    expect(run.running).toBe(2);
    release[1]!();
    await clock.settle();
    expect(started).toEqual([0, 1, 2]);
    for (const r of release) r();
    await clock.settle();
    release[3]!();
    await finished;
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('a job that throws (synchronously or not) counts as settled and the run goes on', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const run = new StaggeredRun(
      3,
      (i) => {
        seen.push(i);
        if (i === 0) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
      { clock, staggerMs: 0, maxConcurrent: 1 },
    );
    await run.start();
    expect(seen).toEqual([0, 1, 2]);
  });

  it('cancel() starts no more jobs and resolves once the running ones settled', async () => {
    const clock = new ManualClock(0);
    const release: Array<() => void> = [];
    const started: number[] = [];
    const run = new StaggeredRun(
      5,
      (i) => {
        started.push(i);
        return new Promise<void>((r) => release.push(r));
      },
      { clock, staggerMs: 10, maxConcurrent: 5 },
    );
    let done = false;
    const finished = run.start().then(() => {
      done = true;
    });
    await clock.advance(10);
    run.cancel();
    expect(run.waiting).toBe(0);
    expect(clock.pending).toBe(0);
    await clock.advance(100);
    expect(started).toEqual([0, 1]);
    release[1]!();
    await clock.settle();
    expect(done).toBe(false);
    release[0]!();
    await finished;
    expect(done).toBe(true);
  });

  it('refuses a negative stagger or a cap below 1', () => {
    const clock = new ManualClock(0);
    const job = async () => {};
    expect(() => new StaggeredRun(1, job, { clock, staggerMs: -1, maxConcurrent: 1 })).toThrow(RangeError);
    expect(() => new StaggeredRun(1, job, { clock, staggerMs: 0, maxConcurrent: 0 })).toThrow(RangeError);
  });
});
