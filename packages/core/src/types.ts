import type { ActionMap, OCPPProtocol, ValidatorSet } from '@ocpp-ws-io/schemas';
import type { StoredMessage } from './durable.js';
import type { NoReply } from './no-reply.js';

/** Action names of the given protocol version(s). */
export type ActionName<TProtocol extends OCPPProtocol> = TProtocol extends OCPPProtocol
  ? keyof ActionMap[TProtocol] & string
  : never;

/** Actions answered with a CALLRESULT (everything but 2.1 SEND actions). */
export type CallActionName<TProtocol extends OCPPProtocol> = TProtocol extends OCPPProtocol
  ? {
      [A in keyof ActionMap[TProtocol] & string]: ActionMap[TProtocol][A] extends { send: true } ? never : A;
    }[keyof ActionMap[TProtocol] & string]
  : never;

/** Actions carried by a 2.1 SEND frame. */
export type SendActionName<TProtocol extends OCPPProtocol> = Exclude<
  ActionName<TProtocol>,
  CallActionName<TProtocol>
>;

type Field<
  TProtocol extends OCPPProtocol,
  TAction extends string,
  TField extends 'request' | 'response',
> = TProtocol extends OCPPProtocol
  ? TAction extends keyof ActionMap[TProtocol]
    ? ActionMap[TProtocol][TAction] extends Record<TField, infer T>
      ? T
      : never
    : never
  : never;

/** The request payload of `TAction`, as a union over the versions it exists in. */
export type RequestOf<TProtocol extends OCPPProtocol, TAction extends string> = Field<
  TProtocol,
  TAction,
  'request'
>;
/** The response payload of `TAction`, as a union over the versions it exists in. */
export type ResponseOf<TProtocol extends OCPPProtocol, TAction extends string> = Field<
  TProtocol,
  TAction,
  'response'
>;

/** What a handler gets for one inbound CALL (or SEND). */
export interface HandlerContext<TProtocol extends OCPPProtocol, TParams> {
  /** The validated request payload. */
  readonly params: TParams;
  readonly action: string;
  readonly messageId: string;
  /** The negotiated subprotocol of the connection the call arrived on. */
  readonly protocol: TProtocol;
  /** Aborted when the connection closes before the handler finished. */
  readonly signal: AbortSignal;
}

/** What a handler may return: the response (or NO_REPLY); nothing at all for a 2.1 SEND action. */
export type HandlerResult<TResponse> = [TResponse] extends [undefined]
  ? void | Promise<void>
  : TResponse | NoReply | Promise<TResponse | NoReply>;

/** A handler for one action; return the response payload, or {@link NO_REPLY} to send nothing. */
export type Handler<TProtocol extends OCPPProtocol, TAction extends string> = (
  context: HandlerContext<TProtocol, RequestOf<TProtocol, TAction>>,
) => HandlerResult<ResponseOf<TProtocol, TAction>>;

/** A catch-all handler for actions without their own handler; payloads are untyped. */
export type WildcardHandler<TProtocol extends OCPPProtocol> = (
  context: HandlerContext<TProtocol, Record<string, unknown>>,
) => unknown;

/** Per-call options. */
export interface CallOptions {
  /** Overrides the connection's call timeout for this call (milliseconds). */
  readonly timeoutMs?: number;
  /** Cancels the call: removed from the queue, or rejected and forgotten if in flight. */
  readonly signal?: AbortSignal;
  /**
   * Durable calls only (see `durableDelivery`): called once the message is in the store, before
   * it is sent. From then on it survives a crash and a later run delivers it; before, it may
   * not. Never called for a call that is not durable, nor when the store refused the write
   * (`call()` then rejects with the store's error).
   *
   * @example
   * ```ts
   * const delivered = client.call('TransactionEvent', event, { onStored: () => ui.show('saved') });
   * ```
   */
  readonly onStored?: (message: StoredMessage) => void;
}

/** Validators per protocol; an action missing from the set is unknown to the connection. */
export type Validators = Partial<{ readonly [P in OCPPProtocol]: ValidatorSet<P> }>;

/** Timer functions, injectable for deterministic tests. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}
