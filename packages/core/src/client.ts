import { backoffDelayMs, DEFAULT_RECONNECT, type ReconnectOptions } from './backoff.js';
import type { DurableLane, durableDelivery } from './durable-lane.js';
import { Endpoint, type EndpointOptions } from './endpoint.js';
import { ConnectError, StateError } from './errors.js';
import { createIdGenerator } from './ids.js';
import { isOCPPProtocol, type OCPPProtocol, PROTOCOLS } from './protocol.js';
import type { CloseInfo, Connector, Transport } from './transport.js';
import type { CallActionName, CallOptions, RequestOf, ResponseOf, SendActionName } from './types.js';

/** Options of {@link OCPPClient}. Durations carry their unit in the name. */
export interface OCPPClientOptions<TProtocol extends OCPPProtocol = OCPPProtocol> extends EndpointOptions {
  /** CSMS endpoint URL without the identity, e.g. `ws://127.0.0.1:9000/ocpp`. */
  readonly endpoint: string;
  /** Charging-station identity; appended percent-encoded as the last path segment. */
  readonly identity: string;
  /** Subprotocols to offer, most preferred first (default: every supported one, newest first). */
  readonly protocols?: readonly TProtocol[];
  /** Basic-auth password (security profiles 1 and 2; the username is the identity). */
  readonly password?: string;
  /** Extra handshake headers where the runtime can send them. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Opens the WebSocket; each runtime package supplies one. */
  readonly connector: Connector;
  /** Give up a connection attempt after this long (default 10 000 ms). */
  readonly connectTimeoutMs?: number;
  /**
   * Reconnect after a lost connection with the OCPP-J 2.x §5.3 back-off (default on).
   * `false` turns it off; an object tunes it.
   */
  readonly reconnect?: boolean | ReconnectOptions;
  /** Random source in [0, 1) for the back-off jitter (default Math.random, called lazily). */
  readonly random?: () => number;
  /**
   * Durable delivery of transaction-related messages, from {@link durableDelivery}: kept in a
   * MessageStore across reconnects and restarts, retried on CALLERROR (OCPP 1.6 §3.7). Off by
   * default (and then not bundled).
   */
  readonly durable?: DurableLane;
}

/** Where a client is in its life. */
export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed';

/**
 * A charging station's side of OCPP-J: connects to a CSMS, sends typed calls, answers the
 * CSMS's calls with handlers. Runtime packages (`@ocpp-ws-io/browser`, `/node`, `/deno`,
 * `/cloudflare`) export a subclass with their connector and the full validator sets preset.
 *
 * @example
 * ```ts
 * const client = new OCPPClient({
 *   endpoint: 'ws://127.0.0.1:9000/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'],
 *   connector, validators: { 'ocpp1.6': validators16 },
 * });
 * client.handle('Reset', () => ({ status: 'Accepted' }));
 * await client.connect();
 * const boot = await client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' });
 * ```
 */
export class OCPPClient<TProtocol extends OCPPProtocol = OCPPProtocol> extends Endpoint<TProtocol> {
  readonly identity: string;
  private readonly endpointUrl: string;
  private readonly offered: readonly TProtocol[];
  private readonly password: string | undefined;
  private readonly headers: Readonly<Record<string, string>> | undefined;
  private readonly connector: Connector;
  private readonly connectTimeoutMs: number;
  private currentState: ClientState = 'idle';
  private current: Transport | undefined;
  private attempt: AbortController | undefined;
  private closeWaiters: Array<(info: CloseInfo) => void> = [];
  private readonly reconnect: Required<ReconnectOptions> | undefined;
  private readonly random: () => number;
  private reconnectTimer: unknown;

