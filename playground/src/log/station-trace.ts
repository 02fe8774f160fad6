// A station's trace: every frame of its connections since the page loaded, as the documented
// trace lines of @ocpp-ws-io/scenarios (recordTrace on the station's client), so that "Export
// trace" downloads a file the CLI replays and another page imports.
import { type TraceLine, traceToJsonl } from '@ocpp-ws-io/scenarios';

/** Lines kept: hours of a busy station, bounded so a tab left open stays small. */
export const MAX_TRACE_LINES = 20_000;

/**
 * The trace lines of one station, oldest first. Each Connect makes a new client; the lines of
 * all of them go here, so one file holds the station's story across reconnects.
 */
export class StationTrace {
  readonly lines: TraceLine[] = [];
  /** Lines dropped from the start because the trace reached {@link MAX_TRACE_LINES}. */
  dropped = 0;

  constructor(readonly identity: string) {}

  /** The sink recordTrace writes to. */
  readonly write = (line: TraceLine): void => {
    this.lines.push(line);
    if (this.lines.length > MAX_TRACE_LINES) {
      const over = this.lines.length - MAX_TRACE_LINES;
      this.lines.splice(0, over);
      this.dropped += over;
    }
  };

  clear(): void {
    this.lines.length = 0;
    this.dropped = 0;
  }

  /** The trace as JSON Lines (the documented format; empty when nothing was recorded). */
  toJsonl(): string {
    return traceToJsonl(this.lines);
  }

  /** A file name for the download: the identity and the time, safe in every file system. */
  fileName(now = new Date()): string {
    const safe = this.identity.replace(/[^A-Za-z0-9._-]/g, '_');
    return `${safe}-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`;
  }
}
