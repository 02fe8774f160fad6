// The relay: many stations of one page over one WebSocket, each with its own real connection to
// its CSMS from here (docs/guides/fleets.md). The frame codec and the link are internal.
export type { AllowedOrigins, AllowedTargets } from './allow.js';
export { RELAY_PROTOCOL } from './frames.js';
export { DEFAULT_MAX_STATIONS_PER_LINK, type RelayOptions } from './options.js';
export { type RunningRelay, startRelay } from './relay.js';
