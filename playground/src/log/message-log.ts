// The live message log: every OCPP-J frame in and out, parsed, with the CALL it answers and the
// time that took; or, read-only, an imported trace. Frame shapes: OCPP-J 1.6 §4 and 2.0.1 §4
// ([2,id,action,payload], [3,id,payload], [4,id,code,description,details]; 2.1 adds [5,…], [6,…]).
import { senderOf, type TraceLine } from '@ocpp-ws-io/scenarios';

export type FrameKind = 'CALL' | 'RESULT' | 'ERROR' | 'RESULTERROR' | 'SEND' | 'INVALID';

export interface LogEntry {
  readonly seq: number;
  readonly at: number;
  readonly direction: 'in' | 'out';
  readonly kind: FrameKind;
  readonly messageId: string;
  readonly action: string;
  readonly payload: unknown;
  /** CALL → response time, on the response's entry. */
  readonly latencyMs?: number;
  /** Why the frame is highlighted: a CALLERROR's code and text, or a validation failure. */
  readonly problem?: string;
}

const KINDS: Record<number, FrameKind> = { 2: 'CALL', 3: 'RESULT', 4: 'ERROR', 5: 'RESULTERROR', 6: 'SEND' };
/** Entries kept: enough for a long session, bounded so a tab left open stays fast. */
const MAX_ENTRIES = 2000;

/**
 * The log's model. `record` takes raw frames (the client's `message` event), `flag` a problem the
 * engine reported (`badMessage`, `handlerError`). Emits `entry` (detail: the new entry) and `reset`.
 */
export class MessageLog extends EventTarget {
  entries: LogEntry[] = [];
  /** Set while showing an imported file instead of the live session. */
  importedFrom: string | undefined;
  private seq = 0;
  /** Outstanding CALLs by direction and id: `out:<id>` for ours, `in:<id>` for the CSMS's. */
  private readonly open = new Map<string, { action: string; at: number }>();

  record(direction: 'in' | 'out', data: string, at = performance.now()): void {
    if (this.importedFrom) return; // an imported trace is read-only; the live log resumes on Clear
    this.push(entryOf(direction, data, at, this.open));
  }

  /** A frame the engine refused (schema or framing) or a handler that failed: shown highlighted. */
  flag(direction: 'in' | 'out', action: string, problem: string, payload: unknown): void {
    this.push({ direction, kind: 'INVALID', messageId: '', action, payload, problem });
  }

  clear(): void {
    this.entries = [];
    this.open.clear();
    this.importedFrom = undefined;
    this.dispatchEvent(new Event('reset'));
  }

  /**
   * Shows an imported trace instead of the live session (read-only until {@link clear}): each
   * line's frame as the station saw it, at the time the trace says, with the latencies the
   * recorded times give.
   */
  showTrace(lines: readonly TraceLine[], name: string): void {
    const open = new Map<string, { action: string; at: number }>();
    this.entries = lines.slice(-MAX_ENTRIES).map((line, i) => {
      const at = Date.parse(line.time);
      // The station's point of view whoever recorded it: its own frames go out.
      const direction = senderOf(line) === 'station' ? 'out' : 'in';
      const data = line.frame ? JSON.stringify(line.frame) : (line.raw ?? '');
      return { seq: i + 1, at, ...entryOf(direction, data, at, open) };
    });
    this.importedFrom = name;
    this.dispatchEvent(new Event('reset'));
  }

  /** Actions seen so far, sorted: the filter's choices. */
  actions(): string[] {
    return [...new Set(this.entries.map((e) => e.action).filter((a) => a && a !== '?'))].sort();
  }

  private push(entry: Omit<LogEntry, 'seq' | 'at'>): void {
    if (this.importedFrom) return;
    const full: LogEntry = { seq: ++this.seq, at: Date.now(), ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.dispatchEvent(new CustomEvent<LogEntry>('entry', { detail: full }));
  }
}

/**
 * One frame as a log entry (without its sequence number and wall time). `at` is the clock the
 * latency is measured on; `open` holds the CALLs still waiting for their answer, by direction and id.
 */
function entryOf(
  direction: 'in' | 'out',
  data: string,
  at: number,
  open: Map<string, { action: string; at: number }>,
): Omit<LogEntry, 'seq' | 'at'> {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { direction, kind: 'INVALID', messageId: '', action: '', payload: data, problem: 'Not JSON' };
  }
  if (!Array.isArray(frame) || !KINDS[frame[0] as number]) {
    return {
      direction,
      kind: 'INVALID',
      messageId: '',
      action: '',
      payload: frame,
      problem: 'Not an OCPP-J frame',
    };
  }
  const kind = KINDS[frame[0] as number]!;
  const messageId = String(frame[1]);
  if (kind === 'CALL' || kind === 'SEND') {
    if (kind === 'CALL') open.set(`${direction}:${messageId}`, { action: String(frame[2]), at });
    return { direction, kind, messageId, action: String(frame[2]), payload: frame[3] };
  }
  // A response travels the other way from its CALL.
  const callKey = `${direction === 'in' ? 'out' : 'in'}:${messageId}`;
  const call = open.get(callKey);
  open.delete(callKey);
  const isError = kind === 'ERROR' || kind === 'RESULTERROR';
  return {
    direction,
    kind,
    messageId,
    action: call?.action ?? '?',
    payload: isError ? { errorCode: frame[2], errorDescription: frame[3], errorDetails: frame[4] } : frame[2],
    ...(call ? { latencyMs: Math.round(at - call.at) } : {}),
    ...(isError ? { problem: `${frame[2]}: ${frame[3] || 'no description'}` } : {}),
  };
}
