/**
 * Smart charging for OCPP 1.6, 2.0.1 and 2.1, as pure functions over protocol-neutral data: a
 * station installs, clears and reports profiles and computes the limit it must keep to; a CSMS
 * computes the same composite schedule to predict what a station will do.
 *
 * Each export is documented (with an example) where it is declared.
 * @module
 */

export {
  type ClearCriteria,
  type ClearResult,
  clearCriteriaFromOcpp2x,
  clearCriteriaFromOcpp16,
  clearProfiles,
  dropTransactionProfiles,
  pruneExpired,
} from './clear.js';
export { compositeSchedule } from './composite.js';
export { fromOcpp2x, toOcpp2xChargingProfile, toOcpp2xCompositeSchedule } from './convert2x.js';
export {
  fromOcpp16,
  type Ocpp16CompositeSchedule,
  toOcpp16ChargingProfile,
  toOcpp16CompositeSchedule,
} from './convert16.js';
export { type InstallResult, installProfile } from './install.js';
export {
  INSTALL_RULES,
  type InstallContext,
  type InstallRejection,
  type InstallRule,
  type RuleInput,
} from './install-rules.js';
export { type LimitQuery, limitAt } from './limit.js';
export type { Ocpp2xProtocol, OcppProtocol } from './ocpp-types.js';
export {
  limitSourceOf,
  type SelectCriteria,
  selectCriteriaFromOcpp2x,
  selectProfiles,
  toOcpp2xReports,
} from './select.js';
export type {
  ChargingProfile,
  ChargingRateUnit,
  ChargingSchedule,
  CompositeQuery,
  CompositeSchedule,
  OcppExtras,
  ProfileKind,
  ProfilePurpose,
  RunningTransaction,
  SchedulePeriod,
} from './types.js';
export { convertLimit, DEFAULT_ELECTRICAL, type Electrical, roundLimit } from './units.js';
