import type { ActionSchemas } from '@ocpp-ws-io/schemas';
import { createNanoEvents, type Emitter } from 'nanoevents';
import type { StoredMessage } from './durable.js';
import type { DurableLane } from './durable-lane.js';
import {
  AbortError,
  ConnectionClosedError,
  LimitError,
  type OCPPError,
  RPCError,
  type RPCErrorCode,
  StateError,
  TimeoutError,
  toProtocolErrorCode,
  UnknownActionError,
  ValidationError,
} from './errors.js';
import {
  type FrameFault,
  type InboundFrame,
  isFault,
  type Payload,
  parseFrame,
  serializeCall,
  serializeError,
  serializeResult,
} from './frames.js';
import { NO_REPLY } from './no-reply.js';
import { CALL, CALLERROR, CALLRESULT, CALLRESULTERROR, type OCPPProtocol, SEND } from './protocol.js';
import type { CloseInfo, Transport, TransportSink } from './transport.js';
import type {
  ActionName,
  CallActionName,
  CallOptions,
  Clock,
  Handler,
  RequestOf,
  ResponseOf,
  SendActionName,
  Validators,
  WildcardHandler,
} from './types.js';
import { exceedsBytes } from './utf8.js';
import { violationCode } from './violations.js';

/** Tunables shared by clients and server-side connections. Units are in the names. */
export interface EndpointOptions {
  /** Validate every request and response, both directions (default true). */
  readonly strictMode?: boolean;
  /** Validator sets per protocol; required for every offered protocol when strictMode is on. */
  readonly validators?: Validators;
  /** Default time to wait for a CALLRESULT/CALLERROR (default 30 000 ms). */
  readonly callTimeoutMs?: number;
  /**
   * Outbound CALLs in flight at once (default 1: OCPP-J 1.6 §4.1.1 SHOULD NOT, 2.x §4.1.1 SHALL
   * NOT send another CALL before the previous one is answered or timed out).
   */
  readonly maxInFlightCalls?: number;
  /** Calls waiting behind the in-flight one(s) before `call()` rejects with LimitError (default 1000). */
  readonly maxQueuedCalls?: number;
  /** Largest frame accepted or sent, in UTF-8 bytes (default 1 MiB); bigger inbound frames close with 1009. */
  readonly maxFrameBytes?: number;
  /** Consecutive malformed or invalid inbound messages tolerated before closing with 1002 (default 10). */
  readonly maxBadMessages?: number;
  /** Put a thrown handler error's message into the CALLERROR description (default false: no leaks). */
  readonly exposeHandlerErrors?: boolean;
  /** Timer source (default: the global timers and Date.now). */
  readonly clock?: Clock;
  /** Message id source (default: random prefix + counter). */
  readonly generateId?: () => string;
}

/** Events of a connection (client or station). `on()` returns the function that removes the listener. */
export type ConnectionEvents = {
  /** The connection is open and the subprotocol agreed. */
  open: (event: { readonly protocol: OCPPProtocol }) => void;
  /** The connection closed for good (whoever closed it; a client that reconnects emits `disconnect` instead). */
  close: (event: CloseInfo) => void;
  /** A client lost its connection and will reconnect. */
  disconnect: (event: CloseInfo) => void;
  /** A client schedules reconnection attempt `attempt` (1-based) after `delayMs`. */
  reconnecting: (event: { readonly attempt: number; readonly delayMs: number }) => void;
  /** A transport or connect error; the connection may close after it. */
  error: (error: Error) => void;
  /** Every frame in or out, as text: for logs and live views. */
  message: (event: { readonly direction: 'in' | 'out'; readonly data: string }) => void;
  /** An inbound frame that broke the framing rules or its schema. */
  badMessage: (event: { readonly data: string; readonly error: OCPPError | FrameFault }) => void;
  /** A handler threw or returned an invalid response (what the peer saw is in `code`). */
  handlerError: (event: {
    readonly action: string;
    readonly messageId: string;
    readonly error: unknown;
  }) => void;
  /**
   * A durable message was given up: the CSMS answered it with an error `attempts` times
   * (OCPP 1.6 §3.7.1), or its payload can never be sent. It has been removed from the store.
   */
  undeliverable: (event: {
    readonly action: string;
    readonly params: unknown;
    readonly attempts: number;
    readonly error: unknown;
  }) => void;
  /** A durable message restored from the store (made before a restart) was delivered. */
  delivered: (event: {
    readonly action: string;
    readonly params: unknown;
    readonly response: unknown;
  }) => void;
  /** The peer rejected one of our CALLRESULTs (2.1 CALLRESULTERROR). */
  callResultError: (event: {
    readonly messageId: string;
    readonly code: string;
    readonly description: string;
    readonly details: Payload;
  }) => void;
};

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

