// The two CSMS suites of @ocpp-ws-io/scenarios as the page lists them: per block of the test case
// document, each documented case runnable, or not (not automatable, or not from a page; why).
import { OCPP16_SUITE, OCPP201_SUITE, type Suite, selects } from '@ocpp-ws-io/scenarios';

/** The protocols a suite exists for. */
export type SuiteProtocol = 'ocpp1.6' | 'ocpp2.0.1';

/** The suite of each protocol. */
export const SUITES: Readonly<Record<SuiteProtocol, Suite>> = {
  'ocpp1.6': OCPP16_SUITE,
  'ocpp2.0.1': OCPP201_SUITE,
};

/**
 * Automated cases a page cannot run truthfully, and why; the CLI runs them. Found by running both
 * suites in Chromium against the demo Worker: TC_A_02's probe passed credentials the browser had
 * cached instead of the other username, and the CSMS rightly accepted them.
 */
export const NOT_IN_A_BROWSER: Readonly<Record<string, string>> = {
  TC_A_02_CSMS:
    'sends Basic auth with a username other than the station id, which a page cannot do (browsers send ' +
    'URL credentials under the identity, or ones they cached for the CSMS): run it with the CLI',
};

/** One case of the checklist. */
export interface ListedCase {
  readonly id: string;
  readonly name: string;
  /** Why it cannot run here: not automatable at all, or not from a browser. */
  readonly blocked?: { readonly label: 'not automatable' | 'not in a browser'; readonly reason: string };
}

/** The cases of one block, in the document's order. */
export interface CaseGroup {
  readonly block: string;
  readonly cases: readonly ListedCase[];
}

/** The documented cases of `suite` by block, and how many are only known by id. */
export function caseGroups(suite: Suite): { groups: CaseGroup[]; undocumented: number } {
  const automated = new Set(suite.scenarios.map((s) => s.id));
  const manual = new Map(suite.manual.map((m) => [m.id, m.reason]));
  const groups = new Map<string, ListedCase[]>();
  let undocumented = 0;
  for (const entry of suite.catalogue) {
    if (!automated.has(entry.id) && !manual.has(entry.id)) {
      undocumented++;
      continue;
    }
    const why = manual.get(entry.id);
    const browser = NOT_IN_A_BROWSER[entry.id];
    const listed: ListedCase = {
      id: entry.id,
      name: entry.name ?? entry.id,
      ...(why ? { blocked: { label: 'not automatable', reason: why } } : {}),
      ...(browser ? { blocked: { label: 'not in a browser', reason: browser } } : {}),
    };
    groups.set(entry.block, [...(groups.get(entry.block) ?? []), listed]);
  }
  return { groups: [...groups].map(([block, cases]) => ({ block, cases })), undocumented };
}

/**
 * The filter box's test: `selects` patterns (`TC_0*`, `TC_04?_CSMS`, several with commas), where a
 * pattern without a wildcard matches the ids that start with it ("TC_012" finds TC_012_CSMS).
 */
export function matchesFilter(id: string, filter: string): boolean {
  const patterns = filter
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[*?]/.test(p) ? p : `${p}*`));
  return selects(id, patterns);
}
