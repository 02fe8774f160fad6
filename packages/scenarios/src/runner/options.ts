import type { Connector } from '@ocpp-ws-io/core';
import type { CsmsControl } from '../control/control.js';
import type { TraceSink } from '../trace/record.js';

/**
 * The idTags a run uses: the CSMS under test must know them with these statuses (OCTT's
 * "configured valid / invalid / blocked / expired idTag").
 *
 * @example
 * ```ts
 * const idTags: IdTags = { valid: '04A1B2C3', invalid: 'UNKNOWN-1', blocked: 'BLOCKED-1', expired: 'EXPIRED-1' };
 * ```
 */
export interface IdTags {
  readonly valid: string;
  readonly invalid: string;
  readonly blocked: string;
  readonly expired: string;
}

/**
 * The demo CSMS's rule: names say the status ("INVALID…", "BLOCK…", "EXPIRED…"), anything else is valid.
 *
 * @example
 * ```ts
 * await runSuite(OCPP16_SUITE, { ...options, idTags: { ...DEFAULT_ID_TAGS, valid: '04A1B2C3' } });
 * ```
 */
export const DEFAULT_ID_TAGS: IdTags = {
  valid: 'VALID-TAG-1',
  invalid: 'INVALID-TAG-1',
  blocked: 'BLOCKED-TAG-1',
  expired: 'EXPIRED-TAG-1',
};

/**
 * An optional feature of the CSMS under test that some cases need.
 *
 * @example
 * ```ts
 * await runSuite(OCPP201_SUITE, { ...options, csmsFeatures: ['certificateSigning'] satisfies CsmsFeature[] });
 * ```
 */
export type CsmsFeature = 'certificateSigning';

/**
 * One line of progress: a step begins.
 *
 * @example
 * ```ts
 * await runScenario(scenario, { ...options, onStep: ({ caseId, index, description }: StepProgress) => console.log(caseId, index + 1, description) });
 * ```
 */
export interface StepProgress {
  readonly caseId: string;
  readonly index: number;
  readonly description: string;
}

/**
 * How to run scenarios against a CSMS: where it is, how the station connects (the adapter's
 * connector, so the same runner works in the browser, Deno and Node), and the CSMS control.
 *
 * @example
 * ```ts
 * import { nodeConnector } from '@ocpp-ws-io/node';
 * const options: RunOptions = { endpoint: 'ws://127.0.0.1:9000/ocpp', identity: 'CP-1', connector: nodeConnector() };
 * ```
 */
export interface RunOptions {
  /** The CSMS's WebSocket URL without the identity, e.g. `ws://127.0.0.1:8787/ocpp`. */
  readonly endpoint: string;
  /** The station identity every scenario connects as. */
  readonly identity: string;
  /** Basic-auth password (security profile 1/2). */
  readonly password?: string;
  /** Opens WebSockets: `nodeConnector()`, `browserConnector()`, `denoConnector()`… */
  readonly connector: Connector;
  /** Makes the CSMS send calls; without it, scenarios that need one are skipped. */
  readonly control?: CsmsControl;
  /**
   * Optional features the CSMS under test has (OCTT asks which profiles a CSMS supports):
   * `certificateSigning` — it signs station certificates (security profile 3). Cases that need a
   * feature not listed are skipped.
   */
  readonly csmsFeatures?: readonly CsmsFeature[];
  /** How long the CSMS may take to answer or to send what a step waits for (real ms, default 30 000). */
  readonly answerTimeoutMs?: number;
  readonly idTags?: Partial<IdTags>;
  /** More variables for the scenarios' `${…}`. */
  readonly vars?: Readonly<Record<string, unknown>>;
  /** BootNotification's vendor and model (default "ocpp-ws-io" / "VirtualStation"). */
  readonly vendor?: string;
  readonly model?: string;
  /** Called as each step begins. */
  readonly onStep?: (progress: StepProgress) => void;
  /** Also writes every frame here (as it happens). */
  readonly trace?: TraceSink;
}
