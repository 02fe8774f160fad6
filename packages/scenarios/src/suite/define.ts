// Defining a suite case: the id names the case in the catalogue (its name comes from there, so
// ids and names are those of the test case document), the builder gives the steps.

import type { OCPPProtocol } from '@ocpp-ws-io/core';
import { type Macro, type ScenarioHead, scenario } from '../scenario/builder.js';
import type { Scenario } from '../scenario/types.js';
import type { CatalogueEntry } from './catalogue-entry.js';

/** What a case adds to its catalogue entry. */
export type CaseOptions = Omit<ScenarioHead<OCPPProtocol>, 'id' | 'name' | 'protocol'>;

/**
 * A case that is documented but cannot be automated, and why.
 *
 * @example
 * ```ts
 * const manual: ManualCase = { id: 'TC_086_CSMS', reason: 'checks the TLS handshake' };
 * ```
 */
export interface ManualCase {
  readonly id: string;
  readonly reason: string;
}

/**
 * Makes the scenario of catalogue case `id` for `protocol`.
 *
 * @example
 * ```ts
 * const tc001 = defineCase(CATALOGUE_16, 'ocpp1.6', 'TC_001_CSMS', {}, (b) => b.start());
 * ```
 */
export function defineCase<TProtocol extends OCPPProtocol>(
  catalogue: readonly CatalogueEntry[],
  protocol: TProtocol,
  id: string,
  options: CaseOptions,
  steps: Macro<TProtocol>,
): Scenario {
  const entry = catalogue.find((e) => e.id === id);
  if (!entry?.name) throw new Error(`${id} is not a named case of the ${protocol} catalogue`);
  return scenario({ id, name: entry.name, protocol, ...options })
    .use(steps)
    .build();
}
