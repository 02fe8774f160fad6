import type { ActionSchemas, Violation } from '@ocpp-ws-io/schemas';
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

/**
 * The OCPP-J RPC engine for one peer: framing, correlation, the outbound call queue, handler
 * dispatch and validation. A client keeps one endpoint across reconnects and binds each new
 * transport to it; a server creates one per station connection.
 */
export class Endpoint<TProtocol extends OCPPProtocol = OCPPProtocol> {
  // Created on the first on(): a CSMS holds thousands of idle connections nobody listens to.
  private emitter: Emitter<ConnectionEvents> | undefined;
  protected readonly strict: boolean;
  protected readonly validators: Validators;
  private readonly callTimeoutMs: number;
  private readonly maxInFlight: number;
  private readonly maxQueued: number;
  private readonly maxFrameBytes: number;
  private readonly maxBadMessages: number;
  private readonly exposeHandlerErrors: boolean;
  protected readonly clock: Clock;
  private readonly nextId: () => string;

  private transport: Transport | undefined;
  private negotiated: OCPPProtocol | undefined;
  // The maps are the shared empty one (NONE) while no call is in them, and the queue lets go
  // of its slots once empty (see pump): a CSMS keeps thousands of idle stations, and two empty
  // Maps plus a used array cost ~430 bytes per connection.
  private readonly queue: OutboundCall[] = [];
  private inFlight: ReadonlyMap<string, OutboundCall> = NONE;
  private inbound: ReadonlyMap<string, InboundCall> = NONE;
  // Created on the first handle(): stations served by server-level handlers never need one.
  private handlers: Map<string, AnyHandler> | undefined;
  private wildcard: AnyHandler | undefined;
  private badMessages = 0;
  private closed = false;
  private seq = 0;
  private durable: DurableLane | undefined;

  constructor(options: EndpointOptions, generateId: () => string) {
    this.strict = options.strictMode ?? true;
    this.validators = options.validators ?? {};
    this.callTimeoutMs = positive(options.callTimeoutMs, 30_000, 'callTimeoutMs');
    this.maxInFlight = positive(options.maxInFlightCalls, 1, 'maxInFlightCalls');
    this.maxQueued = positive(options.maxQueuedCalls, 1000, 'maxQueuedCalls');
    this.maxFrameBytes = positive(options.maxFrameBytes, 1024 * 1024, 'maxFrameBytes');
    this.maxBadMessages = positive(options.maxBadMessages, 10, 'maxBadMessages');
    this.exposeHandlerErrors = options.exposeHandlerErrors ?? false;
    this.clock = options.clock ?? DEFAULT_CLOCK;
    this.nextId = options.generateId ?? generateId;
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
    this.emitter ??= createNanoEvents<ConnectionEvents>();
    return this.emitter.on(event, listener);
  }

  /** Emits an event to its listeners, if anyone ever listened. */
  protected emit<TEvent extends keyof ConnectionEvents>(
    event: TEvent,
    ...args: Parameters<ConnectionEvents[TEvent]>
  ): void {
    this.emitter?.emit(event, ...args);
  }

  /** The subprotocol of the current (or last) connection, once known. */
  get protocol(): OCPPProtocol | undefined {
    return this.negotiated;
  }

  /** Calls waiting to be sent (not counting the ones in flight). */
  get queuedCalls(): number {
    return this.queue.length + (this.durable ? this.durable.size : 0);
  }

  /** Calls sent and waiting for their response. */
  get pendingCalls(): number {
    return this.inFlight.size;
  }

  protected get isBound(): boolean {
    return this.transport !== undefined;
  }

  /** Throws when strict mode has no validators for one of `protocols`. */
  protected assertValidators(protocols: readonly OCPPProtocol[]): void {
    if (!this.strict) return;
    for (const p of protocols) {
      if (!this.validators[p]) {
        throw new StateError(
          `strictMode needs validators for ${p} (from @ocpp-ws-io/schemas/${p}), or strictMode: false`,
        );
      }
    }
  }

