import { backoffDelayMs, DEFAULT_RECONNECT, type ReconnectOptions } from './backoff.js';
import type { DurableLane, durableDelivery } from './durable-lane.js';
import { Endpoint } from './endpoint.js';
import { checkedProtocols, type EndpointOptions, endpointConfig } from './endpoint-config.js';
import { ConnectError, StateError } from './errors.js';
import { createIdGenerator } from './ids.js';
import { isOCPPProtocol, type OCPPProtocol } from './protocol.js';
import type { CloseInfo, Connector, Transport } from './transport.js';

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
  readonly #options: OCPPClientOptions<TProtocol>;
  readonly #offered: readonly TProtocol[];
  #state: ClientState = 'idle';
  #current: Transport | undefined;
  #attempt: AbortController | undefined;
  #closeWaiters: Array<(info: CloseInfo) => void> = [];
  readonly #reconnect: Required<ReconnectOptions> | undefined;
  #reconnectTimer: unknown;
  /** The reconnect attempt the timer will make (for reconnectNow()). */
  #reconnectAttempt = 0;
  /** The Basic-auth password of the next connection (options.password until setPassword()). */
  #password: string | undefined;

  constructor(options: OCPPClientOptions<TProtocol>) {
    super(endpointConfig(options, createIdGenerator()));
    if (!options.identity) throw new TypeError('identity is required');
    if (!/^wss?:\/\//i.test(options.endpoint))
      throw new TypeError(`endpoint must be a ws:// or wss:// URL, got ${options.endpoint}`);
    const offered = checkedProtocols(options.protocols, options);
    this.identity = options.identity;
    this.#options = options;
    this.#offered = offered;
    this.#password = options.password;
    const { reconnect } = options;
    this.#reconnect =
      reconnect === false ? undefined : { ...DEFAULT_RECONNECT, ...(reconnect === true ? {} : reconnect) };
    if (options.durable) this.attachDurable(options.durable);
  }

  /**
   * Replaces the Basic-auth password from the next connection on; the open one is not touched.
   * This is how a station takes a new password the CSMS gave it (OCPP 1.6 security whitepaper:
   * ChangeConfiguration of AuthorizationKey; 2.0.1 A01: SetVariables of
   * SecurityCtrlr.BasicAuthPassword), before it reconnects with it. `undefined` removes it.
   *
   * @example
   * ```ts
   * client.setPassword(newPassword);
   * await client.close(); await client.connect(); // the CSMS now sees the new password
   * ```
   */
  setPassword(password: string | undefined): void {
    this.#password = password;
  }

  /**
   * While waiting to reconnect (state `reconnecting`), makes the next attempt now instead of at
   * the end of its back-off delay; the attempt counts as the one it replaces. Returns false (and
   * does nothing) in any other state. For a simulated station whose network comes back, or a UI's
   * "retry now" button.
   *
   * @example
   * ```ts
   * window.addEventListener('online', () => client.reconnectNow());
   * ```
   */
  reconnectNow(): boolean {
    if (this.#state !== 'reconnecting' || this.#reconnectTimer === undefined) return false;
    this.clock.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    void this.#attemptReconnect(this.#reconnectAttempt);
    return true;
  }

  /** Current lifecycle state. */
  get state(): ClientState {
    return this.#state;
  }

  /** The URL the client connects to: endpoint + '/' + percent-encoded identity. */
  get url(): string {
    // The identity is the last path segment (OCPP-J 1.6 §3.1, 2.0.1 §3.1.1), also when the
    // endpoint carries a query string, which stays after it.
    const [, base, search] = /^([^?]*?)\/*(\?.*)?$/s.exec(this.#options.endpoint)!;
    return `${base}/${encodeURIComponent(this.identity)}${search ?? ''}`;
  }

  /**
   * Opens the connection and resolves with the agreed subprotocol. Calls made while connecting
   * are queued and go out once open. Once a connection was open, losing it starts the reconnect
   * loop (unless `reconnect: false`).
   */
  async connect(): Promise<{ protocol: TProtocol }> {
    const state = this.#state;
    if (state === 'open') return { protocol: this.protocol as TProtocol };
    if (state !== 'idle' && state !== 'closed') throw new StateError(`connect() called while ${state}`);
    this.#state = 'connecting';
    this.reopen();
    try {
      // Messages a previous run left in the durable store go out first, in their order.
      const restoring = this.restoreDurable();
      if (restoring) await restoring;
      return { protocol: await this.#open() };
    } catch (error) {
      if (this.#state === 'connecting') this.#state = 'idle';
      throw error;
    }
  }

  /** One connection attempt; on success the transport is bound and `open` emitted. */
  async #open(): Promise<TProtocol> {
    const expected = this.#state;
    const { connectTimeoutMs = 10_000, headers } = this.#options;
    const password = this.#password;
    // Once a protocol was agreed, later connections offer only that one: reconnects keep the
    // negotiated version (OCPP-J 2.0.1 §5.3).
    const protocols: string[] = this.protocol ? [this.protocol] : [...this.#offered];
    const attempt = new AbortController();
    this.#attempt = attempt;
    const timer = this.clock.setTimeout(
      () =>
        attempt.abort(new ConnectError(`No connection within ${connectTimeoutMs} ms`, { retryable: true })),
      connectTimeoutMs,
    );
    let transport: Transport;
    try {
      transport = await this.#options.connector({
        url: this.url,
        identity: this.identity,
        protocols,
        password,
        headers,
        signal: attempt.signal,
      });
    } catch (error) {
      const { reason } = attempt.signal;
      throw this.#failed(
        error instanceof ConnectError
          ? error
          : reason instanceof ConnectError
            ? reason
            : new ConnectError(`Connection to ${this.url} failed: ${(error as Error)?.message ?? error}`, {
                retryable: true,
                cause: error,
              }),
      );
    } finally {
      this.clock.clearTimeout(timer);
      if (this.#attempt === attempt) this.#attempt = undefined;
    }
    const { protocol } = transport;
    if (this.#state !== expected) {
      // close() was called while the socket was opening.
      transport.close(1000, 'Client closed');
      throw new StateError('Client closed while connecting');
    }
    if (!protocols.includes(protocol) || !isOCPPProtocol(protocol)) {
      transport.close(1002, 'No agreed subprotocol');
      throw this.#failed(
        new ConnectError(
          protocol
            ? `Server chose subprotocol ${protocol}, which was not offered`
            : 'Server agreed no subprotocol',
          { retryable: false },
        ),
      );
    }
    this.#current = transport;
    this.#state = 'open';
    this.bind(transport, protocol);
    this.emit('open', { protocol });
    return protocol as TProtocol;
  }

  #failed(error: ConnectError): ConnectError {
    this.emit('error', error);
    return error;
  }

  protected override refusal(): string | undefined {
    // While connecting or reconnecting calls wait in the (bounded) queue.
    const state = this.#state;
    return state === 'idle' || state === 'closed' || state === 'closing'
      ? ` while ${state}: connect() first`
      : super.refusal();
  }

  /**
   * Closes the connection (code 1000 by default), stops any reconnect loop, and resolves once
   * closed. Queued calls are rejected with AbortError; calls in flight with ConnectionClosedError.
   */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    const state = this.#state;
    const info = { code, reason };
    const done = new Promise<CloseInfo>((resolve) => this.#closeWaiters.push(resolve));
    if (state === 'open' || state === 'closing') {
      this.#state = 'closing';
      this.shutdown('Client closed');
      this.closeTransport(code, reason);
    } else {
      // Not connected: nothing to wait for. A reconnect loop ends here, and says so.
      if (this.#reconnectTimer !== undefined) this.clock.clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = undefined;
      this.#attempt?.abort(new ConnectError('Client closed while connecting', { retryable: false }));
      this.#end(info, 'Client closed', state === 'reconnecting');
    }
    return done;
  }

  /** Closed for good: calls are refused, waiters on close() resolve, `close` is emitted if asked. */
  #end(info: CloseInfo, reason: string, emitClose = true): void {
    this.#state = 'closed';
    this.shutdown(reason);
    if (emitClose) this.emit('close', info);
    const waiters = this.#closeWaiters;
    this.#closeWaiters = [];
    for (const resolve of waiters) resolve(info);
  }

  protected override onTransportClose(transport: Transport, info: CloseInfo): void {
    if (transport !== this.#current) return;
    this.#current = undefined;
    const lost = this.#state !== 'closing';
    // Calls in flight go back to the head of the queue and are sent again once reconnected:
    // their responses could only come on the connection that is gone.
    this.unbind(transport, 'Connection closed', lost && !!this.#reconnect);
    if (lost && this.#reconnect) {
      this.emit('disconnect', info);
      this.#scheduleReconnect(0);
    } else this.#end(info, lost ? 'Connection lost' : 'Client closed');
  }

  protected override onTransportError(transport: Transport, error: Error): void {
    if (transport === this.#current) this.emit('error', error);
  }

  #scheduleReconnect(attempt: number): void {
    this.#state = 'reconnecting';
    // Math.random is called only here, when a reconnect happens, never at import or construction
    // (Workers forbid randomness at global scope).
    const delayMs = backoffDelayMs(attempt, this.#reconnect!, this.#options.random ?? Math.random);
    this.emit('reconnecting', { attempt: attempt + 1, delayMs });
    this.#reconnectAttempt = attempt;
    this.#reconnectTimer = this.clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      void this.#attemptReconnect(attempt);
    }, delayMs);
  }

  async #attemptReconnect(attempt: number): Promise<void> {
    if (this.#state !== 'reconnecting') return;
    try {
      await this.#open();
    } catch (error) {
      if (this.#state !== 'reconnecting') return;
      if (
        (error instanceof ConnectError && !error.retryable) ||
        attempt + 1 >= this.#reconnect!.maxAttempts
      ) {
        // Retrying cannot fix this (401/403, no common subprotocol) or we are out of attempts:
        // stop, and say why in the close event.
        const reason = `Reconnecting stopped: ${(error as Error)?.message ?? error}`;
        this.#end({ code: 1006, reason }, reason);
      } else this.#scheduleReconnect(attempt + 1);
    }
  }
}
