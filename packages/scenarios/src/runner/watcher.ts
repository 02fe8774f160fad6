// The expect steps' view of the connection: every frame through the tap, in order, and the
// search an expect step makes in them — from the last acting step on, skipping frames an earlier
// expect took, with an answer tied to the call an earlier expect matched.

import { checkMatchers, valuesAt } from '../scenario/match.js';
import type { ExpectStep, Matchers } from '../scenario/types.js';
import { describeFrame, type Frame, FrameLog } from '../trace/frames.js';
import type { TraceLine } from '../trace/line.js';
import { frameProblem } from './schema-check.js';

/** What a search found. */
export type SearchOutcome =
  | {
      readonly found: Frame;
      readonly warnings: readonly string[];
      readonly captured: Record<string, unknown>;
    }
  | { readonly fatal: string }
  | { readonly waiting: string | undefined };

/** A candidate frame's verdict: it matches (`ok`), cannot (`fatal`), or is not it (`closest`). */
type Verdict = { readonly ok: true } | { readonly fatal: string } | { readonly closest: string };

const who = (side: 'station' | 'csms') => (side === 'csms' ? 'the CSMS' : 'the station');

export class Watcher {
  readonly log = new FrameLog();
  #mark = 0;
  readonly #consumed = new Set<number>();
  /** `${answerer}:${action}` → index of the matched call whose answer is expected next. */
  readonly #pinned = new Map<string, number>();
  #wake: (() => void) | undefined;

  /** Takes one recorded line. */
  add(line: TraceLine): void {
    this.log.add(line);
    this.#wake?.();
  }

  /** An acting step begins: later expects look at what happens from here on. */
  markNow(): void {
    this.#mark = this.log.frames.length;
  }

  /** Resolves on the next frame or after `ms`, whichever comes first. */
  next(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  /** Looks for the frame `step` expects (its matchers already interpolated). */
  search(step: ExpectStep, match: Matchers, should: Matchers): SearchOutcome {
    const from = step.from ?? 'csms';
    let closest: string | undefined;
    for (const frame of this.log.frames.slice(this.#mark)) {
      if (this.#consumed.has(frame.index) || frame.sender !== from) continue;
      const outcome =
        step.expect === 'call' ? this.#call(step, frame, match) : this.#answer(step, frame, match);
      if (outcome === undefined) continue;
      if ('closest' in outcome) {
        closest ??= outcome.closest;
        continue;
      }
      if ('fatal' in outcome) return outcome;
      this.#take(step, frame);
      const warnings = checkMatchers(frame.payload, should).map(
        (p) => `${describeFrame(frame, 80)}: ${p} (a should, not a must)`,
      );
      const captured: Record<string, unknown> = {};
      for (const [name, path] of Object.entries(step.capture ?? {}))
        captured[name] = valuesAt(frame.payload, path)[0]?.value;
      return { found: frame, warnings, captured };
    }
    return { waiting: closest };
  }

  #call(step: ExpectStep, frame: Frame, match: Matchers): Verdict | undefined {
    if (frame.kind !== 'call' || frame.action !== step.action) return undefined;
    const schema = frame.sender === 'csms' ? frameProblem(frame, undefined) : undefined;
    if (schema)
      return {
        fatal: `the CSMS sent ${step.action}, but it breaks the ${frame.line.protocol} schema: ${schema}`,
      };
    const problems = checkMatchers(frame.payload, match);
    return problems.length
      ? { closest: `${who(frame.sender)} sent ${step.action}, but ${problems.join('; ')}` }
      : { ok: true };
  }

  #answer(step: ExpectStep, frame: Frame, match: Matchers): Verdict | undefined {
    if (frame.kind !== 'result' && frame.kind !== 'error') return undefined;
    const call = this.log.callOf(frame);
    if (!call || call.action !== step.action) return undefined;
    const pinned = this.#pinned.get(`${frame.sender}:${step.action}`);
    if (pinned !== undefined && frame.answers !== pinned) return undefined;
    const by = who(frame.sender);
    if (frame.kind !== step.expect) {
      return {
        fatal:
          frame.kind === 'error'
            ? `${by} answered ${step.action} with CALLERROR ${frame.code}${frame.description ? ` (${frame.description})` : ''}`
            : `${by} answered ${step.action} with a result, not a CALLERROR: ${JSON.stringify(frame.payload)}`,
      };
    }
    const schema = frame.sender === 'csms' ? frameProblem(frame, call) : undefined;
    if (schema)
      return {
        fatal: `${by}'s answer to ${step.action} breaks the ${frame.line.protocol} schema: ${schema}`,
      };
    const fields =
      frame.kind === 'error'
        ? { code: frame.code, description: frame.description, details: frame.payload }
        : frame.payload;
    const problems = checkMatchers(fields, match);
    return problems.length
      ? { fatal: `${by} answered ${step.action}, but ${problems.join('; ')}` }
      : { ok: true };
  }

  #take(step: ExpectStep, frame: Frame): void {
    this.#consumed.add(frame.index);
    if (frame.kind === 'call') {
      // Its answer, by the other side, is what a later expect of the same action looks at.
      const answerer = frame.sender === 'csms' ? 'station' : 'csms';
      this.#pinned.set(`${answerer}:${step.action}`, frame.index);
    } else this.#pinned.delete(`${frame.sender}:${step.action}`);
  }

  /** The described frames around position `at` (a failure): `before` earlier ones and all later ones, at most `after`. */
  context(at: number, before = 8, after = 4): string[] {
    return this.log.frames.slice(Math.max(0, at - before), at + after).map((f) => describeFrame(f));
  }

  /**
   * What went wrong outside the steps: CALLERRORs and schema breaks of the CSMS that no expect
   * took, and station calls the CSMS never answered.
   */
  leftovers(): string[] {
    const out: string[] = [];
    for (const frame of this.log.frames) {
      if (this.#consumed.has(frame.index) || frame.sender !== 'csms') continue;
      const call = this.log.callOf(frame);
      if (frame.kind === 'error')
        out.push(
          `the CSMS answered ${call?.action ?? frame.id} with CALLERROR ${frame.code}${frame.description ? ` (${frame.description})` : ''}`,
        );
      const schema = frameProblem(frame, call);
      if (schema) out.push(`${describeFrame(frame, 80)} breaks the schema: ${schema}`);
    }
    return out;
  }
}
