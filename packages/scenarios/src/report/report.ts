import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { CaseStatus } from '../runner/result.js';

/**
 * The report format's version.
 *
 * @example
 * ```ts
 * if (report.version !== REPORT_VERSION) throw new Error('a report of another version');
 * ```
 */
export const REPORT_VERSION = 1;

/**
 * One case in a suite report.
 *
 * @example
 * ```ts
 * const failed = report.cases.filter((c: CaseReport) => c.status === 'failed');
 * ```
 */
export interface CaseReport {
  readonly id: string;
  readonly name: string;
  readonly status: CaseStatus;
  readonly reason?: string;
  /** The step that failed: its position (0-based) and what it stood for. */
  readonly step?: { readonly index: number; readonly description: string };
  /** The frames around the failure. */
  readonly context?: readonly string[];
  readonly warnings?: readonly string[];
  readonly durationMs?: number;
}

/**
 * What a suite run found: one entry per case of the catalogue that was selected (automated ones
 * passed, failed or skipped as not applicable; the others skipped with the reason they are not
 * run), in the catalogue's order.
 *
 * @example
 * ```ts
 * const { passed, failed, skipped } = report.summary;
 * ```
 */
export interface SuiteReport {
  readonly version: typeof REPORT_VERSION;
  readonly protocol: OCPPProtocol;
  readonly endpoint: string;
  readonly identity: string;
  /** The CSMS control the run had, if any. */
  readonly control?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: {
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
    readonly total: number;
  };
  readonly cases: readonly CaseReport[];
}

/**
 * Counts the statuses of `cases`.
 *
 * @example
 * ```ts
 * summarize([{ id: 'a', name: 'A', status: 'passed' }]); // { passed: 1, failed: 0, skipped: 0, total: 1 }
 * ```
 */
export function summarize(cases: readonly Pick<CaseReport, 'status'>[]): SuiteReport['summary'] {
  const count = (s: CaseStatus) => cases.filter((c) => c.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), total: cases.length };
}
