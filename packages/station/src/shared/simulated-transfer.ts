// Simulated long-running operations (firmware downloads and installations, log uploads): a row of
// steps a fixed number of virtual seconds apart, on one named timer, and the test hook that makes
// a transfer to a chosen location fail. Shared by every profile; each reports the steps in its
// own version's status messages.

import type { Timers } from '../clock/timers.js';
import type { StationBehaviour } from '../options.js';

/** Virtual milliseconds one step takes (StationBehaviour.operationStepS, default 10 s). */
export function stepMs(behaviour: StationBehaviour): number {
  return (behaviour.operationStepS ?? 10) * 1000;
}

/** True when a transfer to or from `location` is configured to fail (failLocationsContaining). */
export function transferFails(behaviour: StationBehaviour, location: string): boolean {
  const marker = behaviour.failLocationsContaining;
  return !!marker && location.includes(marker);
}

/**
 * Runs `steps` one after the other, `ms` apart, on the timer `name` (setting it again cancels
 * the rest). A step that returns `false` ends the sequence there.
 */
export function runSteps(
  timers: Timers,
  name: string,
  ms: number,
  steps: ReadonlyArray<() => unknown>,
  index = 0,
): void {
  const step = steps[index];
  if (!step) return;
  if (step() === false) return;
  timers.set(name, ms, () => runSteps(timers, name, ms, steps, index + 1));
}
