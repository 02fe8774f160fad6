// Fleets: many virtual stations in one page or process, and the relay connector that lets a
// Chromium tab hold more of them than its 255 WebSockets.
export type { FleetEvents, FleetMemberRef, FleetStartResult } from './events.js';
export { Fleet } from './fleet.js';
export { fleetIdentity } from './identity.js';
export {
  DEFAULT_MAX_CONCURRENT_STARTS,
  DEFAULT_STAGGER_MS,
  type FleetClientFactory,
  type FleetOptions,
  type FleetStationOptions,
} from './options.js';
export { type RelayConnector, type RelayConnectorOptions, relayConnector } from './relay/connector.js';
export { pageFrame, parseRelayFrame, RELAY_PROTOCOL, type RelayFrame } from './relay/frames.js';
export { RelayTransport } from './relay/transport.js';
export {
  type PlugInOutcome,
  type PlugInRandomlyOptions,
  plugInRandomly,
  type Scenario,
} from './scenarios.js';
export { StaggeredRun, type StaggerOptions } from './stagger.js';
export { type FleetMemberPhase, type FleetSummary, type SummaryInput, summarize } from './summary.js';
