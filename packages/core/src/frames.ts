import {
  CALL,
  CALLERROR,
  CALLRESULT,
  CALLRESULTERROR,
  MAX_MESSAGE_ID_LENGTH,
  type OCPPProtocol,
  SEND,
} from './protocol.js';

/** A well-formed inbound frame. Payloads are plain JSON objects. */
export type InboundFrame =
  | { readonly type: typeof CALL; readonly id: string; readonly action: string; readonly payload: Payload }
  | { readonly type: typeof SEND; readonly id: string; readonly action: string; readonly payload: Payload }
  | { readonly type: typeof CALLRESULT; readonly id: string; readonly payload: Payload }
  | {
      readonly type: typeof CALLERROR | typeof CALLRESULTERROR;
      readonly id: string;
      readonly code: string;
      readonly description: string;
      readonly details: Payload;
    };

export type Payload = Record<string, unknown>;

/**
 * Why a frame could not be accepted, and what (if anything) the spec says to answer.
 * `reply` is the id to answer with, or undefined for silence.
 */
export interface FrameFault {
  readonly fault: FaultKind;
  readonly message: string;
  /** Id to use in the CALLERROR, or undefined when the spec says to ignore the frame. */
  readonly replyId: string | undefined;
  /** Error code for the CALLERROR (already valid for the negotiated version). */
  readonly code: string;
  /** For response frames with a known id: the id, so the pending call can be failed. */
  readonly responseId?: string;
  /**
   * For response frames with a known id: their message type (3 CALLRESULT, 4 CALLERROR, 5
   * CALLRESULTERROR), so the engine knows what it could not process without reading the raw text.
   */
  readonly messageType?: number;
}

export type FaultKind =
  /** Not JSON, not an array, or an empty array: the message id cannot be read. */
  | 'unreadable'

  /** The message type number is not one this version defines. */
  | 'unknown-type'
  /** The message id is missing, not a string, empty or longer than 36 characters. */
  | 'bad-id'
  /** Wrong number of elements, or an element of the wrong JSON type. */
  | 'bad-structure'
  /** The payload (or errorDetails) is not a JSON object. */
  | 'bad-payload';

const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);

function knownTypes(protocol: OCPPProtocol, type: unknown): boolean {
  if (type === CALL || type === CALLRESULT || type === CALLERROR) return true;
  return protocol === 'ocpp2.1' && (type === CALLRESULTERROR || type === SEND);
}

/**
 * Parses one text frame as `protocol` would. Never throws: a frame that breaks the framing rules
 * comes back as a {@link FrameFault} carrying the exact reply the version demands:
 *
 * - unreadable message (bad JSON, not an array): 2.x answers RpcFrameworkError with id "-1"
 *   (OCPP-J 2.0.1 §4.2.3, 2.1 §4.2.3); 1.6 defines no id for that case, so it stays silent.
 * - unknown message type number: 1.6 and 2.1 ignore it (1.6 §4.1.3, 2.1 §4.1.3 / §4.4);
 *   2.0.1 answers MessageTypeNotSupported (2.0.1 §4.3, last paragraph).
 * - a CALL / SEND with a bad id or shape: a CALLERROR echoing the id when it is a string,
 *   "-1" (2.x) or silence (1.6) when it is not. A SEND is never answered (2.1 §4.2.4).
 * - a response frame that cannot be matched to a call is dropped: there is nobody to tell.
 */
