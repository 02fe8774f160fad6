// The Workers adapter: a fetch-upgrade OCPPClient, the station Durable Object and the router. The
// whole core API is re-exported (one surface in every runtime package), so one import serves a
// whole project; the adapter's own OCPPClient takes the core's name.
export * from '@ocpp-ws-io/core';
export {
  MAX_ATTACHMENT_BYTES,
  SessionTooLargeError,
  type StationAttachment,
} from './attachment.js';
export { httpStatusOf, type StationCallFailure, type StationCallOutcome } from './call-outcome.js';
export { OCPPClient, type OCPPClientOptions } from './client.js';
export { type FetchConnectorOptions, fetchConnector } from './connector.js';
export type {
  DurableObjectNamespaceLike,
  DurableObjectStateLike,
  FetchLike,
  UpgradeResponseLike,
  WebSocketLike,
} from './like.js';
export { createOCPPRouter, type OCPPRouterOptions, type StationStubLike } from './router.js';
export { listenTo, SocketTransport } from './socket-transport.js';
export { OCPPStationObject, type StationContext, type StationInfo } from './station-object.js';
export { DurableObjectMessageStore, type DurableObjectStorageListLike } from './storage-store.js';
export { ALL_VALIDATORS } from './validators.js';
