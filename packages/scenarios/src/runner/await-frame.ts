// An expect step: waiting for the frame, in real time and, when the step says so, on the
// station's clock — which it moves ahead, timer by timer, once the connection is quiet.

import type { ExpectStep, Matchers } from '../scenario/types.js';
import type { Session } from './session.js';
import { StepFailure } from './step-failure.js';
import type { Watcher } from './watcher.js';

/** How long a wait on the station's clock may take in real time when the step sets no `within`. */
const STATION_WAIT_REAL_MS = 120_000;

export interface AwaitFrameContext {
  readonly watcher: Watcher;
  readonly session: Session;
  /** The run's answer timeout (real ms). */
  readonly answerMs: number;
}

/** What the step found: warnings of its `should`, and its captures. */
export interface Found {
  readonly warnings: readonly string[];
  readonly captured: Readonly<Record<string, unknown>>;
}

/** What did not happen, in words: "the CSMS did not answer StopTransaction (with …)". */
function missing(step: ExpectStep, match: Matchers): string {
  const who = (step.from ?? 'csms') === 'csms' ? 'the CSMS' : 'the station';
  const verb =
    step.expect === 'call' ? 'send' : step.expect === 'result' ? 'answer' : 'answer with a CALLERROR';
  const fields = Object.entries(match)
    .map(([path, m]) => `${path} ${JSON.stringify(m)}`)
    .join(', ');
  return `${who} did not ${verb} ${step.action}${fields ? ` (with ${fields})` : ''}`;
}

/**
 * Waits for the frame `step` expects (`match` and `should` already interpolated); throws a
 * {@link StepFailure} when it cannot come (a wrong answer, a schema break) or did not in time.
 */
export async function awaitFrame(
  step: ExpectStep,
  match: Matchers,
  should: Matchers,
  ctx: AwaitFrameContext,
): Promise<Found> {
  const { watcher, session, answerMs } = ctx;
  const realLimit = step.within ?? (step.stationWithin ? STATION_WAIT_REAL_MS : answerMs);
  const realDeadline = Date.now() + realLimit;
  const stationDeadline =
    step.stationWithin === undefined ? undefined : session.clock.now() + step.stationWithin;
  let closest: string | undefined;
  // A search takes the frame it finds: its outcome is used at once, never searched again.
  const look = (): Found | undefined => {
    const outcome = watcher.search(step, match, should);
    if ('fatal' in outcome) throw new StepFailure(outcome.fatal);
    if ('waiting' in outcome) {
      closest = outcome.waiting ?? closest;
      return undefined;
    }
    return { warnings: outcome.warnings, captured: outcome.captured };
  };
  for (;;) {
    const found = look();
    if (found) return found;
    const stationOver = stationDeadline !== undefined && session.clock.now() >= stationDeadline;
    if (Date.now() >= realDeadline || stationOver) {
      // One last look once what is on its way has arrived.
      if (stationOver && Date.now() < realDeadline) {
        await session.settle(Math.min(answerMs, realDeadline - Date.now()));
        const last = look();
        if (last) return last;
      }
      const limit = stationOver ? `${step.stationWithin! / 1000} s of station time` : `${realLimit / 1000} s`;
      throw new StepFailure(
        `${missing(step, match)} within ${limit}${closest ? `; closest: ${closest}` : ''}`,
      );
    }
    if (stationDeadline !== undefined) {
      // Move the station's time to its next timer (or the limit) once the connection is quiet.
      await session.settle(Math.min(answerMs, realDeadline - Date.now()));
      const settled = look();
      if (settled) return settled;
      const next = session.clock.nextDueMs();
      session.clock.skipTo(next !== undefined && next <= stationDeadline ? next : stationDeadline);
    } else await watcher.next(Math.min(50, Math.max(1, realDeadline - Date.now())));
  }
}
