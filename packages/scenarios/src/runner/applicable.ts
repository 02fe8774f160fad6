// When a scenario does not apply to a run: the station has no profile for its version, or it needs
// something the run does not have (a CSMS control, the password, a CSMS feature).

import { DEFAULT_PROFILES } from '@ocpp-ws-io/station';
import type { Scenario, Step } from '../scenario/types.js';
import type { RunOptions } from './options.js';

/**
 * Why `scenario` cannot run with `options` (not applicable), or undefined when it can.
 *
 * @example
 * ```ts
 * const why = notApplicable(scenario, options);
 * if (why) console.log(`skipped: ${why}`);
 * ```
 */
export function notApplicable(
  scenario: Scenario,
  options: Pick<RunOptions, 'control' | 'password' | 'csmsFeatures'>,
): string | undefined {
  if (!DEFAULT_PROFILES[scenario.protocol])
    return `needs the ${scenario.protocol.slice(4)} station profile, which this version of @ocpp-ws-io/station does not have yet`;
  const needs = scenario.needs ?? [];
  if (needs.includes('csmsControl') && !options.control) {
    const trigger = scenario.steps.find(
      (s): s is Extract<Step, { do: 'trigger' }> => 'do' in s && s.do === 'trigger',
    );
    return `needs the CSMS to send ${trigger?.action ?? 'a call'} (OCTT asks an operator): give a CSMS control to run it`;
  }
  if (needs.includes('password') && options.password === undefined)
    return 'needs the station password (Basic authentication): give one to run it';
  if (needs.includes('certificateSigning') && !options.csmsFeatures?.includes('certificateSigning'))
    return 'needs a CSMS that signs station certificates (security profile 3): declare the certificateSigning feature to run it';
  return undefined;
}
