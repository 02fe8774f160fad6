import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { TraceLine } from '../trace/line.js';

/**
 * passed, failed, or skipped (not applicable, with the reason).
 *
 * @example
 * ```ts
 * const failed = (s: CaseStatus) => s === 'failed';
 * ```
 */
export type CaseStatus = 'passed' | 'failed' | 'skipped';

/**
 * The outcome of one scenario.
 *
 * @example
 * ```ts
 * if (result.status === 'failed') console.log(`${result.id} step ${result.step?.index}: ${result.reason}`);
 * ```
 */
export interface ScenarioResult {
  readonly id: string;
  readonly name: string;
  readonly protocol: OCPPProtocol;
  readonly status: CaseStatus;
  /** Why it failed or was skipped. */
  readonly reason?: string;
  /** The step that failed: its position (0-based) and what it stood for. */
  readonly step?: { readonly index: number; readonly description: string };
  /** The frames around the failure, one line each. */
  readonly context?: readonly string[];
  /** What passed but should be looked at (a `should` that did not hold, an unexpected CALLERROR). */
  readonly warnings: readonly string[];
  readonly durationMs: number;
  /** Every frame of the run. */
  readonly trace: readonly TraceLine[];
  /** Variables the scenario captured (e.g. `transactionId`). */
  readonly captured: Readonly<Record<string, unknown>>;
}
