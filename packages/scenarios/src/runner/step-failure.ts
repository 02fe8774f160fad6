/** A step failed; its message is the whole reason, in words a person understands. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
}
