export { backoffDelayMs, type ReconnectOptions } from './backoff.js';
export { basicAuthorization, parseBasicAuth } from './basic-auth.js';
export { BufferedTransport } from './buffered-transport.js';
export { type ClientState, OCPPClient, type OCPPClientOptions } from './client.js';
export {
  BINARY_FRAME_CLOSE,
  type CloseCodes,
  FRAME_TOO_LARGE_CLOSE,
  MAX_CLOSE_REASON_BYTES,
  sendableClose,
  truncateCloseReason,
} from './close-frame.js';
export {
  type DurableOptions,
  isTransactionMessage,
  MemoryMessageStore,
  type MessageStore,
  type StoredMessage,
} from './durable.js';
export { DurableLane, durableDelivery } from './durable-lane.js';
export { Endpoint } from './endpoint.js';
export type { EndpointOptions } from './endpoint-config.js';
export {
  AbortError,
  ConnectError,
  ConnectionClosedError,
  ERROR_CODES_2X,
  ERROR_CODES_16,
  type ErrorCode2x,
  type ErrorCode16,
  isErrorCodeOf,
  LimitError,
  OCPPError,
  RPCError,
  type RPCErrorCode,
  StateError,
  TimeoutError,
  toProtocolErrorCode,
  UnknownActionError,
  ValidationError,
} from './errors.js';
export type { ConnectionEvents } from './events.js';
export { type FaultKind, type FrameFault, type InboundFrame, isFault, parseFrame } from './frames.js';
export {
  type ClientCertificate,
  chooseProtocol,
  type Handshake,
  type HandshakeMeta,
  type HandshakeRequest,
  identityProblem,
  parseProtocolHeader,
  splitIdentity,
} from './handshake.js';
export { connectInMemory, createMemoryTransportPair, type MemoryTransport } from './memory.js';
export { NO_REPLY, type NoReply } from './no-reply.js';
export { PendingWrites } from './pending-writes.js';
export { withPresetValidators } from './preset-validators.js';
export {
  CALL,
  CALLERROR,
  CALLRESULT,
  CALLRESULTERROR,
  isOCPPProtocol,
  type OCPPProtocol,
  PROTOCOLS,
  SEND,
} from './protocol.js';
export { isRetryableStatus, refusedUpgrade } from './refused-upgrade.js';
export {
  isValidPassword,
  type PasswordRuleOptions,
  passwordProblem,
  timingSafeEqualString,
} from './security.js';
export {
  type AcceptedHandshake,
  type AuthCallback,
  type AuthDecision,
  NO_COMMON_PROTOCOL_CLOSE,
  OCPPServer,
  type OCPPServerOptions,
  type RejectedHandshake,
  type ServerEvents,
  StationConnection,
} from './server.js';
export type { CloseInfo, Connector, ConnectRequest, Transport, TransportSink } from './transport.js';
export type {
  ActionName,
  CallActionName,
  CallOptions,
  Clock,
  Handler,
  HandlerContext,
  HandlerResult,
  RequestOf,
  ResponseOf,
  SendActionName,
  Validators,
  WildcardHandler,
} from './types.js';
export { violationCode } from './violations.js';
