// Traces as text: JSON Lines (one TraceLine per line, UTF-8, `\n` between lines), the form a
// trace is saved, downloaded, attached to a bug report and replayed from.

import { isOCPPProtocol } from '@ocpp-ws-io/core';
import { TRACE_VERSION, type TraceLine } from './line.js';

/**
 * A trace text that is not a valid trace; `line` is 1-based.
 *
 * @example
 * ```ts
 * try { parseTrace(text); } catch (e) { if (e instanceof TraceFormatError) console.error(`line ${e.line}: ${e.message}`); }
 * ```
 */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`Trace line ${line}: ${problem}`);
  }
}

/**
 * Serializes trace lines as JSON Lines (a trailing newline included, none for an empty trace).
 *
 * @example
 * ```ts
 * const text = traceToJsonl(lines); // what the playground's "Export trace" downloads
 * ```
 */
export function traceToJsonl(lines: readonly TraceLine[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Why `value` is not a trace line, or undefined when it is one.
 *
 * @example
 * ```ts
 * traceLineProblem({ v: 2 }); // 'version 2 is not supported (this reader knows version 1)'
 * ```
 */
export function traceLineProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const line = value as Record<string, unknown>;
  if (line.v !== TRACE_VERSION)
    return `version ${JSON.stringify(line.v)} is not supported (this reader knows version ${TRACE_VERSION})`;
  if (typeof line.time !== 'string' || !ISO.test(line.time)) return '"time" must be an ISO 8601 date-time';
  if (line.dir !== 'in' && line.dir !== 'out') return '"dir" must be "in" or "out"';
  if (line.side !== 'station' && line.side !== 'csms') return '"side" must be "station" or "csms"';
  if (typeof line.identity !== 'string' || line.identity === '')
    return '"identity" must be a non-empty string';
  if (typeof line.protocol !== 'string' || !isOCPPProtocol(line.protocol))
    return `"protocol" must be ocpp1.6, ocpp2.0.1 or ocpp2.1`;
  const hasFrame = line.frame !== undefined;
  const hasRaw = line.raw !== undefined;
  if (hasFrame === hasRaw) return 'exactly one of "frame" and "raw" must be present';
  if (hasFrame && !Array.isArray(line.frame)) return '"frame" must be a JSON array';
  if (hasRaw && typeof line.raw !== 'string') return '"raw" must be a string';
  const known = new Set(['v', 'time', 'dir', 'side', 'identity', 'protocol', 'frame', 'raw']);
  const extra = Object.keys(line).find((k) => !known.has(k));
  if (extra) return `unknown field "${extra}"`;
  return undefined;
}

/**
 * Parses a JSON Lines trace (blank lines are skipped), checking every line; throws
 * {@link TraceFormatError} naming the first bad line.
 *
 * @example
 * ```ts
 * const lines = parseTrace(await file.text()); // what the playground's "Import trace" reads
 * ```
 */
export function parseTrace(text: string): TraceLine[] {
  const lines: TraceLine[] = [];
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.trim();
    if (row === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      throw new TraceFormatError(i + 1, `not JSON (${(error as Error).message})`);
    }
    const problem = traceLineProblem(value);
    if (problem) throw new TraceFormatError(i + 1, problem);
    lines.push(value as TraceLine);
  }
  return lines;
}
