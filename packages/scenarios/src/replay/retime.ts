// A recorded call sent again today: its instants moved by the time since the recording, and (1.6)
// the transaction ids the CSMS assigned in the recording replaced by the ones it assigns now.

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `value` with every ISO 8601 date-time string moved by `shiftMs` (written back in UTC), and every
 * `transactionId` found in `ids` replaced.
 *
 * @example
 * ```ts
 * retime({ timestamp: '2025-01-01T00:00:00.000Z', transactionId: 5 }, 60_000, new Map([[5, 17]]));
 * // → { timestamp: '2025-01-01T00:01:00.000Z', transactionId: 17 }
 * ```
 */
export function retime<T>(value: T, shiftMs: number, ids: ReadonlyMap<unknown, unknown>): T {
  if (typeof value === 'string' && shiftMs !== 0 && ISO.test(value))
    return new Date(Date.parse(value) + shiftMs).toISOString() as T;
  if (Array.isArray(value)) return value.map((item) => retime(item, shiftMs, ids)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = k === 'transactionId' && ids.has(v) ? ids.get(v) : retime(v, shiftMs, ids);
    return out as T;
  }
  return value;
}
