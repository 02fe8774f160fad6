/**
 * The one seam between the OCPP-J engine and a runtime. An adapter maps its WebSocket
 * (browser/Deno/Workers `WebSocket`, Node `ws`, a hibernatable Durable Object socket, or the
 * in-memory pair used in tests) onto this small contract; the core never sees the socket itself.
 * Adapters extend `BufferedTransport`, which keeps the rules every runtime shares (buffering
 * until `attach`, the close-frame rule, one `close` report): they only map their socket's calls
 * and events.
 */
export interface Transport {
  /** The subprotocol agreed in the handshake, e.g. `ocpp2.0.1`. */
  readonly protocol: string;
  /** Sends one text frame. Only called while the transport is open. */
  send(data: string): void;
  /**
   * Starts a close handshake. Idempotent; never throws (the code and reason are made sendable
   * first, see `sendableClose`). The sink's `close` callback fires once the transport is
   * closed, whichever side started it.
   */
  close(code?: number, reason?: string): void;
  /**
   * Wires the transport to its consumer. Called exactly once, right after the transport is
   * handed to the engine; what arrives before is kept and delivered then, in order.
   */
  attach(sink: TransportSink): void;
  /**
   * For runtimes that end an event as soon as its handler returns (a Durable Object's
   * `webSocketMessage`), like the Workers `waitUntil`: the engine calls it while `sink.message`
   * runs, when the frame started a handler, with a promise that settles once the handler's answer
   * went out (or never will). The transport may keep its event open until then. Optional: other
   * transports leave it out and no promise is made.
   */
  waitUntil?(answer: Promise<void>): void;
}

/**
 * Callbacks a transport drives. Call them as methods of the sink (`sink.message(data)`), as
 * every adapter here does: a server's stations keep their per-connection state on the sink
 * object rather than in closures, so a method taken off it loses `this`.
 */
export interface TransportSink {
  /** One text frame. */
  message(data: string): void;
  /**
   * A binary frame arrived. OCPP-J messages are UTF-8 JSON text (OCPP-J 1.6 §4.1.2, 2.0.1 and
   * 2.1 §4.1.2): the engine closes with 1003, the code RFC 6455 §7.4.1 names for a data type
   * the endpoint cannot accept. Its content is never read.
   */
  binary(): void;
  close(info: CloseInfo): void;
  error(error: Error): void;
}

/** Why and how a connection closed. */
export interface CloseInfo {
  /** WebSocket close code (1000 normal, 1006 abnormal, …). */
  readonly code: number;
  readonly reason: string;
}

/** What a client adapter needs to open a connection. */
export interface ConnectRequest {
  /** Full URL: the endpoint with the percent-encoded identity appended as the last path segment. */
  readonly url: string;
  readonly identity: string;
  /** Subprotocols to offer, most preferred first. */
  readonly protocols: readonly string[];
  /** Basic-auth password (security profiles 1 and 2); the username is the identity. */
  readonly password?: string | undefined;
  /** Extra handshake headers, where the runtime can send them. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Aborts the attempt (client closed, or connect timeout). */
  readonly signal: AbortSignal;
}

/**
 * Opens one transport. Resolves once the WebSocket is open and the subprotocol is known;
 * rejects with {@link ConnectError} otherwise.
 */
export type Connector = (request: ConnectRequest) => Promise<Transport>;
