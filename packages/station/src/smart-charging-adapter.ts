// The station's one binding to its smart-charging module (./smart-charging/): the profiles use
// these functions, and the physics reads the limit in force through connectorLimitW.

import type { StationState } from './model/state.js';
import { limitAt } from './smart-charging/index.js';

export {
  clearCriteriaFromOcpp16,
  clearProfiles,
  compositeSchedule,
  dropTransactionProfiles,
  fromOcpp16,
  installProfile,
  pruneExpired,
  toOcpp16CompositeSchedule,
} from './smart-charging/index.js';

/** The power limit on a connector now, W (undefined where it is only the hardware's). */
export function connectorLimitW(state: StationState, connectorId: number, nowMs: number): number | undefined {
  const c = state.connectors[connectorId - 1];
  if (!c || state.chargingProfiles.length === 0) return undefined;
  const tx = c.transaction;
  const limit = limitAt(
    state.chargingProfiles,
    {
      evseId: connectorId,
      atMs: nowMs,
      hardwareLimit: { limit: c.maxPowerW, unit: 'W' },
      ...(tx?.id !== undefined ? { transaction: { id: tx.id, startedAtMs: tx.startedAtMs } } : {}),
    },
    'W',
  );
  return limit >= c.maxPowerW ? undefined : limit;
}