  /**
   * Sends a CALL and resolves with the typed CALLRESULT payload; rejects with RPCError on a
   * CALLERROR, TimeoutError, ValidationError (strict mode: nothing was sent), LimitError,
   * AbortError or ConnectionClosedError.
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
    return this.enqueueCall(action, params, options) as Promise<ResponseOf<TProtocol, TAction>>;
  }

  /** Sends an OCPP 2.1 SEND frame (no response; OCPP-J 2.1 §4.2.4); resolves once written. */
  send<TAction extends SendActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
  ): Promise<void> {
    return this.enqueueSend(action, params);
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
    return this.setHandler(action, handler as AnyHandler);
  }

  /** Hook: a handler from elsewhere (a server's shared handlers) when the endpoint has none. */
  protected inheritedHandler(_action: string): AnyHandler | undefined {
    return undefined;
  }

  /** Registers the handler of one action, or of every action without one (`'*'`). */
  protected setHandler(action: string, handler: AnyHandler): () => void {
    if (action === '*') {
      this.wildcard = handler;
      return () => {
        if (this.wildcard === handler) this.wildcard = undefined;
      };
    }
    this.handlers ??= new Map();
    const handlers = this.handlers;
    handlers.set(action, handler);
    return () => {
      if (handlers.get(action) === handler) handlers.delete(action);
    };
  }

  /** Sends a CALL and resolves with the CALLRESULT payload (queued while busy or unbound). */
  protected enqueueCall(action: string, params: unknown, options: CallOptions | undefined): Promise<unknown> {
    if (this.durable?.handles(action, params)) return this.durable.enqueue(action, params, options);
    return this.enqueue(CALL, action, params, options);
  }

  /** True when durable delivery is configured. */
  protected get durableEnabled(): boolean {
    return this.durable !== undefined;
  }

  /** Turns on durable delivery of transaction-related calls (clients). */
  protected attachDurable(lane: DurableLane): void {
    this.durable = lane;
    lane.attach({
      clock: this.clock,
      closed: () => this.closed,
      makeCall: (type, action, params, options, resolve, reject) =>
        this.makeCall(type, action, params, options, resolve, reject),
      pump: () => this.pump(),
      settle: (call, error) => this.settle(call, error),
      emit: (...args) => this.emit(...args),
      error: (e) => this.emit('error', asError(e)),
    });
  }

  /** Queues what a previous run left in the durable store, ahead of anything new. */
  protected restoreDurable(): Promise<number> {
    return this.durable ? this.durable.restore() : Promise.resolve(0);
  }

  /** Sends a 2.1 SEND: not queued behind CALLs (2.1 §4.2.4), resolves once written. */
  protected enqueueSend(action: string, params: unknown): Promise<void> {
    return this.enqueue(SEND, action, params, undefined) as Promise<void>;
  }

  private enqueue(
    type: typeof CALL | typeof SEND,
    action: string,
    params: unknown,
    options: CallOptions | undefined,
  ) {
    return new Promise<unknown>((resolve, reject) => {
      if (this.closed) {
        reject(new StateError('The connection is closed; no more calls can be made'));
        return;
      }
      const signal = options?.signal;
      if (signal?.aborted) {
        reject(new AbortError(`Call ${action} aborted before it was sent`, signal.reason));
        return;
      }
      if (this.queue.length >= this.maxQueued) {
        reject(
          new LimitError(`Call queue is full (${this.maxQueued} calls waiting); ${action} was not queued`),
        );
        return;
      }
      const call = this.makeCall(type, action, params, options, resolve, reject);
      if (type === SEND && this.transport) {
        this.dispatch(call);
        return;
      }
      this.queue.push(call);
      this.pump();
    });
  }

  private makeCall(
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
      timeoutMs: options?.timeoutMs ?? this.callTimeoutMs,
      signal,
      resolve,
      reject,
      id: '',
      timer: undefined,
      onAbort: undefined,
      seq: this.seq++,
      durable: undefined,
    };
    if (signal) {
      call.onAbort = () => this.abortCall(call, signal.reason);
      signal.addEventListener('abort', call.onAbort, { once: true });
    }
    return call;
  }

  /** The next call to send: the older head of the normal queue and the (unpaused) durable lane. */
  private nextCall(): OutboundCall | undefined {
    const head = this.queue[0];
    const durableHead = this.durable?.head();
    if (head && durableHead) return durableHead.seq < head.seq ? durableHead : head;
    return head ?? durableHead;
  }

  private pump(): void {
    while (this.transport) {
      const next = this.nextCall();
      if (!next) return;
      if (next.type === CALL && this.inFlight.size >= this.maxInFlight) return;
      if (next.durable) this.durable!.shift();
      else {
        this.queue.shift();
        // V8 keeps the store an array grew (17 slots) after its last element is gone, until the
        // length is set: an idle connection keeps an empty array, not ~150 bytes of slots.
        if (this.queue.length === 0) this.queue.length = 0;
      }
      this.dispatch(next);
    }
  }

  /** Validates and writes one outbound call; an invalid call never leaves. */
  private dispatch(call: OutboundCall): void {
    const transport = this.transport!;
    const protocol = this.negotiated!;
    const schemas = this.schemasFor(protocol, call.action);
    if (schemas === null) {
      this.refuse(call, new UnknownActionError(`${call.action} is not an action of ${protocol}`));
      return;
    }
    if (schemas && (call.type === SEND) !== (schemas.send === true)) {
      const how = schemas.send ? 'a SEND (use send())' : 'a CALL (use call())';
      this.refuse(call, new UnknownActionError(`${call.action} must be sent as ${how} in ${protocol}`));
      return;
    }
    if (call.type === SEND && protocol !== 'ocpp2.1') {
      this.settle(call, new UnknownActionError(`SEND frames exist only in ocpp2.1, not ${protocol}`));
      return;
    }
    if (this.strict && schemas) {
      const violation = this.validate(protocol, schemas.request, call.params);
      if (violation) {
        const code = violationCode(protocol, violation.kind);
        this.refuse(
          call,
          new ValidationError(
            code,
            `Invalid ${call.action} request at ${violation.path || '/'}: ${violation.message}`,
            violation.path,
          ),
        );
        return;
      }
    }
    call.id = this.nextId();
    const frame = serializeCall(call.type, call.id, call.action, call.params ?? {});
    if (exceedsBytes(frame, this.maxFrameBytes)) {
      this.refuse(call, new LimitError(`${call.action} frame exceeds maxFrameBytes (${this.maxFrameBytes})`));
      return;
    }
    if (call.type === SEND) {
      this.write(transport, frame);
      this.settle(call, undefined, undefined);
      return;
    }
    this.inFlight = put(this.inFlight, call.id, call);
    call.timer = this.clock.setTimeout(() => this.timeoutCall(call), call.timeoutMs);
    this.write(transport, frame);
  }

  /**
   * A call failed. A durable call the CSMS could not process (CALLERROR, invalid response) is
   * retried after attempts × retryIntervalMs until maxAttempts (OCPP 1.6 §3.7.1), with the
   * durable lane paused meanwhile so later transaction messages keep their order; a durable
   * call that timed out is sent again without counting an attempt. Once closed, nothing sends
   * it again in this run: its caller is told, and the message stays stored for the next one.
   */
  private fail(call: OutboundCall, error: unknown, kind: 'processing' | 'timeout'): void {
    if (!this.durable || !call.durable || this.closed) {
      this.settle(call, error);
      return;
    }
    if (call.timer !== undefined) this.clock.clearTimeout(call.timer);
    call.timer = undefined;
    this.durable.fail(call, error, kind);
  }

  /** Settles a call exactly once and frees its resources; `error` undefined means success. */
  private settle(call: OutboundCall, error: unknown, value?: unknown): void {
    if (call.durable && this.durable) this.durable.settled(call, error === undefined);
    if (call.timer !== undefined) {
      this.clock.clearTimeout(call.timer);
      call.timer = undefined;
    }
    if (call.onAbort && call.signal) call.signal.removeEventListener('abort', call.onAbort);
    call.onAbort = undefined;
    if (error === undefined) call.resolve(value);
    else call.reject(error);
  }

  /** A call that can never be sent (unknown action, invalid, too large): a durable one is dropped. */
  private refuse(call: OutboundCall, error: unknown): void {
    if (call.durable && this.durable) this.durable.drop(call, error);
    else this.settle(call, error);
  }

  private timeoutCall(call: OutboundCall): void {
    call.timer = undefined;
    if (this.inFlight.get(call.id) !== call) return;
    this.inFlight = drop(this.inFlight, call.id);
    // A response that arrives later finds no pending call and is dropped: it can never resolve
    // another call, because every call has its own id. A durable call is sent again instead,
    // still ahead of later transaction messages (OCPP 1.6 §3.7).
    this.fail(
      call,
      new TimeoutError(`${call.action} (${call.id}) got no response within ${call.timeoutMs} ms`),
      'timeout',
    );
    this.pump();
  }

  private abortCall(call: OutboundCall, reason: unknown): void {
    const queued = this.queue.indexOf(call);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else if (call.durable && this.durable?.remove(call)) {
      // The caller stopped waiting; the message itself stays stored and is sent next run.
    } else if (this.inFlight.get(call.id) === call) {
      this.inFlight = drop(this.inFlight, call.id);
    } else return;
    call.onAbort = undefined;
    this.settle(call, new AbortError(`Call ${call.action} aborted`, reason));
    this.pump();
  }

  /**
   * Looks up an action's validators: `null` when the protocol's vocabulary is known and lacks the
   * action, `undefined` when there is no vocabulary for the protocol (non-strict without validators).
   */
  private schemasFor(protocol: OCPPProtocol, action: string): ActionSchemas | null | undefined {
    const set = this.validators[protocol];
    if (!set) return undefined;
    return Object.hasOwn(set.actions, action) ? set.actions[action]! : null;
  }

  /**
   * Runs the validator set's own `validate` (it comes with the set, from @ocpp-ws-io/schemas), so
   * an engine without validators ships no validation code at all.
   */
  private validate(
    protocol: OCPPProtocol,
    schema: ActionSchemas['request'],
    value: unknown,
  ): Violation | undefined {
    return this.validators[protocol]!.validate(schema, value);
  }

  private write(transport: Transport, frame: string): void {
    // Checked first so the hot path allocates no event object when nobody listens.
    if (this.emitter) this.emitter.emit('message', { direction: 'out', data: frame });
    transport.send(frame);
  }

  /**
   * Binds a freshly opened transport: frames flow, queued calls start going out. `sink` is what
   * the transport will drive, when a subclass brings a leaner one (a server's stations).
   */
  protected bind(transport: Transport, protocol: OCPPProtocol, sink?: TransportSink): void {
    if (this.transport) throw new StateError('A transport is already bound');
    this.transport = transport;
    this.negotiated = protocol;
    this.badMessages = 0;
    transport.attach(
      sink ?? {
        message: (data) => this.receive(transport, data),
        close: (info) => this.onTransportClose(transport, info),
        error: (error) => this.onTransportError(transport, error),
      },
    );
    this.pump();
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
    if (this.transport !== transport) return;
    this.transport = undefined;
    for (const call of this.inbound.values()) call.abort(new ConnectionClosedError(reason));
    this.inbound = NONE;
    const calls = [...this.inFlight.values()];
    this.inFlight = NONE;
    if (requeue) {
      // Oldest first, ahead of everything queued after them: order is kept across the reconnect.
      for (const call of calls) {
        if (call.timer !== undefined) this.clock.clearTimeout(call.timer);
        call.timer = undefined;
      }
      this.queue.unshift(...calls.filter((c) => !c.durable));
      this.durable?.requeue(calls.filter((c) => c.durable));
      return;
    }
    for (const call of calls) {
      this.settle(
        call,
        new ConnectionClosedError(`${reason} before ${call.action} (${call.id}) was answered`),
      );
    }
  }

  /** Fails every queued call and refuses new ones until {@link reopen}. */
  protected shutdown(reason: string): void {
    this.closed = true;
    const queued = this.queue.splice(0);
    // Durable messages stay in the store: the next run sends them.
    this.durable?.shutdown(reason);
    for (const call of queued) this.settle(call, new AbortError(`${reason}; ${call.action} was never sent`));
  }

  /** Accepts calls again after {@link shutdown} (a client connecting anew). */
  protected reopen(): void {
    this.closed = false;
  }

  /** Closes the bound transport, if any. */
  protected closeTransport(code: number, reason: string): void {
    this.transport?.close(code, reason);
  }

  // ── inbound ────────────────────────────────────────────────────────────────────────────────

  /** One inbound frame from `transport` (what a sink's `message` calls). */
  protected receive(transport: Transport, data: string): void {
    if (this.transport !== transport) return;
    const protocol = this.negotiated!;
    if (exceedsBytes(data, this.maxFrameBytes)) {
      this.emit('badMessage', {
        data: data.slice(0, 256),
        error: new LimitError(`Inbound frame exceeds maxFrameBytes (${this.maxFrameBytes})`),
      });
      // 1009: "message too big" (RFC 6455 §7.4.1).
      transport.close(1009, 'Frame too large');
      return;
    }
    if (this.emitter) this.emitter.emit('message', { direction: 'in', data });
    const frame = parseFrame(data, protocol);
    if (isFault(frame)) {
      this.onFault(transport, data, frame);
      return;
    }

    switch (frame.type) {
      case CALL:
      case SEND:
        this.onCall(transport, protocol, data, frame);
        return;
      case CALLRESULT:
        this.onResult(transport, protocol, frame.id, frame.payload);
        return;
      case CALLERROR:
        this.badMessages = 0;
        this.onCallError(frame.id, frame.code, frame.description, frame.details);
        return;
      case CALLRESULTERROR:
        this.badMessages = 0;
        this.emit('callResultError', {
          messageId: frame.id,
          code: frame.code,
          description: frame.description,
          details: frame.details,
        });
        return;
    }
  }

  private onFault(transport: Transport, data: string, fault: FrameFault): void {
    this.emit('badMessage', { data, error: fault });
    if (fault.replyId !== undefined) {
      this.write(transport, serializeError(CALLERROR, fault.replyId, fault.code, fault.message));
    }
    if (fault.responseId !== undefined) {
      const call = this.inFlight.get(fault.responseId);
      if (call) {
        this.inFlight = drop(this.inFlight, fault.responseId);
        this.fail(
          call,
          new RPCError(fault.code as RPCErrorCode, `Malformed response: ${fault.message}`),
          'processing',
        );
        // A CALLRESULT we cannot process is rejected back to its sender in 2.1 (§4.2.3).
        if (this.negotiated === 'ocpp2.1' && isResultFrame(data)) {
          this.write(transport, serializeError(CALLRESULTERROR, fault.responseId, fault.code, fault.message));
        }
        this.pump();
      }
    }
    this.countBad(transport);
  }

  private countBad(transport: Transport): void {
    this.badMessages++;
    if (this.badMessages > this.maxBadMessages && this.transport === transport) {
      // 1002: protocol error (RFC 6455 §7.4.1) — the peer keeps sending what OCPP-J forbids.
      transport.close(1002, 'Too many malformed messages');
    }
  }

  private onCall(
    transport: Transport,
    protocol: OCPPProtocol,
    data: string,
    frame: Extract<InboundFrame, { type: typeof CALL | typeof SEND }>,
  ): void {
    const { id, action, payload } = frame;
    const isSend = frame.type === SEND;
    const v2 = protocol !== 'ocpp1.6';
    const reject = (code: RPCErrorCode, description: string, bad: boolean) => {
      if (bad) {
        this.emit('badMessage', { data, error: new RPCError(code, description) });
        this.countBad(transport);
      }
      // SEND frames are never answered, not even with an error (2.1 §4.2.4).
      if (!isSend) this.write(transport, serializeError(CALLERROR, id, code, description));
    };

    if (this.inbound.has(id)) {
      // "an existing message with the same unique identifier is being handled already" (2.x §4.2.3)
      reject(v2 ? 'RpcFrameworkError' : 'GenericError', `Message id ${id} is already being processed`, true);
      return;
    }
    const schemas = this.schemasFor(protocol, action);
    const handler = this.handlers?.get(action) ?? this.wildcard ?? this.inheritedHandler(action);
    if (schemas === null || (schemas === undefined && !handler)) {
      // Unknown action → NotImplemented (OCPP-J 1.6 §4.2.3 table 7, 2.x §4.3 table).
      reject('NotImplemented', `Unknown action ${action}`, false);
      return;
    }
    if (schemas && isSend !== (schemas.send === true)) {
      reject(
        v2 ? 'ProtocolError' : 'FormationViolation',
        `${action} cannot be sent as a ${isSend ? 'SEND' : 'CALL'}`,
        true,
      );
      return;
    }
    if (this.strict && schemas) {
      const violation = this.validate(protocol, schemas.request, payload);
      if (violation) {
        reject(
          violationCode(protocol, violation.kind),
          `${violation.path || '/'}: ${violation.message}`,
          true,
        );
        return;
      }
    }
    this.badMessages = 0;
    if (!handler) {
      // A known action the application does not handle → NotSupported.
      reject('NotSupported', `${action} is not supported`, false);
      return;
    }
    const controller = new InboundCall(payload, action, id, protocol);
    this.inbound = put(this.inbound, id, controller);
    let result: unknown;
    try {
      result = handler(controller);
    } catch (error) {
      this.finishCall(transport, protocol, id, action, isSend, schemas, controller, undefined, error);
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (value) =>
          this.finishCall(transport, protocol, id, action, isSend, schemas, controller, value, undefined),
        (error) =>
          this.finishCall(
            transport,
            protocol,
            id,
            action,
            isSend,
            schemas,
            controller,
            undefined,
            error ?? new Error('rejected'),
          ),
      );
    } else {
      this.finishCall(transport, protocol, id, action, isSend, schemas, controller, result, undefined);
    }
  }

  private finishCall(
    transport: Transport,
    protocol: OCPPProtocol,
    id: string,
    action: string,
    isSend: boolean,
    schemas: ActionSchemas | undefined,
    controller: InboundCall,
    value: unknown,
    error: unknown,
  ): void {
    if (this.inbound.get(id) === controller) this.inbound = drop(this.inbound, id);
    if (error !== undefined) this.emit('handlerError', { action, messageId: id, error });
    // The response belongs to the connection the CALL came in on; if it is gone, so is the reply.
    if (isSend || value === NO_REPLY || this.transport !== transport || controller.aborted) return;

    if (error !== undefined) {
      const frame =
        error instanceof RPCError
          ? serializeError(
              CALLERROR,
              id,
              toProtocolErrorCode(protocol, error.code),
              error.message === error.code ? '' : error.message,
              error.details,
            )
          : serializeError(
              CALLERROR,
              id,
              'InternalError',
              this.exposeHandlerErrors && error instanceof Error
                ? error.message
                : 'An internal error occurred',
            );
      this.write(transport, frame);
      return;
    }
    const response = value === undefined || value === null ? {} : value;
    if (this.strict && schemas?.response) {
      const violation = this.validate(protocol, schemas.response, response);
      if (violation) {
        const invalid = new ValidationError(
          violationCode(protocol, violation.kind),
          `${action} handler: invalid response at ${violation.path || '/'}: ${violation.message}`,
          violation.path,
          'response',
        );
        this.emit('handlerError', { action, messageId: id, error: invalid });
        this.write(
          transport,
          serializeError(CALLERROR, id, 'InternalError', 'The response failed validation'),
        );
        return;
      }
    }
    const frame = serializeResult(id, response);
    if (exceedsBytes(frame, this.maxFrameBytes)) {
      this.emit('handlerError', {
        action,
        messageId: id,
        error: new LimitError('Response exceeds maxFrameBytes'),
      });
      this.write(transport, serializeError(CALLERROR, id, 'InternalError', 'The response is too large'));
      return;
    }
    this.write(transport, frame);
  }

  private onResult(transport: Transport, protocol: OCPPProtocol, id: string, payload: Payload): void {
    const call = this.inFlight.get(id);
    // No pending call: a late response after a timeout, or a stray id. Drop it (nobody waits).
    if (!call) return;
    this.inFlight = drop(this.inFlight, id);
    this.badMessages = 0;
    const schemas = this.strict ? this.schemasFor(protocol, call.action) : undefined;
    if (schemas?.response) {
      const violation = this.validate(protocol, schemas.response, payload);
      if (violation) {
        const code = violationCode(protocol, violation.kind);
        const description = `${violation.path || '/'}: ${violation.message}`;
        this.emit('badMessage', {
          data: serializeResult(id, payload),
          error: new RPCError(code, description),
        });
        if (protocol === 'ocpp2.1')
          this.write(transport, serializeError(CALLRESULTERROR, id, code, description));
        this.fail(
          call,
          new ValidationError(
            code,
            `Invalid ${call.action} response at ${description}`,
            violation.path,
            'response',
          ),
          'processing',
        );
        this.pump();
        return;
      }
    }
    this.durable?.answered(call.action, payload);
    this.settle(call, undefined, payload);
    this.pump();
  }

  private onCallError(id: string, code: string, description: string, details: Payload): void {
    const call = this.inFlight.get(id);
    if (!call) return;
    this.inFlight = drop(this.inFlight, id);
    this.fail(call, new RPCError(code as RPCErrorCode, description, details), 'processing');
    this.pump();
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

function isResultFrame(data: string): boolean {
  // Cheap check used only on the fault path: is this a CALLRESULT ([3, …])?
  return /^\s*\[\s*3\s*,/.test(data);
}

/**
 * A handler's context for one inbound call: one small object per call, and the AbortController
 * (costly to create on Node) only if the handler reads `signal`.
 */
class InboundCall {
  /** Filled in for server-level handlers: the station the call came from. */
  station: unknown;
  aborted = false;
  private c: AbortController | undefined;
  constructor(
    readonly params: Payload,
    readonly action: string,
    readonly messageId: string,
    readonly protocol: OCPPProtocol,
  ) {}
  get signal(): AbortSignal {
    this.c ??= new AbortController();
    if (this.aborted) this.c.abort();
    return this.c.signal;
  }
  abort(reason: unknown): void {
    this.aborted = true;
    this.c?.abort(reason);
  }
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
