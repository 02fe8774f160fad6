import type { OCPPProtocol } from './protocol.js';

/** RPC error codes OCPP-J 1.6 defines (§4.2.3, spellings kept per errata 5.1/5.2: "do not fix"). */
export const ERROR_CODES_16 = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;

/** RPC error codes OCPP-J 2.0.1 §4.3 and 2.1 §4.3 define (the same twelve). */
export const ERROR_CODES_2X = [
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
] as const;

export type ErrorCode16 = (typeof ERROR_CODES_16)[number];
export type ErrorCode2x = (typeof ERROR_CODES_2X)[number];
/** Any RPC error code of any supported version. */
export type RPCErrorCode = ErrorCode16 | ErrorCode2x;

/** True when `code` exists in the error-code table of `protocol`. */
export function isErrorCodeOf(protocol: OCPPProtocol, code: string): boolean {
  return (protocol === 'ocpp1.6' ? ERROR_CODES_16 : ERROR_CODES_2X).includes(code as never);
}

// The same meaning under the two spellings; anything else without an equivalent degrades to
// GenericError, so a frame never carries a code the negotiated version lacks.
const TO_16: Readonly<Record<string, ErrorCode16>> = {
  FormatViolation: 'FormationViolation',
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  RpcFrameworkError: 'FormationViolation',
  MessageTypeNotSupported: 'NotSupported',
};
const TO_2X: Readonly<Record<string, ErrorCode2x>> = {
  FormationViolation: 'FormatViolation',
  OccurenceConstraintViolation: 'OccurrenceConstraintViolation',
};

/** Translates an error code into the closest code `protocol` defines. */
export function toProtocolErrorCode(protocol: OCPPProtocol, code: string): RPCErrorCode {
  if (isErrorCodeOf(protocol, code)) return code as RPCErrorCode;
  const mapped = (protocol === 'ocpp1.6' ? TO_16 : TO_2X)[code];
  return mapped ?? 'GenericError';
}

/** Base class of every error this library throws or rejects with; `code` is stable. */
export class OCPPError extends Error {
  /** A stable, machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Spelled out in every class rather than new.target.name: minifiers rename classes, and
    // `error.name` is what users log and match on.
    this.name = 'OCPPError';
    this.code = code;
  }
}

/**
 * An OCPP RPC error: received in a CALLERROR / CALLRESULTERROR, or thrown by a handler to
 * answer a CALL with a specific CALLERROR.
 *
 * @example
 * ```ts
 * client.handle('Reset', () => {
 *   throw new RPCError('NotSupported', 'Hard reset is not available on this rig');
 * });
 * ```
 */
export class RPCError extends OCPPError {
  declare readonly code: RPCErrorCode;
  /** The `errorDetails` object of the frame. */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: RPCErrorCode, description = '', details: Record<string, unknown> = {}) {
    super(code, description || code);
    this.name = 'RPCError';
    this.details = details;
  }
}

/** A call did not get its response within its timeout. */
export class TimeoutError extends OCPPError {
  constructor(message: string) {
    super('Timeout', message);
    this.name = 'TimeoutError';
  }
}

/** A call was cancelled through its AbortSignal or because the client/server closed. */
export class AbortError extends OCPPError {
  constructor(message: string, cause?: unknown) {
    super('Aborted', message, { cause });
    this.name = 'AbortError';
  }
}

/** The connection closed while a call was waiting for its response. */
export class ConnectionClosedError extends OCPPError {
  constructor(message: string) {
    super('ConnectionClosed', message);
    this.name = 'ConnectionClosedError';
  }
}

/**
 * A payload broke its schema (strict mode). `rpcCode` is what the peer is told; `direction` says
 * whose payload it was: our own request (never sent) or the peer's response (rejected).
 */
export class ValidationError extends OCPPError {
  readonly rpcCode: RPCErrorCode;
  readonly path: string;
  readonly direction: 'request' | 'response';
  constructor(
    rpcCode: RPCErrorCode,
    message: string,
    path: string,
    direction: 'request' | 'response' = 'request',
  ) {
    super('ValidationFailed', message);
    this.name = 'ValidationError';
    this.rpcCode = rpcCode;
    this.path = path;
    this.direction = direction;
  }
}

/** The action is not in the negotiated version's vocabulary (or the supplied validator set). */
export class UnknownActionError extends OCPPError {
  constructor(message: string) {
    super('UnknownAction', message);
    this.name = 'UnknownActionError';
  }
}

/** A configured limit was hit (queue full, frame too large, …). */
export class LimitError extends OCPPError {
  constructor(message: string) {
    super('LimitExceeded', message);
    this.name = 'LimitError';
  }
}

/** Opening a connection failed. `retryable` is false when retrying cannot help (401, no protocol). */
export class ConnectError extends OCPPError {
  readonly status: number | undefined;
  readonly retryable: boolean;
  constructor(message: string, options: { status?: number; retryable: boolean; cause?: unknown }) {
    super('ConnectFailed', message, { cause: options.cause });
    this.name = 'ConnectError';
    this.status = options.status;
    this.retryable = options.retryable;
  }
}

/** The API was used in a state that does not allow it (e.g. `call` after `close`). */
export class StateError extends OCPPError {
  constructor(message: string) {
    super('InvalidState', message);
    this.name = 'StateError';
  }
}
