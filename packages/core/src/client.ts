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
}

/** Where a client is in its life. */
export type ClientState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

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
    this.endpointUrl = options.endpoint.replace(/\/+$/, '');
    this.offered = offered;
    this.password = options.password;
    this.headers = options.headers;
    this.connector = options.connector;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  }

  /** Current lifecycle state. */
  get state(): ClientState {
    return this.currentState;
  }

  /** The URL the client connects to: endpoint + '/' + percent-encoded identity. */
  get url(): string {
    return `${this.endpointUrl}/${encodeURIComponent(this.identity)}`;
  }

  /**
   * Opens the connection and resolves with the agreed subprotocol. Calls made while connecting
   * are queued and go out once open.
   */
  async connect(): Promise<{ protocol: TProtocol }> {
    if (this.currentState === 'open') return { protocol: this.protocol as TProtocol };
    if (this.currentState === 'connecting' || this.currentState === 'closing') {
      throw new StateError(`connect() called while ${this.currentState}`);
    }
    this.currentState = 'connecting';
    this.reopen();
    // Once a protocol was agreed, later connections offer only that one (OCPP-J 2.x §5.3 keeps
    // the negotiated version across reconnects).
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
      this.clock.clearTimeout(timer);
      this.attempt = undefined;
      if (this.currentState === 'connecting') this.currentState = 'idle';
      const failure =
        error instanceof ConnectError
          ? error
          : attempt.signal.aborted && attempt.signal.reason instanceof ConnectError
            ? attempt.signal.reason
            : new ConnectError(`Connection to ${this.url} failed: ${(error as Error)?.message ?? error}`, {
                retryable: true,
                cause: error,
              });
      this.events.emit('error', failure);
      throw failure;
    }
    this.clock.clearTimeout(timer);
    this.attempt = undefined;
    if (this.currentState !== 'connecting') {
      // close() was called while the socket was opening.
      transport.close(1000, 'Client closed');
      throw new StateError('The client was closed while connecting');
    }
    const protocol = transport.protocol;
    if (!(protocols as string[]).includes(protocol) || !isOCPPProtocol(protocol)) {
      transport.close(1002, 'No agreed subprotocol');
      this.currentState = 'idle';
      const failure = new ConnectError(
        protocol
          ? `Server chose subprotocol ${protocol}, which was not offered`
          : 'Server agreed no subprotocol',
        { retryable: false },
      );
      this.events.emit('error', failure);
      throw failure;
    }
    this.current = transport;
    this.currentState = 'open';
    this.bind(transport, protocol);
    this.events.emit('open', { protocol });
    return { protocol: protocol as TProtocol };
  }

  override call<TAction extends CallActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
    options?: CallOptions,
  ): Promise<ResponseOf<TProtocol, TAction>> {
    if (this.currentState === 'idle' || this.currentState === 'closed' || this.currentState === 'closing') {
      return Promise.reject(new StateError(`call(${action}) while ${this.currentState}: connect() first`));
    }
    return super.call(action, params, options);
  }

  override send<TAction extends SendActionName<TProtocol>>(
    action: TAction,
    params: RequestOf<TProtocol, TAction>,
  ): Promise<void> {
    if (this.currentState !== 'open' && this.currentState !== 'connecting') {
      return Promise.reject(new StateError(`send(${action}) while ${this.currentState}`));
    }
    return super.send(action, params);
  }

  /**
   * Closes the connection (code 1000 by default) and resolves once it is closed. Queued calls
   * are rejected; calls in flight reject with ConnectionClosedError.
   */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    if (this.currentState === 'closed' || this.currentState === 'idle') {
      this.currentState = 'closed';
      this.shutdown('Client closed');
      return Promise.resolve({ code, reason });
    }
    const done = new Promise<CloseInfo>((resolve) => this.closeWaiters.push(resolve));
    if (this.currentState === 'connecting') {
      this.currentState = 'closed';
      this.attempt?.abort(new ConnectError('Client closed while connecting', { retryable: false }));
      this.shutdown('Client closed');
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
    super.onTransportClose(transport, info);
    const wasClosing = this.currentState === 'closing';
    this.currentState = 'closed';
    if (!wasClosing) this.shutdown('Connection lost');
    this.events.emit('close', info);
    this.resolveClose(info);
  }

  protected override onTransportError(transport: Transport, error: Error): void {
    if (transport === this.current) this.events.emit('error', error);
  }

  private resolveClose(info: CloseInfo): void {
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const resolve of waiters) resolve(info);
  }
}
