// Building objects whose optional fields are absent rather than `undefined`: OCPP payloads must
// not carry a key they do not fill, and exactOptionalPropertyTypes keeps the model the same way.

/** `{ [key]: value }`, or `{}` when the value is undefined: spread it into an object literal. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The properties of `source` not named in `known`, or undefined when there are none: the fields
 * a conversion does not interpret, to be carried verbatim (see OcppExtras in types.ts).
 */
export function extrasOf(
  source: object,
  known: readonly string[],
): Readonly<Record<string, unknown>> | undefined {
  const extras = Object.entries(source).filter(([key, value]) => !known.includes(key) && value !== undefined);
  return extras.length === 0 ? undefined : Object.fromEntries(extras);
}
