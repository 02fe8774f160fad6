// A CSMS keeps thousands of idle stations, and an empty Map costs ~200 bytes with its hash table:
// an endpoint's call maps are this one shared empty map while nothing is in them.

/**
 * @internal The map of every endpoint with no calls in it. Never written to: {@link put} makes an
 * endpoint its own map for the first entry, {@link drop} hands this one back once the last entry
 * is gone.
 */
export const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/** @internal `map` with `key` set: a new own map when `map` is {@link NONE}. */
export function put<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const own = map === NONE ? new Map<string, V>() : (map as Map<string, V>);
  own.set(key, value);
  return own;
}

/** @internal `map` without `key`: {@link NONE} again once it is empty. */
export function drop<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  // Deleting from NONE (no such key) changes nothing.
  (map as Map<string, V>).delete(key);
  return map.size > 0 ? map : NONE;
}
