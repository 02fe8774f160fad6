// OCPP dateTime strings to and from epoch milliseconds.

/** Parses an OCPP dateTime (RFC 3339). A string the validators let through always parses. */
export function parseDateTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${field}: "${value}" is not a date-time`);
  return ms;
}

/**
 * Formats epoch milliseconds as UTC RFC 3339: `2024-05-01T08:00:00Z`, with `.sss` only when the
 * milliseconds are not 0 (the form OCPP examples use, so whole-second times round-trip as sent).
 */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** {@link parseDateTime} of an optional field. */
export function optionalMs(value: string | undefined, field: string): number | undefined {
  return value === undefined ? undefined : parseDateTime(value, field);
}

/** {@link formatDateTime} of an optional instant. */
export function optionalDateTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : formatDateTime(ms);
}
