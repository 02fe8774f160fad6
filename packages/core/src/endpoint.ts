import { createNanoEvents, type Emitter } from 'nanoevents';
import { check, schemasOf } from './check.js';
import { BINARY_FRAME_CLOSE, FRAME_TOO_LARGE_CLOSE } from './close-frame.js';
import type { EndpointConfig } from './endpoint-config.js';
import {
  AbortError,
  ConnectionClosedError,
  LimitError,
  RPCError,
  type RPCErrorCode,
  StateError,
  TimeoutError,
  ValidationError,
} from './errors.js';
import type { ConnectionEvents } from './events.js';
import {
  type FrameFault,
  isFault,
  type Payload,
  parseFrame,
  serializeError,
  serializeResult,
} from './frames.js';
import {
  type AnyHandler,
  answerFrame,
  type CallFrame,
  InboundCall,
  refuseCall,
  runHandler,
} from './inbound-call.js';
import { NO_REPLY } from './no-reply.js';
import { type DurableQueue, type OutboundCall, outboundFrame } from './outbound-call.js';
import { CALL, CALLERROR, CALLRESULT, CALLRESULTERROR, type OCPPProtocol, SEND } from './protocol.js';
import { drop, NONE, put } from './shared-map.js';
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
  WildcardHandler,
} from './types.js';
import { exceedsBytes } from './utf8.js';

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
  #durable: DurableQueue | undefined;

  /** @internal Made by OCPPClient and by OCPPServer for its stations, with resolved options. */
  constructor(config: EndpointConfig) {
    this.#config = config;
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

  /** Turns on durable delivery of transaction-related calls (clients). */
  protected attachDurable(lane: DurableQueue): void {
    this.#durable = lane;
    // Positional: an object naming these would cost every bundle the names, used or not.
    lane.attach(
      this.clock,
      () => this.#closed,
      this.#makeCall.bind(this),
      this.#pump.bind(this),
      this.#settle.bind(this),
      this.emit.bind(this),
    );
  }

  /**
   * Queues what a previous run left in the durable store, ahead of anything new; undefined when
   * durable delivery is off (so a client without it does not even wait a tick).
   */
  protected restoreDurable(): Promise<number> | undefined {
    return this.#durable?.restore();
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

  /** Writes one outbound call; one that cannot be sent never leaves (see outboundFrame). */
  #dispatch(call: OutboundCall): void {
    const frame = outboundFrame(this.#config, this.#protocol!, call);
    if (typeof frame !== 'string') {
      // A call that can never be sent: a durable one is given up (dropped from its store).
      if (call.durable) this.#durable!.drop(call, frame);
      else this.#settle(call, frame);
      return;
    }
    if (call.type === CALL) {
      this.#inFlight = put(this.#inFlight, call.id, call);
      call.timer = this.clock.setTimeout(() => this.#timeout(call), call.timeoutMs);
    }
    this.#write(this.#transport!, frame);
    if (call.type === SEND) this.#settle(call, undefined);
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
        binary: () => this.receiveBinary(transport),
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

  /** One inbound text frame from `transport` (what a sink's `message` calls). */
  protected receive(transport: Transport, data: string): void {
    if (this.#transport !== transport) return;
    const protocol = this.#protocol!;
    if (exceedsBytes(data, this.#config.maxBytes)) {
      this.emit('badMessage', {
        data: data.slice(0, 256),
        error: new LimitError(`Inbound frame exceeds maxFrameBytes (${this.#config.maxBytes})`),
      });
      transport.close(FRAME_TOO_LARGE_CLOSE.code, FRAME_TOO_LARGE_CLOSE.reason);
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

  /**
   * A binary frame from `transport`: OCPP-J messages are UTF-8 text (OCPP-J 1.6, 2.0.1 and 2.1
   * §4.1.2), so the connection closes with 1003 (RFC 6455 §7.4.1); the close event says why.
   */
  protected receiveBinary(transport: Transport): void {
    if (this.#transport === transport) transport.close(BINARY_FRAME_CLOSE.code, BINARY_FRAME_CLOSE.reason);
  }

  #onFault(transport: Transport, data: string, fault: FrameFault): void {
    this.emit('badMessage', { data, error: fault });
    if (fault.replyId !== undefined)
      this.#writeError(transport, CALLERROR, fault.replyId, fault.code, fault.message);
    const call = fault.responseId === undefined ? undefined : this.#inFlight.get(fault.responseId);
    if (call) {
      // A CALLRESULT we cannot process is rejected back to its sender in 2.1 (§4.2.3).
      if (this.#protocol === 'ocpp2.1' && fault.messageType === CALLRESULT)
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

  #onCall(transport: Transport, protocol: OCPPProtocol, data: string, frame: CallFrame): void {
    const { id, action } = frame;
    const isSend = frame.type === SEND;
    const schemas = schemasOf(this.#config.validators, protocol, action);
    const handler = this.#handlers?.get(action) ?? this.#wildcard ?? this.inheritedHandler(action);
    const refusal = refuseCall(this.#config, protocol, frame, schemas, handler, this.#inbound.has(id));
    // A call that passed every check ends a run of bad messages (NotSupported only says that
    // nothing here handles it).
    if (!refusal || refusal.code === 'NotSupported') this.#bad = 0;
    if (refusal) {
      if (refusal.bad) {
        this.emit('badMessage', { data, error: new RPCError(refusal.code, refusal.description) });
        this.#countBad(transport);
      }
      // SEND frames are never answered, not even with an error (2.1 §4.2.4).
      if (!isSend) this.#writeError(transport, CALLERROR, id, refusal.code, refusal.description);
      return;
    }
    const context = new InboundCall(frame.payload, action, id, protocol);
    this.#inbound = put(this.#inbound, id, context);
    // Only a transport that asks is told when the answer went out: the others pay nothing per call.
    let answered: (() => void) | undefined;
    transport.waitUntil?.(
      new Promise<void>((resolve) => {
        answered = resolve;
      }),
    );
    // refuseCall refuses every call without a handler.
    runHandler(handler!, context, (value, error) => {
      answered?.();
      if (this.#inbound.get(id) === context) this.#inbound = drop(this.#inbound, id);
      if (error !== undefined) this.emit('handlerError', { action, messageId: id, error });
      // The response belongs to the connection the CALL came in on; if it is gone, so is the reply.
      if (isSend || value === NO_REPLY || this.#transport !== transport || context.aborted) return;
      const answer = answerFrame(this.#config, protocol, id, action, schemas, value, error);
      if (typeof answer !== 'string') {
        this.emit('handlerError', { action, messageId: id, error: answer.problem });
        this.#write(transport, answer.frame);
      } else this.#write(transport, answer);
    });
  }

  #onResult(transport: Transport, protocol: OCPPProtocol, call: OutboundCall, payload: Payload): void {
    const schemas = this.#config.strict
      ? schemasOf(this.#config.validators, protocol, call.action)
      : undefined;
    const invalid = schemas?.response && check(this.#config.validators, protocol, schemas.response, payload);
    if (invalid) {
      const { code, description, path } = invalid;
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
