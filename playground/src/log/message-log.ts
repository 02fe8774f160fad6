// The live message log: every OCPP-J frame in and out, parsed, with the CALL it answers and the
// time that took. Frame shapes: OCPP-J 1.6 §4 and 2.0.1 §4 ([2,id,action,payload],
// [3,id,payload], [4,id,code,description,details]; 2.1 adds [5,…] and [6,…]).

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
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      this.push({
        direction,
        kind: 'INVALID',
        messageId: '',
        action: '',
        payload: data,
        problem: 'Not JSON',
      });
      return;
    }
    if (!Array.isArray(frame) || !KINDS[frame[0] as number]) {
      this.push({
        direction,
        kind: 'INVALID',
        messageId: '',
        action: '',
        payload: frame,
        problem: 'Not an OCPP-J frame',
      });
      return;
    }
    const kind = KINDS[frame[0] as number]!;
    const messageId = String(frame[1]);
    if (kind === 'CALL' || kind === 'SEND') {
      if (kind === 'CALL') this.open.set(`${direction}:${messageId}`, { action: String(frame[2]), at });
      this.push({ direction, kind, messageId, action: String(frame[2]), payload: frame[3] });
      return;
    }
    // A response travels the other way from its CALL.
    const callKey = `${direction === 'in' ? 'out' : 'in'}:${messageId}`;
    const call = this.open.get(callKey);
    this.open.delete(callKey);
    const isError = kind === 'ERROR' || kind === 'RESULTERROR';
    this.push({
      direction,
      kind,
      messageId,
      action: call?.action ?? '?',
      payload: isError
        ? { errorCode: frame[2], errorDescription: frame[3], errorDetails: frame[4] }
        : frame[2],
      ...(call ? { latencyMs: Math.round(at - call.at) } : {}),
      ...(isError ? { problem: `${frame[2]}: ${frame[3] || 'no description'}` } : {}),
    });
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

  /** The log as a JSON document (what Export downloads). */
  export(): string {
    return JSON.stringify(
      { format: 'ocpp-ws-io-playground-log', version: 1, entries: this.entries },
      null,
      2,
    );
  }

  /** Replaces the entries with an exported file's; throws a readable error on a foreign file. */
  import(text: string, name: string): void {
    const doc = JSON.parse(text) as { format?: string; entries?: LogEntry[] };
    if (doc.format !== 'ocpp-ws-io-playground-log' || !Array.isArray(doc.entries)) {
      throw new Error(`${name} is not a playground log export`);
    }
    this.entries = doc.entries.slice(-MAX_ENTRIES);
    this.importedFrom = name;
    this.dispatchEvent(new Event('reset'));
  }

  /** Actions seen so far, sorted: the filter's choices. */
  actions(): string[] {
    return [...new Set(this.entries.map((e) => e.action).filter((a) => a && a !== '?'))].sort();
  }

  private push(entry: Omit<LogEntry, 'seq' | 'at'>): void {
    if (this.importedFrom) return; // an imported log is read-only; the live one resumes on Clear
    const full: LogEntry = { seq: ++this.seq, at: Date.now(), ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.dispatchEvent(new CustomEvent<LogEntry>('entry', { detail: full }));
  }
}
