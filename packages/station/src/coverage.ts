import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { CoverageEntry } from './profile.js';
import { COVERAGE_21, COVERAGE_201 } from './v2/coverage.js';
import { COVERAGE_16 } from './v16/coverage.js';

/**
 * What the station answers per protocol and CSMS-initiated action.
 *
 * @example
 * ```ts
 * for (const { action, behaviour } of STATION_COVERAGE['ocpp1.6'] ?? []) console.log(action, behaviour);
 * ```
 */
export const STATION_COVERAGE: Partial<Record<OCPPProtocol, readonly CoverageEntry[]>> = {
  'ocpp1.6': COVERAGE_16,
  'ocpp2.0.1': COVERAGE_201,
  'ocpp2.1': COVERAGE_21,
};
