// Runs a CSMS suite case by case on fresh virtual stations and gathers the report.

import { type CaseReport, REPORT_VERSION, type SuiteReport, summarize } from '../report/report.js';
import type { RunOptions } from '../runner/options.js';
import type { ScenarioResult } from '../runner/result.js';
import { runScenario } from '../runner/run-scenario.js';
import type { Scenario } from '../scenario/types.js';
import { selects } from './select.js';
import type { Suite } from './suite.js';

/**
 * Progress of a suite run: a case begins, or ended with its result.
 *
 * @example
 * ```ts
 * await runSuite(OCPP16_SUITE, { ...options, onCase: (p: CaseProgress) => { if (p.phase === 'end') console.log(p.result.id, p.result.status); } });
 * ```
 */
export type CaseProgress =
  | {
      readonly phase: 'start';
      readonly id: string;
      readonly name: string;
      readonly index: number;
      readonly total: number;
    }
  | {
      readonly phase: 'end';
      readonly result: ScenarioResult;
      readonly index: number;
      readonly total: number;
    };

/**
 * Options of {@link runSuite}: the run options plus which cases.
 *
 * @example
 * ```ts
 * const options: SuiteRunOptions = { endpoint, identity: 'CP-1', connector: nodeConnector(), cases: 'TC_0*' };
 * ```
 */
export interface SuiteRunOptions extends RunOptions {
  /** Case id patterns (`TC_0*`, comma-separated or a list); default all. */
  readonly cases?: string | readonly string[];
  readonly onCase?: (progress: CaseProgress) => void;
  /** Stops before the next case. */
  readonly signal?: AbortSignal;
}

/** The variable a scenario captures when it changed the station's password (TC_073's rotation). */
const PASSWORD_CAPTURE = 'stationPassword';

const toReport = (r: ScenarioResult): CaseReport => ({
  id: r.id,
  name: r.name,
  status: r.status,
  ...(r.reason !== undefined ? { reason: r.reason } : {}),
  ...(r.step ? { step: r.step } : {}),
  ...(r.context?.length ? { context: r.context } : {}),
  ...(r.warnings.length ? { warnings: r.warnings } : {}),
  durationMs: r.durationMs,
});

/**
 * Runs `suite` (or the cases `options.cases` selects) against the CSMS, one case after the other,
 * each on a fresh virtual station, and resolves with the report. Documented cases that cannot be
 * automated and undocumented ones are in the report as skipped, with the reason. A case that
 * changes the station's password (and passes) hands the new one to the cases after it.
 *
 * @example
 * ```ts
 * import { nodeConnector } from '@ocpp-ws-io/node';
 * const report = await runSuite(OCPP16_SUITE, { endpoint: 'ws://127.0.0.1:8787/ocpp', identity: 'CP-1', password, connector: nodeConnector(), control });
 * console.log(report.summary);
 * ```
 */
export async function runSuite(suite: Suite, options: SuiteRunOptions): Promise<SuiteReport> {
  const started = Date.now();
  const byId = new Map<string, Scenario>(suite.scenarios.map((s) => [s.id, s]));
  const manual = new Map(suite.manual.map((m) => [m.id, m.reason]));
  const entries = suite.catalogue.filter((e) => selects(e.id, options.cases));
  const runnable = entries.filter((e) => byId.has(e.id));
  let password = options.password;
  const cases: CaseReport[] = [];
  let index = 0;
  for (const entry of entries) {
    const scenario = byId.get(entry.id);
    if (!scenario) {
      const reason = manual.get(entry.id);
      cases.push({
        id: entry.id,
        name: entry.name ?? entry.id,
        status: 'skipped',
        reason: reason
          ? `not automated: ${reason}`
          : 'not documented: only the id of this case is public (its steps are unknown)',
      });
      continue;
    }
    if (options.signal?.aborted) {
      cases.push({ id: entry.id, name: scenario.name, status: 'skipped', reason: 'the run was stopped' });
      continue;
    }
    const position = { index: index++, total: runnable.length };
    options.onCase?.({ phase: 'start', id: scenario.id, name: scenario.name, ...position });
    const result = await runScenario(scenario, {
      ...options,
      ...(password === undefined ? {} : { password }),
    });
    options.onCase?.({ phase: 'end', result, ...position });
    cases.push(toReport(result));
    const rotated = result.captured[PASSWORD_CAPTURE];
    if (result.status === 'passed' && typeof rotated === 'string') password = rotated;
  }
  return {
    version: REPORT_VERSION,
    protocol: suite.protocol,
    endpoint: options.endpoint,
    identity: options.identity,
    ...(options.control ? { control: options.control.name } : {}),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    summary: summarize(cases),
    cases,
  };
}