/** @internal What a {@link DurableLane} may do with its client's engine. */
export interface DurableHost {
  readonly clock: Clock;
  closed(): boolean;
  makeCall(
    type: typeof CALL,
    action: string,
    params: unknown,
    options: CallOptions | undefined,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
  ): OutboundCall;
  pump(): void;
  settle(call: OutboundCall, error: unknown): void;
  emit: Endpoint['emit'];
  error(error: unknown): void;
}

export type AnyHandler = (context: {
  params: Payload;
  action: string;
  messageId: string;
  protocol: OCPPProtocol;
  signal: AbortSignal;
}) => unknown;

const DEFAULT_CLOCK: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** @internal {@link EndpointOptions} resolved and checked once; a server shares one among its stations. */
export interface EndpointConfig {
  readonly strict: boolean;
  readonly validators: Validators;
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly maxQueued: number;
  readonly maxBytes: number;
  readonly maxBad: number;
  readonly expose: boolean;
  readonly clock: Clock;
  readonly nextId: () => string;
}

/** @internal Resolves `options` (throws RangeError on a bad number); `generateId` unless one is given. */
export function endpointConfig(options: EndpointOptions, generateId: () => string): EndpointConfig {
  return {
    strict: options.strictMode ?? true,
    validators: options.validators ?? {},
    timeoutMs: positive(options, 'callTimeoutMs', 30_000),
    maxInFlight: positive(options, 'maxInFlightCalls', 1),
    maxQueued: positive(options, 'maxQueuedCalls', 1000),
    maxBytes: positive(options, 'maxFrameBytes', 1024 * 1024),
    maxBad: positive(options, 'maxBadMessages', 10),
    expose: options.exposeHandlerErrors ?? false,
    clock: options.clock ?? DEFAULT_CLOCK,
    nextId: options.generateId ?? generateId,
  };
}

// Private state is in `#` fields throughout the engine: minifiers may rename those (they are
// lexically scoped), never ordinary properties, and the engine is in every bundle we ship.

/**
 * The OCPP-J RPC engine for one peer: framing, correlation, the outbound call queue, handler
 * dispatch and validation. A client keeps one endpoint across reconnects and binds each new
 * transport to it; a server creates one per station connection.
 */
export class Endpoint<TProtocol extends OCPPProtocol = OCPPProtocol> {
  // Created on the first on(): a CSMS holds thousands of idle connections nobody listens to.
  #emitter: Emitter<ConnectionEvents> | undefined;
  // One resolved configuration object, shared by every station of a server: ten option fields
  // on each endpoint would cost ~80 bytes per connection.
  readonly #config: EndpointConfig;
  #transport: Transport | undefined;
  #protocol: OCPPProtocol | undefined;
  // The maps are the shared empty one (NONE) while no call is in them, and the queue lets go
  // of its slots once empty (see #pump): a CSMS keeps thousands of idle stations, and two empty
  // Maps plus a used array cost ~430 bytes per connection.
  readonly #queue: OutboundCall[] = [];
  #inFlight: ReadonlyMap<string, OutboundCall> = NONE;
  #inbound: ReadonlyMap<string, InboundCall> = NONE;
  // Created on the first handle(): stations served by server-level handlers never need one.
  #handlers: Map<string, AnyHandler> | undefined;
  #wildcard: AnyHandler | undefined;
  #bad = 0;
  #closed = false;
  #seq = 0;
  #durable: DurableLane | undefined;

  /** @internal Made by OCPPClient and by OCPPServer for its stations, with resolved options. */
  constructor(config: EndpointConfig) {
    this.#config = config;
  }

  /** Strict mode: every request and response is validated, both directions. */
  protected get strict(): boolean {
    return this.#config.strict;
  }

  /** The validator sets, per protocol. */
  protected get validators(): Validators {
    return this.#config.validators;
  }

  /** The timer source. */
  protected get clock(): Clock {
    return this.#config.clock;
  }

