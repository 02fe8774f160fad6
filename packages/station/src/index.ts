// @ocpp-ws-io/station — a virtual charging station on any OCPPClient. Runtime-agnostic: it
// depends on the core and the schemas, never on an adapter.

export { ManualClock } from './clock/manual-clock.js';
export { ScaledClock, type ScaledClockOptions } from './clock/scaled-clock.js';
export { Timers } from './clock/timers.js';
export { STATION_COVERAGE } from './coverage.js';
export { type CertificateHash, certificateHash } from './crypto/certificate-hash.js';
export { type CsrSubject, createSigningRequest, type SigningRequest } from './crypto/csr.js';
export { stationDurable } from './durable.js';
export type { StationEvents } from './events.js';
export * from './fleet/index.js';
export { createState, makeCar, type StationModel } from './model/create.js';
export { carDemandW, drawnPowerW } from './model/physics.js';
export type {
  AuthEntry,
  AuthorizationState,
  BootReason,
  BootStatus,
  CarState,
  CertificateEntry,
  ConnectorState,
  FaultState,
  HeldMessage,
  OperationState,
  RecordedSample,
  ReservationState,
  StationState,
  StationWideState,
  StopReason,
  TransactionState,
} from './model/state.js';
export { NetworkSwitch } from './network.js';
export type { DataTransferAnswer, IncomingDataTransfer, StationBehaviour } from './options.js';
export { MemoryPersistence, type StationPersistence } from './persistence.js';
export type {
  ConfigChangeStatus,
  ConfigKeyInfo,
  CoverageEntry,
  ProfileFactory,
  ProtocolProfile,
  StationContext,
  TokenOutcome,
} from './profile.js';
export { DEFAULT_PROFILES, NoProfileError } from './profiles.js';
// The schedule a station keeps to, for a UI that charts it or a CSMS that predicts it.
export {
  type ChargingProfile,
  type ChargingSchedule,
  type CompositeQuery,
  type CompositeSchedule,
  compositeSchedule,
  type LimitQuery,
  limitAt,
  type SchedulePeriod,
} from './smart-charging/index.js';
export type { ConnectorSnapshot, StationSnapshot } from './snapshot.js';
export { type StopOptions, VirtualStation, type VirtualStationOptions } from './station.js';
export { createOcpp21Profile, createOcpp201Profile } from './v2/profile.js';
export { type Ocpp2State, readOcpp2State } from './v2/state.js';
export { createOcpp16Profile } from './v16/profile.js';
