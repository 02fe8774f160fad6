// Trace lines read as OCPP-J messages: which side sent a frame, what kind it is, and — for an
// answer — which call it answers and so which action. Used by the scenario runner (its expect
// steps search these) and by replay.

import { senderOf, type TraceLine } from './line.js';

/**
 * A frame of a trace, classified and correlated.
 *
 * @example
 * ```ts
 * const answers = log.frames.filter((f: Frame) => f.kind === 'result' && f.action === 'Authorize');
 * ```
 */
export interface Frame {
  /** Position in the log (0-based). */
  readonly index: number;
  readonly line: TraceLine;
  readonly sender: 'station' | 'csms';
  /** `call` (CALL or 2.1 SEND), `result` (CALLRESULT), `error` (CALLERROR or 2.1 CALLRESULTERROR), or `malformed`. */
  readonly kind: 'call' | 'result' | 'error' | 'malformed';
  readonly id?: string;
  /** The action: a call's own, or for an answer the action of the call it answers (when known). */
  readonly action?: string;
  /** A call's request or a result's response payload. */
  readonly payload?: unknown;
  /** An error's code and description. */
  readonly code?: string;
  readonly description?: string;
  /** For an answer: the index of the call it answers. */
  readonly answers?: number;
}

/**
 * Frames of one connection in order, with every answer tied to its call. Ids are unique per
 * sender only, so a call is found by (sender, id): an answer from the CSMS answers the station's
 * call with that id, and the other way round.
 *
 * @example
 * ```ts
 * const log = new FrameLog();
 * for (const line of parseTrace(text)) log.add(line);
 * const boot = log.frames.find((f) => f.kind === 'result' && f.action === 'BootNotification');
 * ```
 */
export class FrameLog {
  readonly frames: Frame[] = [];
  readonly #calls = new Map<string, Frame>();

  /** Classifies `line`, ties it to its call if it is an answer, and appends it. */
  add(line: TraceLine): Frame {
    const frame = this.#classify(line, this.frames.length);
    this.frames.push(frame);
    if (frame.kind === 'call' && frame.id !== undefined)
      this.#calls.set(`${frame.sender}:${frame.id}`, frame);
    return frame;
  }

  /** The call `answer` answers, if it is an answer to a call in this log. */
  callOf(answer: Frame): Frame | undefined {
    return answer.answers === undefined ? undefined : this.frames[answer.answers];
  }

  /** The answer to `call`, once one is in the log. */
  answerTo(call: Frame): Frame | undefined {
    return this.frames.find((f) => f.answers === call.index);
  }

  #classify(line: TraceLine, index: number): Frame {
    const sender = senderOf(line);
    const f = line.frame;
    const base = { index, line, sender } as const;
    if (!f || typeof f[0] !== 'number' || typeof f[1] !== 'string') return { ...base, kind: 'malformed' };
    const id = f[1];
    const type = f[0];
    if ((type === 2 || type === 6) && typeof f[2] === 'string')
      return { ...base, kind: 'call', id, action: f[2], payload: f[3] };
    if (type === 3 || type === 4 || type === 5) {
      const other = sender === 'station' ? 'csms' : 'station';
      const call = this.#calls.get(`${other}:${id}`);
      const tie = call ? { action: call.action as string, answers: call.index } : {};
      if (type === 3) return { ...base, kind: 'result', id, payload: f[2], ...tie };
      return {
        ...base,
        kind: 'error',
        id,
        code: String(f[2]),
        description: typeof f[3] === 'string' ? f[3] : '',
        payload: f[4],
        ...tie,
      };
    }
    return { ...base, kind: 'malformed' };
  }
}

/**
 * One frame in a line a person reads: `→ CSMS  StartTransaction {"connectorId":1,…}`.
 *
 * @example
 * ```ts
 * console.log(log.frames.map(describeFrame).join('\n'));
 * ```
 */
export function describeFrame(frame: Frame, maxPayloadChars = 160): string {
  const arrow = frame.sender === 'station' ? 'station → CSMS' : 'CSMS → station';
  const json = (value: unknown) => {
    const text = JSON.stringify(value) ?? '';
    return text.length > maxPayloadChars ? `${text.slice(0, maxPayloadChars - 1)}…` : text;
  };
  switch (frame.kind) {
    case 'call':
      return `${arrow}  ${frame.action} ${json(frame.payload)}`;
    case 'result':
      return `${arrow}  ${frame.action ?? '?'} answer ${json(frame.payload)}`;
    case 'error':
      return `${arrow}  ${frame.action ?? '?'} CALLERROR ${frame.code}${frame.description ? `: ${frame.description}` : ''}`;
    default:
      return `${arrow}  malformed ${json(frame.line.raw ?? frame.line.frame)}`;
  }
}
