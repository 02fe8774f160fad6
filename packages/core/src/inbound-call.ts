import type { ActionSchemas } from '@ocpp-ws-io/schemas';
import { check } from './check.js';
import type { EndpointConfig } from './endpoint-config.js';
import {
  LimitError,
  type OCPPError,
  RPCError,
  type RPCErrorCode,
  toProtocolErrorCode,
  ValidationError,
} from './errors.js';
import { type InboundFrame, type Payload, serializeError, serializeResult } from './frames.js';
import { type CALL, CALLERROR, type OCPPProtocol, SEND } from './protocol.js';
import { exceedsBytes } from './utf8.js';

// An inbound CALL (or 2.1 SEND), from the frame to the answer: whether it may reach a handler,
// running the handler, and the frame that answers it. The engine keeps the state (which calls
// are running, on which connection) and writes what these return.

/** An inbound CALL or SEND frame. */
export type CallFrame = Extract<InboundFrame, { type: typeof CALL | typeof SEND }>;

/** A handler as the engine stores it: any action, untyped context. */
export type AnyHandler = (context: {
  params: Payload;
  action: string;
  messageId: string;
  protocol: OCPPProtocol;
  signal: AbortSignal;
}) => unknown;

/**
 * A handler's context for one inbound call: one small object per call, and the AbortController
 * (costly to create on Node) only if the handler reads `signal`.
 */
export class InboundCall {
  /** Filled in for server-level handlers: the station the call came from. */
  station: unknown;
  aborted = false;
  #c: AbortController | undefined;
  constructor(
    readonly params: Payload,
    readonly action: string,
    readonly messageId: string,
    readonly protocol: OCPPProtocol,
  ) {}
  get signal(): AbortSignal {
    this.#c ??= new AbortController();
    if (this.aborted) this.#c.abort();
    return this.#c.signal;
  }
  abort(reason: unknown): void {
    this.aborted = true;
    this.#c?.abort(reason);
  }
}

/** Why an inbound CALL/SEND may not reach its handler. */
export interface Refusal {
  /** The CALLERROR code, valid for the protocol. */
  readonly code: RPCErrorCode;
  readonly description: string;
  /**
   * The frame broke a rule (a duplicate id, the wrong frame type, an invalid payload): it counts
   * towards maxBadMessages. Asking for an action nobody handles does not.
   */
  readonly bad: boolean;
}

/**
 * Why `frame` may not reach `handler`, in the order the checks run; undefined when it may.
 * `busy`: a call with the same id is still being handled.
 */
export function refuseCall(
  config: EndpointConfig,
  protocol: OCPPProtocol,
  frame: CallFrame,
  schemas: ActionSchemas | null | undefined,
  handler: AnyHandler | undefined,
  busy: boolean,
): Refusal | undefined {
  const { id, action } = frame;
  const v2 = protocol !== 'ocpp1.6';
  // "an existing message with the same unique identifier is being handled already" (2.x §4.2.3)
  if (busy)
    return refusal(
      v2 ? 'RpcFrameworkError' : 'GenericError',
      `Message id ${id} is already being processed`,
      true,
    );
  // Unknown action → NotImplemented (OCPP-J 1.6 §4.2.3 table 7, 2.x §4.3 table).
  if (schemas === null || (schemas === undefined && !handler))
    return refusal('NotImplemented', `Unknown action ${action}`, false);
  const isSend = frame.type === SEND;
  if (schemas && isSend !== (schemas.send === true)) {
    const code = v2 ? 'ProtocolError' : 'FormationViolation';
    return refusal(code, `${action} cannot be sent as a ${isSend ? 'SEND' : 'CALL'}`, true);
  }
  const violation =
    config.strict && schemas && check(config.validators, protocol, schemas.request, frame.payload);
  if (violation) return refusal(violation.code, violation.description, true);
  // A known action the application does not handle → NotSupported.
  if (!handler) return refusal('NotSupported', `${action} is not supported`, false);
}

function refusal(code: RPCErrorCode, description: string, bad: boolean): Refusal {
  return { code, description, bad };
}

/**
 * Runs `handler` and calls `done` once with its outcome: `(value, undefined)`, or
 * `(undefined, error)` when it threw or its promise rejected (with `undefined`, as an Error).
 */
export function runHandler(
  handler: AnyHandler,
  context: InboundCall,
  done: (value: unknown, error: unknown) => void,
): void {
  let result: unknown;
  try {
    result = handler(context);
  } catch (error) {
    done(undefined, error);
    return;
  }
  if (result instanceof Promise)
    result.then(
      (value) => done(value, undefined),
      (error) => done(undefined, error ?? new Error('rejected')),
    );
  else done(result, undefined);
}

/** A handler's answer that cannot be sent as it is: what went wrong, and the CALLERROR instead. */
export interface RefusedAnswer {
  readonly problem: OCPPError;
  readonly frame: string;
}

/**
 * The frame that answers inbound CALL `id` after its handler returned `value` or threw `error`:
 * - an {@link RPCError}: a CALLERROR with its code (made valid for the protocol) and text;
 * - anything else thrown: InternalError, its message only with `exposeHandlerErrors`;
 * - a response strict mode refuses, or one over maxFrameBytes: never sent; the problem and an
 *   InternalError CALLERROR come back instead (the engine reports the problem).
 */
export function answerFrame(
  config: EndpointConfig,
  protocol: OCPPProtocol,
  id: string,
  action: string,
  schemas: ActionSchemas | null | undefined,
  value: unknown,
  error: unknown,
): string | RefusedAnswer {
  if (error instanceof RPCError) {
    const { code, message, details } = error;
    // An RPCError made with a code only has the code as its message: send no description then.
    return serializeError(
      CALLERROR,
      id,
      toProtocolErrorCode(protocol, code),
      message === code ? '' : message,
      details,
    );
  }
  if (error !== undefined) {
    const text = config.expose && error instanceof Error ? error.message : 'An internal error occurred';
    return serializeError(CALLERROR, id, 'InternalError', text);
  }
  const response = value ?? {};
  const invalid =
    config.strict && schemas?.response && check(config.validators, protocol, schemas.response, response);
  if (invalid) {
    const problem = new ValidationError(
      invalid.code,
      `${action} handler: invalid response at ${invalid.description}`,
      invalid.path,
      'response',
    );
    return {
      problem,
      frame: serializeError(CALLERROR, id, 'InternalError', 'The response failed validation'),
    };
  }
  const frame = serializeResult(id, response);
  if (!exceedsBytes(frame, config.maxBytes)) return frame;
  const problem = new LimitError('Response exceeds maxFrameBytes');
  return { problem, frame: serializeError(CALLERROR, id, 'InternalError', 'The response is too large') };
}
