// The Deno adapter: an OCPPClient and an OCPPServer bound to Deno's WebSocket, Deno.serve and
// Deno.upgradeWebSocket. Everything else of the engine is re-exported so one import suffices.
export {
  AbortError,
  type AcceptedHandshake,
  type ActionName,
  type AuthCallback,
  type AuthDecision,
  type CallActionName,
  type CallOptions,
  type ClientState,
  type CloseInfo,
  ConnectError,
  ConnectionClosedError,
  type ConnectionEvents,
  type Connector,
  type ConnectRequest,
  DurableLane,
  type DurableOptions,
  durableDelivery,
  type Handler,
  type HandlerContext,
  type Handshake,
  isValidPassword,
  LimitError,
  MemoryMessageStore,
  type MessageStore,
  NO_REPLY,
  OCPPError,
  type OCPPProtocol,
  type PasswordRuleOptions,
  PROTOCOLS,
  passwordProblem,
  type RejectedHandshake,
  type RequestOf,
  type ResponseOf,
  RPCError,
  type RPCErrorCode,
  type ServerEvents,
  StateError,
  StationConnection,
  type StoredMessage,
  TimeoutError,
  type Transport,
  type TransportSink,
  timingSafeEqualString,
  UnknownActionError,
  ValidationError,
  type Validators,
} from '@ocpp-ws-io/core';
export { OCPPClient, type OCPPClientOptions } from './client.js';
export {
  basicAuthorization,
  type DenoConnectorOptions,
  type DenoWebSocketConstructor,
  denoConnector,
} from './connector.js';
export type { DenoHandler, DenoHttpServerLike, DenoLike, ServeInfoLike } from './deno.js';
export { OCPPServer, type OCPPServerOptions, type ServeHandle, type ServeOptions } from './server.js';
export type { WebSocketLike, WebSocketLikeEvents } from './socket.js';
export { DenoSocketTransport } from './transport.js';
export { allValidators } from './validators.js';