  constructor(options: OCPPClientOptions<TProtocol>) {
    super(options, createIdGenerator());
    if (!options.identity) throw new TypeError('identity is required');
    if (!/^wss?:\/\//i.test(options.endpoint))
      throw new TypeError(`endpoint must be a ws:// or wss:// URL, got ${options.endpoint}`);
    const offered = options.protocols ?? (PROTOCOLS as readonly TProtocol[]);
    if (offered.length === 0) throw new TypeError('protocols must not be empty');
    for (const p of offered) if (!isOCPPProtocol(p)) throw new TypeError(`Unsupported protocol ${p}`);
    this.assertValidators(offered);
    this.identity = options.identity;
    this.endpointUrl = options.endpoint;
    this.offered = offered;
    this.password = options.password;
    this.headers = options.headers;
    this.connector = options.connector;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.reconnect =
      options.reconnect === false
        ? undefined
        : { ...DEFAULT_RECONNECT, ...(typeof options.reconnect === 'object' ? options.reconnect : {}) };
    // Wrapped so Math.random is looked up and called only when a reconnect happens, never at
    // import or construction (Workers forbid randomness at global scope).
    this.random = options.random ?? (() => Math.random());
    if (options.durable) this.attachDurable(options.durable);
  }

  /** Current lifecycle state. */
  get state(): ClientState {
    return this.currentState;
  }

  /** The URL the client connects to: endpoint + '/' + percent-encoded identity. */
  get url(): string {
    // The identity is the last path segment (OCPP-J 1.6 §3.1, 2.0.1 §3.1.1), also when the
    // endpoint carries a query string, which stays after it.
    const query = this.endpointUrl.indexOf('?');
    const base = query < 0 ? this.endpointUrl : this.endpointUrl.slice(0, query);
    const search = query < 0 ? '' : this.endpointUrl.slice(query);
    return `${base.replace(/\/+$/, '')}/${encodeURIComponent(this.identity)}${search}`;
  }

  /**
   * Opens the connection and resolves with the agreed subprotocol. Calls made while connecting
   * are queued and go out once open. Once a connection was open, losing it starts the reconnect
   * loop (unless `reconnect: false`).
   */
  async connect(): Promise<{ protocol: TProtocol }> {
    if (this.currentState === 'open') return { protocol: this.protocol as TProtocol };
    if (this.currentState !== 'idle' && this.currentState !== 'closed') {
      throw new StateError(`connect() called while ${this.currentState}`);
    }
    this.currentState = 'connecting';
    this.reopen();
    try {
      // Messages a previous run left in the durable store go out first, in their order.
      if (this.durableEnabled) await this.restoreDurable();
      const protocol = await this.open();
      return { protocol };
    } catch (error) {
      if (this.currentState === 'connecting') this.currentState = 'idle';
      throw error;
    }
  }

  /** One connection attempt; on success the transport is bound and `open` emitted. */
  private async open(): Promise<TProtocol> {
    const expected = this.currentState;
    // Once a protocol was agreed, later connections offer only that one: reconnects keep the
    // negotiated version (OCPP-J 2.0.1 §5.3).
    const protocols = this.protocol ? [this.protocol] : [...this.offered];
    const attempt = new AbortController();
    this.attempt = attempt;
    const timer = this.clock.setTimeout(
      () =>
        attempt.abort(
          new ConnectError(`No connection within ${this.connectTimeoutMs} ms`, { retryable: true }),
        ),
      this.connectTimeoutMs,
    );
    let transport: Transport;
    try {
      transport = await this.connector({
        url: this.url,
        identity: this.identity,
        protocols,
        password: this.password,
        headers: this.headers,
        signal: attempt.signal,
      });
    } catch (error) {
      const failure =
        error instanceof ConnectError
          ? error
          : attempt.signal.aborted && attempt.signal.reason instanceof ConnectError
            ? attempt.signal.reason
            : new ConnectError(`Connection to ${this.url} failed: ${(error as Error)?.message ?? error}`, {
                retryable: true,
                cause: error,
              });
      this.emit('error', failure);
      throw failure;
    } finally {
      this.clock.clearTimeout(timer);
      if (this.attempt === attempt) this.attempt = undefined;
    }
    if (this.currentState !== expected) {
      // close() was called while the socket was opening.
      transport.close(1000, 'Client closed');
      throw new StateError('Client closed while connecting');
    }
    const protocol = transport.protocol;
    if (!(protocols as string[]).includes(protocol) || !isOCPPProtocol(protocol)) {
      transport.close(1002, 'No agreed subprotocol');
      const failure = new ConnectError(
        protocol
          ? `Server chose subprotocol ${protocol}, which was not offered`
          : 'Server agreed no subprotocol',
        { retryable: false },
      );
      this.emit('error', failure);
      throw failure;
    }
    this.current = transport;
    this.currentState = 'open';
    this.bind(transport, protocol);
    this.emit('open', { protocol });
    return protocol as TProtocol;
  }

  override call<TAction extends CallActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
    options?: CallOptions,
  ): Promise<ResponseOf<TProtocol, TAction>> {
    if (this.currentState === 'idle' || this.currentState === 'closed' || this.currentState === 'closing') {
      return Promise.reject(new StateError(`call(${action}) while ${this.currentState}: connect() first`));
    }
    // While connecting or reconnecting the call waits in the (bounded) queue.
    return super.call(action, params, options);
  }

