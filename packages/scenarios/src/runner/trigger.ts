// A `trigger` step: the run's CSMS control is asked to make the CSMS send a call, within a time limit.

import type { CsmsControl, TriggerRequest } from '../control/control.js';
import { StepFailure } from './step-failure.js';

/** Asks `control` for `request`; a failure or no answer within `timeoutMs` fails the step, saying so. */
export async function triggerCsms(
  control: CsmsControl,
  request: TriggerRequest,
  timeoutMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StepFailure(`${control.name} did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([control.trigger(request), timeout]);
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure(
      `could not make the CSMS send ${request.action} through ${control.name}: ${(error as Error).message}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
