// What a Worker needs from the core, so one import serves a whole project.
export {
  type AuthDecision,
  ConnectError,
  DurableLane,
  type DurableOptions,
  durableDelivery,
  type Handshake,
  isValidPassword,
  MemoryMessageStore,
  type MessageStore,
  NO_REPLY,
  type OCPPProtocol,
  type OCPPServerOptions,
  type PasswordRuleOptions,
  passwordProblem,
  RPCError,
  type StationConnection,
  type StoredMessage,
  timingSafeEqualString,
} from '@ocpp-ws-io/core';
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
