import type { OCPPProtocol } from '@ocpp-ws-io/core';
import type { CoverageEntry } from './profile.js';
import { COVERAGE_16 } from './v16/coverage.js';

/**
 * What the station answers per protocol and CSMS-initiated action. `v2/` adds 2.0.1 and 2.1.
 *
 * @example
 * ```ts
 * for (const { action, behaviour } of STATION_COVERAGE['ocpp1.6'] ?? []) console.log(action, behaviour);
 * ```
 */
export const STATION_COVERAGE: Partial<Record<OCPPProtocol, readonly CoverageEntry[]>> = {
  'ocpp1.6': COVERAGE_16,
};
