import { StateError } from './errors.js';
import { isOCPPProtocol, type OCPPProtocol, PROTOCOLS } from './protocol.js';
import type { Clock, Validators } from './types.js';

/** Tunables shared by clients and server-side connections. Units are in the names. */
export interface EndpointOptions {
  /** Validate every request and response, both directions (default true). */
  readonly strictMode?: boolean;
  /** Validator sets per protocol; required for every offered protocol when strictMode is on. */
  readonly validators?: Validators | undefined;
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

const DEFAULT_CLOCK: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

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

/**
 * @internal The protocols a client offers or a server accepts (default: all, newest first),
 * checked the same way on both sides: not empty, each one known, and with strict mode on, each
 * with its validators (strict mode cannot check what it has no schemas for).
 */
export function checkedProtocols<TProtocol extends OCPPProtocol>(
  protocols: readonly TProtocol[] | undefined,
  options: EndpointOptions,
): readonly TProtocol[] {
  const list = protocols ?? (PROTOCOLS as readonly TProtocol[]);
  if (list.length === 0) throw new TypeError('protocols must not be empty');
  for (const p of list) {
    if (!isOCPPProtocol(p)) throw new TypeError(`Unsupported protocol ${p}`);
    if ((options.strictMode ?? true) && !options.validators?.[p])
      throw new StateError(
        `strictMode needs validators for ${p} (from @ocpp-ws-io/schemas/${p}), or strictMode: false`,
      );
  }
  return list;
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
