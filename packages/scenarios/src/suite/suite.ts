import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { Scenario } from '../scenario/types.js';
import type { CatalogueEntry } from './catalogue-entry.js';
import type { ManualCase } from './define.js';

/**
 * A CSMS test suite for one protocol: the catalogue of the test case document, the scenarios of
 * the cases that are automated, and the documented ones that cannot be, with the reason.
 *
 * @example
 * ```ts
 * const manual = OCPP16_SUITE.manual.map((m) => `${m.id}: ${m.reason}`);
 * ```
 */
export interface Suite {
  readonly protocol: OCPPProtocol;
  readonly catalogue: readonly CatalogueEntry[];
  readonly scenarios: readonly Scenario[];
  readonly manual: readonly ManualCase[];
}