  /**
   * Listens to an event; returns the function that removes the listener.
   *
   * @example
   * ```ts
   * const off = client.on('message', ({ direction, data }) => console.log(direction, data));
   * off();
   * ```
   */
  on<TEvent extends keyof ConnectionEvents>(event: TEvent, listener: ConnectionEvents[TEvent]): () => void {
    this.#emitter ??= createNanoEvents<ConnectionEvents>();
    return this.#emitter.on(event, listener);
  }

  /** Emits an event to its listeners, if anyone ever listened. */
  protected emit<TEvent extends keyof ConnectionEvents>(
    event: TEvent,
    ...args: Parameters<ConnectionEvents[TEvent]>
  ): void {
    this.#emitter?.emit(event, ...args);
  }

  /** The subprotocol of the current (or last) connection, once known. */
  get protocol(): OCPPProtocol | undefined {
    return this.#protocol;
  }

  /** Calls waiting to be sent (not counting the ones in flight). */
  get queuedCalls(): number {
    return this.#queue.length + (this.#durable?.size ?? 0);
  }

  /** Calls sent and waiting for their response. */
  get pendingCalls(): number {
    return this.#inFlight.size;
  }

  /** Throws when strict mode has no validators for one of `protocols`. */
  protected assertValidators(protocols: readonly OCPPProtocol[]): void {
    for (const p of protocols) {
      if (this.strict && !this.validators[p]) {
        throw new StateError(
          `strictMode needs validators for ${p} (from @ocpp-ws-io/schemas/${p}), or strictMode: false`,
        );
      }
    }
  }

  /**
   * Why calls are refused right now, as the end of a sentence that starts with "call(Action)",
   * or undefined when they may be made (queued while a client is still connecting). Clients
   * refine it with their lifecycle state.
   */
  protected refusal(): string | undefined {
    return this.#closed ? ': the connection is closed' : undefined;
  }

