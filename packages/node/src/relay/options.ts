import type { AllowedOrigins, AllowedTargets } from './allow.js';

/**
 * Options of {@link startRelay}. Only `allowedTargets` is required; the defaults suit a relay on
 * a developer's machine serving one simulator page.
 *
 * @example
 * ```ts
 * const options: RelayOptions = { port: 9100, allowedTargets: ['ws://127.0.0.1:8787/ocpp'] };
 * ```
 */
export interface RelayOptions {
  /**
   * Where stations may connect through the relay (URL prefixes or a function). Required: a relay
   * that connects anywhere is an open proxy.
   */
  readonly allowedTargets: AllowedTargets;
  /**
   * Which pages may use the relay, by `Origin` (default: pages served from this machine —
   * 127.x.x.x, localhost, [::1] — and clients that send no Origin, i.e. not browsers).
   */
  readonly allowedOrigins?: AllowedOrigins;
  /** Port to listen on (default 0: any free port; read it from the result). */
  readonly port?: number;
  /**
   * Interface to listen on (default `127.0.0.1`: loopback only). Binding to another interface
   * lets other machines use the relay: keep `allowedTargets` and `allowedOrigins` tight then.
   */
  readonly host?: string;
  /** Pages (relay sockets) served at once (default 16); more get HTTP 503. */
  readonly maxLinks?: number;
  /** Stations per page socket (default 2,000); more are refused (retryable). */
  readonly maxStationsPerLink?: number;
  /** Largest frame either way, bytes (default 1 MiB, the client's own default). */
  readonly maxFrameBytes?: number;
  /**
   * Bytes queued towards one peer before the relay pushes back (default 4 MiB): towards the page,
   * the relay stops reading from the CSMS sockets of that page until half of it drained; towards
   * a CSMS that does not read, that station's connection is closed (1006) instead of queuing on.
   */
  readonly maxBufferedBytes?: number;
  /** Give up a CSMS handshake after this long (default 30 000 ms). */
  readonly handshakeTimeoutMs?: number;
  /** Ping the page this often and drop its socket if no pong came by the next ping (default 30 000 ms; 0: off). */
  readonly pingIntervalMs?: number;
  /** Where the relay reports pages coming and going and refused connections (default: nowhere). */
  readonly log?: (line: string) => void;
}

/**
 * The options with their defaults filled in, as one link uses them (internal).
 *
 * @example
 * ```ts
 * const settings: RelaySettings = { allowed: compileTargets(targets), maxStationsPerLink: 2_000, maxFrameBytes: 1 << 20, maxBufferedBytes: 4 << 20, handshakeTimeoutMs: 30_000, pingIntervalMs: 30_000, log: () => {} };
 * ```
 */
export interface RelaySettings {
  readonly allowed: (url: URL) => boolean;
  readonly maxStationsPerLink: number;
  readonly maxFrameBytes: number;
  readonly maxBufferedBytes: number;
  readonly handshakeTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly log: (line: string) => void;
}

/**
 * Default of {@link RelayOptions.maxStationsPerLink}: room for a 1,000-station tab, twice over.
 *
 * @example
 * ```ts
 * await startRelay({ allowedTargets, maxStationsPerLink: DEFAULT_MAX_STATIONS_PER_LINK / 2 });
 * ```
 */
export const DEFAULT_MAX_STATIONS_PER_LINK = 2_000;