  override send<TAction extends SendActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
  ): Promise<void> {
    if (this.currentState === 'idle' || this.currentState === 'closed' || this.currentState === 'closing') {
      return Promise.reject(new StateError(`send(${action}) while ${this.currentState}`));
    }
    return super.send(action, params);
  }

  /**
   * Closes the connection (code 1000 by default), stops any reconnect loop, and resolves once
   * closed. Queued calls are rejected with AbortError; calls in flight with ConnectionClosedError.
   */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    if (this.currentState === 'closed' || this.currentState === 'idle') {
      this.currentState = 'closed';
      this.shutdown('Client closed');
      return Promise.resolve({ code, reason });
    }
    const done = new Promise<CloseInfo>((resolve) => this.closeWaiters.push(resolve));
    if (this.currentState === 'connecting' || this.currentState === 'reconnecting') {
      const wasReconnecting = this.currentState === 'reconnecting';
      this.currentState = 'closed';
      this.cancelReconnect();
      this.attempt?.abort(new ConnectError('Client closed while connecting', { retryable: false }));
      this.shutdown('Client closed');
      if (wasReconnecting) this.emit('close', { code, reason });
      this.resolveClose({ code, reason });
      return done;
    }
    this.currentState = 'closing';
    this.shutdown('Client closed');
    this.closeTransport(code, reason);
    return done;
  }

  protected override onTransportClose(transport: Transport, info: CloseInfo): void {
    if (transport !== this.current) return;
    this.current = undefined;
    const wasClosing = this.currentState === 'closing';
    if (!wasClosing && this.reconnect) {
      // Calls in flight go back to the head of the queue and are sent again once reconnected:
      // their responses could only come on the connection that is gone.
      this.unbind(transport, 'Connection lost', true);
      this.emit('disconnect', info);
      this.scheduleReconnect(0);
      return;
    }
    super.onTransportClose(transport, info);
    this.currentState = 'closed';
    if (!wasClosing) this.shutdown('Connection lost');
    this.emit('close', info);
    this.resolveClose(info);
  }

  protected override onTransportError(transport: Transport, error: Error): void {
    if (transport === this.current) this.emit('error', error);
  }

  private scheduleReconnect(attempt: number): void {
    this.currentState = 'reconnecting';
    const delayMs = backoffDelayMs(attempt, this.reconnect!, this.random);
    this.emit('reconnecting', { attempt: attempt + 1, delayMs });
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnectAttempt(attempt);
    }, delayMs);
  }

  private async reconnectAttempt(attempt: number): Promise<void> {
    if (this.currentState !== 'reconnecting') return;
    try {
      await this.open();
    } catch (error) {
      if (this.currentState !== 'reconnecting') return;
      const fatal = error instanceof ConnectError && !error.retryable;
      if (fatal || attempt + 1 >= this.reconnect!.maxAttempts) {
        // Retrying cannot fix this (401/403, no common subprotocol) or we are out of attempts:
        // stop, and say why in the close event.
        this.currentState = 'closed';
        const message = (error as Error)?.message ?? String(error);
        this.shutdown(`Reconnecting stopped: ${message}`);
        const info = { code: 1006, reason: `Reconnecting stopped: ${message}` };
        this.emit('close', info);
        this.resolveClose(info);
        return;
      }
      this.scheduleReconnect(attempt + 1);
    }
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private resolveClose(info: CloseInfo): void {
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const resolve of waiters) resolve(info);
  }
}
