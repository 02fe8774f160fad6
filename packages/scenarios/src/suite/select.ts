// Picking cases by id: `TC_0*`, `TC_04?_CSMS`, several patterns separated by commas.

/**
 * True when `id` matches one of `patterns` (`*` any text, `?` one character; case-sensitive), or
 * when there are none.
 *
 * @example
 * ```ts
 * selects('TC_012_CSMS', 'TC_01*,TC_02*'); // true
 * ```
 */
export function selects(id: string, patterns: string | readonly string[] | undefined): boolean {
  const list = (typeof patterns === 'string' ? patterns.split(',') : (patterns ?? []))
    .map((p) => p.trim())
    .filter(Boolean);
  if (list.length === 0) return true;
  return list.some((pattern) => {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    return new RegExp(`^${source}$`).test(id);
  });
}