  /**
   * Sends a CALL and resolves with the typed CALLRESULT payload; rejects with RPCError on a
   * CALLERROR, TimeoutError, ValidationError (strict mode: nothing was sent), LimitError,
   * AbortError, StateError or ConnectionClosedError.
   *
   * @example
   * ```ts
   * const { status } = await station.call('Reset', { type: 'Soft' });
   * ```
   */
  call<TAction extends CallActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
    options?: CallOptions,
  ): Promise<ResponseOf<TProtocol, TAction>> {
    const refused = this.refusal();
    if (refused === undefined && this.#durable?.handles(action, params))
      return this.#durable.enqueue(action, params, options) as Promise<ResponseOf<TProtocol, TAction>>;
    return this.#enqueue(CALL, action, params, options, refused) as Promise<ResponseOf<TProtocol, TAction>>;
  }

  /**
   * Sends an OCPP 2.1 SEND frame (no response; OCPP-J 2.1 §4.2.4); resolves once written.
   *
   * @example
   * ```ts
   * await client.send('NotifyPeriodicEventStream', { id: 1, pending: 0, basetime, data: [{ t: 0, v: '230.1' }] });
   * ```
   */
  send<TAction extends SendActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
  ): Promise<void> {
    return this.#enqueue(SEND, action, params, undefined, this.refusal()) as Promise<void>;
  }

  /**
   * Registers the handler of one action, or with `'*'` of every action without its own
   * handler. Returns the function that removes it. Return {@link NO_REPLY} to answer nothing;
   * throw an {@link RPCError} to answer with a specific CALLERROR.
   *
   * @example
   * ```ts
   * station.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() }));
   * ```
   */
  handle<TAction extends ActionName<TProtocol>>(
    action: TAction,
    handler: Handler<TProtocol, TAction>,
  ): () => void;
  handle(action: '*', handler: WildcardHandler<TProtocol>): () => void;
  handle(action: string, handler: (context: never) => unknown): () => void {
    const h = handler as AnyHandler;
    if (action === '*') {
      this.#wildcard = h;
      return () => {
        if (this.#wildcard === h) this.#wildcard = undefined;
      };
    }
    this.#handlers ??= new Map();
    const handlers = this.#handlers;
    handlers.set(action, h);
    return () => {
      if (handlers.get(action) === h) handlers.delete(action);
    };
  }

  /** Hook: a handler from elsewhere (a server's shared handlers) when the endpoint has none. */
  protected inheritedHandler(_action: string): AnyHandler | undefined {
    return undefined;
  }

  /** True when durable delivery is configured. */
  protected get durableEnabled(): boolean {
    return this.#durable !== undefined;
  }

  /** Turns on durable delivery of transaction-related calls (clients). */
  protected attachDurable(lane: DurableLane): void {
    this.#durable = lane;
    lane.attach({
      clock: this.clock,
      closed: () => this.#closed,
      makeCall: (...args) => this.#makeCall(...args),
      pump: () => this.#pump(),
      settle: (call, error) => this.#settle(call, error),
      emit: (...args) => this.emit(...args),
      error: (e) => this.emit('error', e instanceof Error ? e : new Error(String(e))),
    });
  }

  /** Queues what a previous run left in the durable store, ahead of anything new. */
  protected restoreDurable(): Promise<number> {
    return this.#durable ? this.#durable.restore() : Promise.resolve(0);
  }

  #enqueue(
    type: typeof CALL | typeof SEND,
    action: string,
    params: unknown,
    options: CallOptions | undefined,
    refused: string | undefined,
  ): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const signal = options?.signal;
      if (refused !== undefined)
        reject(new StateError(`${type === SEND ? 'send' : 'call'}(${action})${refused}`));
      else if (signal?.aborted)
        reject(new AbortError(`Call ${action} aborted before it was sent`, signal.reason));
      else if (this.#queue.length >= this.#config.maxQueued)
        reject(
          new LimitError(
            `Call queue is full (${this.#config.maxQueued} calls waiting); ${action} was not queued`,
          ),
        );
      else {
        const call = this.#makeCall(type, action, params, options, resolve, reject);
        // A SEND is not queued behind CALLs (2.1 §4.2.4): it goes now if it can.
        if (type === SEND && this.#transport) this.#dispatch(call);
        else {
          this.#queue.push(call);
          this.#pump();
        }
      }
    });
  }

  #makeCall(
    type: typeof CALL | typeof SEND,
    action: string,
    params: unknown,
    options: CallOptions | undefined,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
  ): OutboundCall {
    const signal = options?.signal;
    const call: OutboundCall = {
      type,
      action,
      params,
      timeoutMs: options?.timeoutMs ?? this.#config.timeoutMs,
      signal,
      resolve,
      reject,
      id: '',
      timer: undefined,
      onAbort: undefined,
      seq: this.#seq++,
      durable: undefined,
    };
    if (signal) {
      call.onAbort = () => this.#abort(call, signal.reason);
      signal.addEventListener('abort', call.onAbort, { once: true });
    }
    return call;
  }

  #pump(): void {
    while (this.#transport) {
      // The next call is the older head of the normal queue and the (unpaused) durable lane.
      const head = this.#queue[0];
      const durableHead = this.#durable?.head();
      const next =
        head && durableHead ? (durableHead.seq < head.seq ? durableHead : head) : (head ?? durableHead);
      if (!next || (next.type === CALL && this.#inFlight.size >= this.#config.maxInFlight)) return;
      if (next.durable) this.#durable!.shift();
      // V8 keeps the store an array grew (17 slots) after its last element is gone, until the
      // length is set: an idle connection keeps an empty array, not ~150 bytes of slots.
      else if (this.#queue.shift() && this.#queue.length === 0) this.#queue.length = 0;
      this.#dispatch(next);
    }
  }

  /** Validates and writes one outbound call; an invalid call never leaves. */
  #dispatch(call: OutboundCall): void {
    let problem = this.#unsendable(call);
    let frame = '';
    if (!problem) {
      call.id = this.#config.nextId();
      frame = serializeCall(call.type, call.id, call.action, call.params ?? {});
      if (exceedsBytes(frame, this.#config.maxBytes))
        problem = new LimitError(`${call.action} frame exceeds maxFrameBytes (${this.#config.maxBytes})`);
    }
    if (problem) {
      // A call that can never be sent: a durable one is given up (dropped from its store).
      if (call.durable) this.#durable!.drop(call, problem);
      else this.#settle(call, problem);
      return;
    }
    if (call.type === CALL) {
      this.#inFlight = put(this.#inFlight, call.id, call);
      call.timer = this.clock.setTimeout(() => this.#timeout(call), call.timeoutMs);
    }
    this.#write(this.#transport!, frame);
    if (call.type === SEND) this.#settle(call, undefined);
  }

  /** Why `call` cannot go out on this connection: not in its vocabulary, wrong frame, invalid. */
  #unsendable({ action, type, params }: OutboundCall): OCPPError | undefined {
    const protocol = this.#protocol!;
    const schemas = this.#schemas(protocol, action);
    if (schemas === null) return new UnknownActionError(`${action} is not an action of ${protocol}`);
    if (schemas && (type === SEND) !== (schemas.send === true)) {
      const how = schemas.send ? 'a SEND (use send())' : 'a CALL (use call())';
      return new UnknownActionError(`${action} must be sent as ${how} in ${protocol}`);
    }
    if (type === SEND && protocol !== 'ocpp2.1')
      return new UnknownActionError(`SEND frames exist only in ocpp2.1, not ${protocol}`);
    const violation = this.strict && schemas && this.#check(protocol, schemas.request, params);
    if (violation)
      return new ValidationError(violation[0], `Invalid ${action} request at ${violation[1]}`, violation[2]);
  }

  /**
   * A call failed. A durable call the CSMS could not process (CALLERROR, invalid response) is
   * retried after attempts × retryIntervalMs until maxAttempts (OCPP 1.6 §3.7.1), with the
   * durable lane paused meanwhile so later transaction messages keep their order; a durable
   * call that timed out is sent again without counting an attempt. Once closed, nothing sends
   * it again in this run: its caller is told, and the message stays stored for the next one.
   * Then the queue moves on.
   */
  #fail(call: OutboundCall, error: unknown, kind: 'processing' | 'timeout'): void {
    this.#inFlight = drop(this.#inFlight, call.id);
    if (!call.durable || this.#closed) this.#settle(call, error);
    else {
      this.#stopTimer(call);
      this.#durable!.fail(call, error, kind);
    }
    this.#pump();
  }

  #stopTimer(call: OutboundCall): void {
    if (call.timer !== undefined) this.clock.clearTimeout(call.timer);
    call.timer = undefined;
  }

  /** Settles a call exactly once and frees its resources; `error` undefined means success. */
  #settle(call: OutboundCall, error: unknown, value?: unknown): void {
    if (call.durable) this.#durable!.settled(call, error === undefined);
    this.#stopTimer(call);
    if (call.onAbort) call.signal!.removeEventListener('abort', call.onAbort);
    call.onAbort = undefined;
    if (error === undefined) call.resolve(value);
    else call.reject(error);
  }

  #timeout(call: OutboundCall): void {
    call.timer = undefined;
    // A response that arrives later finds no pending call and is dropped: it can never resolve
    // another call, because every call has its own id. A durable call is sent again instead,
    // still ahead of later transaction messages (OCPP 1.6 §3.7).
    if (this.#inFlight.get(call.id) === call)
      this.#fail(
        call,
        new TimeoutError(`${call.action} (${call.id}) got no response within ${call.timeoutMs} ms`),
        'timeout',
      );
  }

  #abort(call: OutboundCall, reason: unknown): void {
    const queued = this.#queue.indexOf(call);
    if (queued >= 0) this.#queue.splice(queued, 1);
    else if (this.#inFlight.get(call.id) === call) this.#inFlight = drop(this.#inFlight, call.id);
    // A durable call's message stays stored and is sent next run; only its caller stops waiting.
    else if (!(call.durable && this.#durable!.remove(call))) return;
    call.onAbort = undefined;
    this.#settle(call, new AbortError(`Call ${call.action} aborted`, reason));
    this.#pump();
  }

  /**
   * Looks up an action's validators: `null` when the protocol's vocabulary is known and lacks the
   * action, `undefined` when there is no vocabulary for the protocol (non-strict without validators).
   */
  #schemas(protocol: OCPPProtocol, action: string): ActionSchemas | null | undefined {
    const set = this.validators[protocol];
    return set && (Object.hasOwn(set.actions, action) ? set.actions[action]! : null);
  }

  /**
   * Strict mode: `value` against `schema`, with the validator set's own `validate` (it comes with
   * the set, so an engine without validators ships no validation code). A violation comes back as
   * [the RPC error code for it, "path: message", path].
   */
  #check(
    protocol: OCPPProtocol,
    schema: ActionSchemas['request'],
    value: unknown,
  ): [RPCErrorCode, string, string] | undefined {
    const v = this.validators[protocol]!.validate(schema, value);
    return v && [violationCode(protocol, v.kind), `${v.path || '/'}: ${v.message}`, v.path];
  }

  #write(transport: Transport, frame: string): void {
    // Checked first so the hot path allocates no event object when nobody listens.
    if (this.#emitter) this.#emitter.emit('message', { direction: 'out', data: frame });
    transport.send(frame);
  }

  #writeError(
    transport: Transport,
    type: typeof CALLERROR | typeof CALLRESULTERROR,
    id: string,
    code: string,
    text: string,
    details?: Payload,
  ): void {
    this.#write(transport, serializeError(type, id, code, text, details));
  }

  /**
   * Binds a freshly opened transport: frames flow, queued calls start going out. `sink` is what
   * the transport will drive, when a subclass brings a leaner one (a server's stations).
   */
  protected bind(transport: Transport, protocol: OCPPProtocol, sink?: TransportSink): void {
    if (this.#transport) throw new StateError('A transport is already bound');
    this.#transport = transport;
    this.#protocol = protocol;
    this.#bad = 0;
    transport.attach(
      sink ?? {
        message: (data) => this.receive(transport, data),
        close: (info) => this.onTransportClose(transport, info),
        error: (error) => this.onTransportError(transport, error),
      },
    );
    this.#pump();
  }

  /** Hook for subclasses: the bound transport closed. */
  protected onTransportClose(transport: Transport, _info: CloseInfo): void {
    this.unbind(transport, 'Connection closed');
  }

  /** Hook for subclasses: the bound transport reported an error. */
  protected onTransportError(_transport: Transport, _error: Error): void {}

  /**
   * Detaches `transport`: calls in flight fail with ConnectionClosedError (their response can
   * only come on the connection that carried them) — or, with `requeue`, go back to the head of
   * the queue to be sent again —, running handlers see their signal abort, and queued calls stay
   * queued for the next transport.
   */
  protected unbind(transport: Transport, reason: string, requeue = false): void {
    if (this.#transport !== transport) return;
    this.#transport = undefined;
    for (const call of this.#inbound.values()) call.abort(new ConnectionClosedError(reason));
    this.#inbound = NONE;
    const calls = [...this.#inFlight.values()];
    this.#inFlight = NONE;
    if (requeue) {
      // Oldest first, ahead of everything queued after them: order is kept across the reconnect.
      for (const call of calls) this.#stopTimer(call);
      this.#queue.unshift(...calls.filter((c) => !c.durable));
      this.#durable?.requeue(calls.filter((c) => c.durable));
    } else {
      for (const call of calls)
        this.#settle(
          call,
          new ConnectionClosedError(`${reason} before ${call.action} (${call.id}) was answered`),
        );
    }
  }

  /** Fails every queued call and refuses new ones until {@link reopen}. */
  protected shutdown(reason: string): void {
    this.#closed = true;
    // Durable messages stay in the store: the next run sends them.
    this.#durable?.shutdown(reason);
    for (const call of this.#queue.splice(0))
      this.#settle(call, new AbortError(`${reason}; ${call.action} was never sent`));
  }

  /** Accepts calls again after {@link shutdown} (a client connecting anew). */
  protected reopen(): void {
    this.#closed = false;
  }

  /** Closes the bound transport, if any. */
  protected closeTransport(code: number, reason: string): void {
    this.#transport?.close(code, reason);
  }

  // ── inbound ────────────────────────────────────────────────────────────────────────────────

  /** One inbound frame from `transport` (what a sink's `message` calls). */
  protected receive(transport: Transport, data: string): void {
    if (this.#transport !== transport) return;
    const protocol = this.#protocol!;
    if (exceedsBytes(data, this.#config.maxBytes)) {
      this.emit('badMessage', {
        data: data.slice(0, 256),
        error: new LimitError(`Inbound frame exceeds maxFrameBytes (${this.#config.maxBytes})`),
      });
      // 1009: "message too big" (RFC 6455 §7.4.1).
      transport.close(1009, 'Frame too large');
      return;
    }
    if (this.#emitter) this.#emitter.emit('message', { direction: 'in', data });
    const frame = parseFrame(data, protocol);
    if (isFault(frame)) this.#onFault(transport, data, frame);
    else if (frame.type === CALL || frame.type === SEND) this.#onCall(transport, protocol, data, frame);
    else {
      const call = this.#inFlight.get(frame.id);
      // A well-formed response ends a run of bad messages; a stray CALLRESULT (no pending call: a
      // late response after a timeout, or an unknown id) is dropped and changes nothing.
      if (frame.type !== CALLRESULT || call) this.#bad = 0;
      if (frame.type === CALLRESULT) {
        if (call) this.#onResult(transport, protocol, call, frame.payload);
      } else if (frame.type === CALLRESULTERROR) {
        // The peer rejected one of our CALLRESULTs (2.1 §4.2.3): nothing to settle, only to tell.
        const { id: messageId, code, description, details } = frame;
        this.emit('callResultError', { messageId, code, description, details });
      } else if (call) {
        this.#fail(
          call,
          new RPCError(frame.code as RPCErrorCode, frame.description, frame.details),
          'processing',
        );
      }
    }
  }

  #onFault(transport: Transport, data: string, fault: FrameFault): void {
    this.emit('badMessage', { data, error: fault });
    if (fault.replyId !== undefined)
      this.#writeError(transport, CALLERROR, fault.replyId, fault.code, fault.message);
    const call = fault.responseId === undefined ? undefined : this.#inFlight.get(fault.responseId);
    if (call) {
      // A CALLRESULT we cannot process is rejected back to its sender in 2.1 (§4.2.3).
      if (this.#protocol === 'ocpp2.1' && /^\s*\[\s*3\s*,/.test(data))
        this.#writeError(transport, CALLRESULTERROR, call.id, fault.code, fault.message);
      this.#fail(
        call,
        new RPCError(fault.code as RPCErrorCode, `Malformed response: ${fault.message}`),
        'processing',
      );
    }
    this.#countBad(transport);
  }

  #countBad(transport: Transport): void {
    // 1002: protocol error (RFC 6455 §7.4.1) — the peer keeps sending what OCPP-J forbids.
    if (++this.#bad > this.#config.maxBad && this.#transport === transport)
      transport.close(1002, 'Too many malformed messages');
  }

  #onCall(
    transport: Transport,
    protocol: OCPPProtocol,
    data: string,
    frame: Extract<InboundFrame, { type: typeof CALL | typeof SEND }>,
  ): void {
    const { id, action, payload } = frame;
    const isSend = frame.type === SEND;
    const schemas = this.#schemas(protocol, action);
    const handler = this.#handlers?.get(action) ?? this.#wildcard ?? this.inheritedHandler(action);
    const refusal = this.#refusal(protocol, id, action, isSend, schemas, handler, payload);
    if (refusal) {
      const [code, description, bad] = refusal;
      if (bad) {
        this.emit('badMessage', { data, error: new RPCError(code, description) });
        this.#countBad(transport);
      }
      // SEND frames are never answered, not even with an error (2.1 §4.2.4).
      if (!isSend) this.#writeError(transport, CALLERROR, id, code, description);
      return;
    }

    const context = new InboundCall(payload, action, id, protocol);
    this.#inbound = put(this.#inbound, id, context);
    const finish = (value: unknown, error: unknown) => {
      if (this.#inbound.get(id) === context) this.#inbound = drop(this.#inbound, id);
      if (error !== undefined) this.emit('handlerError', { action, messageId: id, error });
      // The response belongs to the connection the CALL came in on; if it is gone, so is the reply.
      if (isSend || value === NO_REPLY || this.#transport !== transport || context.aborted) return;
      if (error instanceof RPCError) {
        const { code, message, details } = error;
        this.#writeError(
          transport,
          CALLERROR,
          id,
          toProtocolErrorCode(protocol, code),
          message === code ? '' : message,
          details,
        );
      } else if (error !== undefined) {
        const text =
          this.#config.expose && error instanceof Error ? error.message : 'An internal error occurred';
        this.#writeError(transport, CALLERROR, id, 'InternalError', text);
      } else {
        const response = value ?? {};
        const invalid = this.strict && schemas?.response && this.#check(protocol, schemas.response, response);
        const frame = invalid ? '' : serializeResult(id, response);
        const problem = invalid
          ? new ValidationError(
              invalid[0],
              `${action} handler: invalid response at ${invalid[1]}`,
              invalid[2],
              'response',
            )
          : exceedsBytes(frame, this.#config.maxBytes)
            ? new LimitError('Response exceeds maxFrameBytes')
            : undefined;
        if (!problem) return this.#write(transport, frame);
        this.emit('handlerError', { action, messageId: id, error: problem });
        this.#writeError(
          transport,
          CALLERROR,
          id,
          'InternalError',
          invalid ? 'The response failed validation' : 'The response is too large',
        );
      }
    };
    let result: unknown;
    try {
      // #refusal refuses every call without a handler.
      result = handler!(context);
    } catch (error) {
      finish(undefined, error);
      return;
    }
    if (result instanceof Promise)
      result.then(
        (value) => finish(value, undefined),
        (error) => finish(undefined, error ?? new Error('rejected')),
      );
    else finish(result, undefined);
  }

  /**
   * Why an inbound CALL/SEND is refused, as [code, description, counts as a bad message], or
   * undefined when its handler may run.
   */
  #refusal(
    protocol: OCPPProtocol,
    id: string,
    action: string,
    isSend: boolean,
    schemas: ActionSchemas | null | undefined,
    handler: AnyHandler | undefined,
    payload: Payload,
  ): [RPCErrorCode, string, boolean] | undefined {
    const v2 = protocol !== 'ocpp1.6';
    // "an existing message with the same unique identifier is being handled already" (2.x §4.2.3)
    if (this.#inbound.has(id))
      return [v2 ? 'RpcFrameworkError' : 'GenericError', `Message id ${id} is already being processed`, true];
    // Unknown action → NotImplemented (OCPP-J 1.6 §4.2.3 table 7, 2.x §4.3 table).
    if (schemas === null || (schemas === undefined && !handler))
      return ['NotImplemented', `Unknown action ${action}`, false];
    if (schemas && isSend !== (schemas.send === true)) {
      const frameName = isSend ? 'SEND' : 'CALL';
      return [
        v2 ? 'ProtocolError' : 'FormationViolation',
        `${action} cannot be sent as a ${frameName}`,
        true,
      ];
    }
    const violation = this.strict && schemas && this.#check(protocol, schemas.request, payload);
    if (violation) return [violation[0], violation[1], true];
    this.#bad = 0;
    // A known action the application does not handle → NotSupported.
    if (!handler) return ['NotSupported', `${action} is not supported`, false];
  }

  #onResult(transport: Transport, protocol: OCPPProtocol, call: OutboundCall, payload: Payload): void {
    const schemas = this.strict ? this.#schemas(protocol, call.action) : undefined;
    const invalid = schemas?.response && this.#check(protocol, schemas.response, payload);
    if (invalid) {
      const [code, description, path] = invalid;
      this.emit('badMessage', {
        data: serializeResult(call.id, payload),
        error: new RPCError(code, description),
      });
      // 2.1 tells the peer its CALLRESULT was rejected (§4.2.3).
      if (protocol === 'ocpp2.1') this.#writeError(transport, CALLRESULTERROR, call.id, code, description);
      this.#fail(
        call,
        new ValidationError(code, `Invalid ${call.action} response at ${description}`, path, 'response'),
        'processing',
      );
      return;
    }
    this.#inFlight = drop(this.#inFlight, call.id);
    this.#durable?.answered(call.action, payload);
    this.#settle(call, undefined, payload);
    this.#pump();
  }
}

/**
 * The map of every endpoint with no calls in it. Never written to: put() makes an endpoint its
 * own map for the first entry, drop() hands this one back once the last entry is gone, so an
 * idle connection holds no Map of its own (an empty one is ~200 bytes with its hash table).
 */
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

function put<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const own = map === NONE ? new Map<string, V>() : (map as Map<string, V>);
  own.set(key, value);
  return own;
}

function drop<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  // Deleting from NONE (no such key) changes nothing.
  (map as Map<string, V>).delete(key);
  return map.size > 0 ? map : NONE;
}

/**
 * A handler's context for one inbound call: one small object per call, and the AbortController
 * (costly to create on Node) only if the handler reads `signal`.
 */
class InboundCall {
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

type NumericOption =
  | 'callTimeoutMs'
  | 'maxInFlightCalls'
  | 'maxQueuedCalls'
  | 'maxFrameBytes'
  | 'maxBadMessages';

function positive(options: EndpointOptions, name: NumericOption, fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
