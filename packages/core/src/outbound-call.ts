import { check, schemasOf } from './check.js';
import type { StoredMessage } from './durable.js';
import type { EndpointConfig } from './endpoint-config.js';
import { LimitError, type OCPPError, UnknownActionError, ValidationError } from './errors.js';
import type { ConnectionEvents } from './events.js';
import { serializeCall } from './frames.js';
import { type CALL, type OCPPProtocol, SEND } from './protocol.js';
import type { CallOptions, Clock } from './types.js';
import { exceedsBytes } from './utf8.js';

// An outbound call: the record the engine's queue and the durable lane share, and the frame that
// sends it. In a module of its own so that neither the engine nor the lane imports the other: the
// engine knows the lane only by the DurableQueue contract below.

/** @internal One outbound call, queued or in flight. */
export interface OutboundCall {
  readonly type: typeof CALL | typeof SEND;
  readonly action: string;
  readonly params: unknown;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  id: string;
  timer: unknown;
  onAbort: (() => void) | undefined;
  /** Creation order across the normal queue and the durable lane. */
  readonly seq: number;
  /** Set for durable (transaction-related) calls: their stored record. */
  durable: StoredMessage | undefined;
}

/** @internal What a durable lane may do with its client's engine. */
export interface DurableHost {
  readonly clock: Clock;
  /** True once the client closed: no more calls are made in this run. */
  closed(): boolean;
  /** Makes the record of a call (its creation order, its abort listener) without queueing it. */
  makeCall: MakeCall;
  /** Sends what may be sent now. */
  pump(): void;
  /** Settles a call once; `error` undefined means success. */
  settle(call: OutboundCall, error: unknown): void;
  emit: Emit;
}

type MakeCall = (
  type: typeof CALL,
  action: string,
  params: unknown,
  options: CallOptions | undefined,
  resolve: (value: unknown) => void,
  reject: (error: unknown) => void,
) => OutboundCall;

type Emit = <TEvent extends keyof ConnectionEvents>(
  event: TEvent,
  ...args: Parameters<ConnectionEvents[TEvent]>
) => void;

/**
 * @internal The engine's side of durable delivery, as the client engine sees it (implemented by
 * `DurableLane`): everything it asks of the lane, and nothing else.
 */
export interface DurableQueue {
  readonly size: number;
  /** Called once by the engine, with the parts of a {@link DurableHost} in its order. */
  attach(
    clock: Clock,
    closed: DurableHost['closed'],
    makeCall: DurableHost['makeCall'],
    pump: DurableHost['pump'],
    settle: DurableHost['settle'],
    emit: DurableHost['emit'],
  ): void;
  handles(action: string, params: unknown): boolean;
  enqueue(action: string, params: unknown, options: CallOptions | undefined): Promise<unknown>;
  restore(): Promise<number>;
  head(): OutboundCall | undefined;
  shift(): void;
  answered(action: string, payload: Record<string, unknown>): void;
  fail(call: OutboundCall, error: unknown, kind: 'processing' | 'timeout'): void;
  drop(call: OutboundCall, error: unknown): void;
  settled(call: OutboundCall, delivered: boolean): void;
  remove(call: OutboundCall): boolean;
  requeue(calls: OutboundCall[]): void;
  shutdown(reason: string): void;
}

/**
 * @internal The frame that sends `call` on a `protocol` connection, under a fresh message id —
 * or why it can never go out there (nothing is sent then, and no id is used up):
 * - an action the protocol does not have, or sent as the wrong frame (CALL vs 2.1 SEND);
 * - a SEND on a connection older than 2.1;
 * - strict mode: a request its schema refuses;
 * - a frame over maxFrameBytes.
 */
export function outboundFrame(
  config: EndpointConfig,
  protocol: OCPPProtocol,
  call: OutboundCall,
): string | OCPPError {
  const { action, type, params } = call;
  const schemas = schemasOf(config.validators, protocol, action);
  if (schemas === null) return new UnknownActionError(`${action} is not an action of ${protocol}`);
  if (schemas && (type === SEND) !== (schemas.send === true)) {
    const how = schemas.send ? 'a SEND (use send())' : 'a CALL (use call())';
    return new UnknownActionError(`${action} must be sent as ${how} in ${protocol}`);
  }
  if (type === SEND && protocol !== 'ocpp2.1')
    return new UnknownActionError(`SEND frames exist only in ocpp2.1, not ${protocol}`);
  const violation = config.strict && schemas && check(config.validators, protocol, schemas.request, params);
  if (violation)
    return new ValidationError(
      violation.code,
      `Invalid ${action} request at ${violation.description}`,
      violation.path,
    );
  call.id = config.nextId();
  const frame = serializeCall(type, call.id, action, params ?? {});
  return exceedsBytes(frame, config.maxBytes)
    ? new LimitError(`${action} frame exceeds maxFrameBytes (${config.maxBytes})`)
    : frame;
}
