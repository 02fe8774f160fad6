import {
  AbortError,
  ConnectionClosedError,
  RPCError,
  StateError,
  TimeoutError,
  UnknownActionError,
  ValidationError,
} from '@ocpp-ws-io/core';

/** Why a CSMS → station call failed, as plain data (it crosses Durable Object RPC and HTTP). */
export interface StationCallFailure {
  /**
   * `NotConnected`: no open socket for the station. `CallError`: the station answered with a
   * CALLERROR (`code` is its OCPP error code). `ValidationFailed`: strict mode refused the request
   * or the station's response. `UnknownAction`: not an action of the negotiated version.
   * `Timeout`, `ConnectionClosed`: no answer. `InternalError`: anything else.
   */
  readonly type:
    | 'NotConnected'
    | 'CallError'
    | 'ValidationFailed'
    | 'UnknownAction'
    | 'Timeout'
    | 'ConnectionClosed'
    | 'InternalError';
  readonly message: string;
  /** The OCPP error code, for `CallError` and `ValidationFailed`. */
  readonly code?: string;
  /** The CALLERROR's errorDetails. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The result of `callStation()`: the station's response, or why there is none. */
export type StationCallOutcome =
  | { readonly ok: true; readonly protocol: string; readonly response: unknown }
  | { readonly ok: false; readonly error: StationCallFailure };

/** Maps a rejected `station.call()` to a {@link StationCallFailure}. */
export function failureOf(error: unknown): StationCallFailure {
  if (error instanceof RPCError)
    return { type: 'CallError', code: error.code, message: error.message, details: error.details };
  if (error instanceof ValidationError)
    return { type: 'ValidationFailed', code: error.rpcCode, message: error.message };
  if (error instanceof UnknownActionError) return { type: 'UnknownAction', message: error.message };
  if (error instanceof TimeoutError) return { type: 'Timeout', message: error.message };
  if (error instanceof ConnectionClosedError || error instanceof AbortError || error instanceof StateError)
    return { type: 'ConnectionClosed', message: error.message };
  return { type: 'InternalError', message: error instanceof Error ? error.message : String(error) };
}

const STATUS: Readonly<Record<StationCallFailure['type'], number>> = {
  NotConnected: 404,
  // The station (the upstream) answered, but with an error.
  CallError: 502,
  ValidationFailed: 422,
  UnknownAction: 400,
  Timeout: 504,
  ConnectionClosed: 503,
  InternalError: 500,
};

/**
 * The HTTP status the router answers a call outcome with.
 *
 * @example
 * ```ts
 * const outcome = await env.STATIONS.getByName('CP-1').callStation('Reset', { type: 'Soft' });
 * return Response.json(outcome, { status: httpStatusOf(outcome) });
 * ```
 */
export function httpStatusOf(outcome: StationCallOutcome): number {
  return outcome.ok ? 200 : STATUS[outcome.error.type];
}
