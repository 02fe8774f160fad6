import { ConnectError } from './errors.js';

// Statuses that retrying cannot fix: the request itself (400), the credentials (401) or the
// permission (403) are wrong, and will be the same next time. Everything else may pass later: a
// 404 while a deploy rolls out, 429 (RFC 6585 §4: "too many requests", try again later), 5xx.
const FINAL_STATUSES: readonly number[] = [400, 401, 403];

/**
 * True when a CSMS that refused the WebSocket upgrade with HTTP `status` may accept a later
 * attempt, so the client's reconnect loop (OCPP-J 2.0.1 §5.3) should go on.
 *
 * @example
 * ```ts
 * isRetryableStatus(503); // true
 * isRetryableStatus(401); // false: wrong credentials stay wrong
 * ```
 */
export function isRetryableStatus(status: number): boolean {
  return !FINAL_STATUSES.includes(status);
}

/**
 * The {@link ConnectError} every connector rejects with when the CSMS answered the upgrade with
 * HTTP `status` instead of 101: `status` set, `retryable` from {@link isRetryableStatus}.
 *
 * @example
 * ```ts
 * if (response.status !== 101) throw refusedUpgrade(response.status, url);
 * ```
 */
export function refusedUpgrade(status: number, url: string): ConnectError {
  return new ConnectError(`${url} refused the WebSocket upgrade with HTTP ${status}`, {
    status,
    retryable: isRetryableStatus(status),
  });
}