export function parseFrame(text: string, protocol: OCPPProtocol): InboundFrame | FrameFault {
  const v2 = protocol !== 'ocpp1.6';
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return unreadable(v2, 'Frame is not valid JSON');
  }
  if (!Array.isArray(msg) || msg.length === 0) return unreadable(v2, 'Frame is not a JSON array');

  const type: unknown = msg[0];
  const rawId: unknown = msg[1];
  const readableId = typeof rawId === 'string' ? rawId : undefined;

  if (!knownTypes(protocol, type)) {
    if (protocol === 'ocpp2.0.1') {
      return fault(
        'unknown-type',
        `Message type ${JSON.stringify(type)} is not supported`,
        readableId ?? '-1',
        'MessageTypeNotSupported',
      );
    }
    return fault('unknown-type', `Message type ${JSON.stringify(type)} ignored`, undefined, 'GenericError');
  }

  const structureCode = v2 ? 'RpcFrameworkError' : 'FormationViolation';
  const payloadCode = v2 ? 'FormatViolation' : 'FormationViolation';

  if (type === CALL || type === SEND) {
    // SEND frames never get a response, whatever is wrong with them (2.1 §4.2.4).
    const answerId = type === SEND ? undefined : readableId || (v2 ? '-1' : undefined);
    if (readableId === undefined || readableId.length === 0 || readableId.length > MAX_MESSAGE_ID_LENGTH) {
      return fault('bad-id', 'Message id must be a string of 1 to 36 characters', answerId, structureCode);
    }
    if (msg.length !== 4)
      return fault(
        'bad-structure',
        `A ${type === CALL ? 'CALL' : 'SEND'} has 4 elements, got ${msg.length}`,
        answerId,
        structureCode,
      );
    const action: unknown = msg[2];
    if (typeof action !== 'string' || action.length === 0)
      return fault('bad-structure', 'Action must be a non-empty string', answerId, structureCode);
    // `null` is one of JSON's two notations for "no payload" (OCPP-J 2.x §4.1.5); treat it as {}.
    const payload: unknown = msg[3] === null ? {} : msg[3];
    if (!isObject(payload))
      return fault('bad-payload', 'Payload must be a JSON object', answerId, payloadCode);
    return { type, id: readableId, action, payload };
  }

  // Responses: without a readable id there is no call to fail and nobody to answer.
  if (readableId === undefined)
    return fault('bad-id', 'Response without a string message id', undefined, structureCode);
  if (type === CALLRESULT) {
    if (msg.length !== 3)
      return responseFault(
        'bad-structure',
        `A CALLRESULT has 3 elements, got ${msg.length}`,
        readableId,
        structureCode,
        type,
      );
    const payload: unknown = msg[2] === null ? {} : msg[2];
    if (!isObject(payload))
      return responseFault('bad-payload', 'Payload must be a JSON object', readableId, payloadCode, type);
    return { type, id: readableId, payload };
  }
  // CALLERROR / CALLRESULTERROR: [type, id, code, description, details]
  if (msg.length !== 5)
    return responseFault(
      'bad-structure',
      `An error frame has 5 elements, got ${msg.length}`,
      readableId,
      structureCode,
      type,
    );
  const [, , code, description, details] = msg as unknown[];
  if (typeof code !== 'string' || typeof description !== 'string') {
    return responseFault(
      'bad-structure',
      'errorCode and errorDescription must be strings',
      readableId,
      structureCode,
      type,
    );
  }
  const safeDetails: unknown = details === null ? {} : details;
  if (!isObject(safeDetails))
    return responseFault('bad-payload', 'errorDetails must be a JSON object', readableId, payloadCode, type);
  return {
    type: type as typeof CALLERROR | typeof CALLRESULTERROR,
    id: readableId,
    code,
    description,
    details: safeDetails,
  };
}

function unreadable(v2: boolean, message: string): FrameFault {
  return fault('unreadable', message, v2 ? '-1' : undefined, v2 ? 'RpcFrameworkError' : 'FormationViolation');
}

function fault(kind: FaultKind, message: string, replyId: string | undefined, code: string): FrameFault {
  return { fault: kind, message, replyId, code };
}

function responseFault(
  kind: FaultKind,
  message: string,
  id: string,
  code: string,
  messageType: unknown,
): FrameFault {
  return {
    fault: kind,
    message,
    replyId: undefined,
    code,
    responseId: id,
    messageType: messageType as number,
  };
}

export function isFault(frame: InboundFrame | FrameFault): frame is FrameFault {
  return 'fault' in frame;
}

/** ErrorDescription is string[255] (OCPP-J 2.x §4.2.3); longer text is cut, never sent whole. */
export const MAX_ERROR_DESCRIPTION = 255;

export function serializeCall(
  type: typeof CALL | typeof SEND,
  id: string,
  action: string,
  payload: unknown,
): string {
  return JSON.stringify([type, id, action, payload]);
}

export function serializeResult(id: string, payload: unknown): string {
  return JSON.stringify([CALLRESULT, id, payload]);
}

export function serializeError(
  type: typeof CALLERROR | typeof CALLRESULTERROR,
  id: string,
  code: string,
  description: string,
  details: Record<string, unknown> = {},
): string {
  const text =
    description.length > MAX_ERROR_DESCRIPTION ? description.slice(0, MAX_ERROR_DESCRIPTION) : description;
  return JSON.stringify([type, id, code, text, details]);
}
