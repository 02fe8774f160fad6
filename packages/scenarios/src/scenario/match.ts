// Field matchers of expect steps: paths into a payload, and what the value found there must be.

import type { Matcher, Matchers } from './types.js';

/** One value found at a path (with `*`, one per array element). */
interface Found {
  readonly path: string;
  readonly present: boolean;
  readonly value: unknown;
}

/**
 * The values at `path` in `root`: keys separated by dots, array indexes as numbers, `*` for
 * every element of an array, `$` for `root` itself.
 *
 * @example
 * ```ts
 * valuesAt({ list: [{ a: 1 }, { a: 2 }] }, 'list.*.a'); // two entries, values 1 and 2
 * ```
 */
export function valuesAt(root: unknown, path: string): Found[] {
  if (path === '$') return [{ path, present: root !== undefined, value: root }];
  let found: Found[] = [{ path: '', present: true, value: root }];
  for (const key of path.split('.')) {
    const next: Found[] = [];
    for (const f of found) {
      const at = (k: string) => (f.path ? `${f.path}.${k}` : k);
      if (!f.present || f.value === null || typeof f.value !== 'object') {
        next.push({ path: at(key), present: false, value: undefined });
      } else if (key === '*') {
        if (Array.isArray(f.value))
          f.value.forEach((item, i) => {
            next.push({ path: at(String(i)), present: true, value: item });
          });
        else next.push({ path: at(key), present: false, value: undefined });
      } else {
        const container = f.value as Record<string, unknown>;
        const present = Object.hasOwn(container, key);
        next.push({ path: at(key), present, value: present ? container[key] : undefined });
      }
    }
    found = next;
  }
  return found;
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const asNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

/** Why `found` fails `matcher`, or undefined when it holds. */
function problem(found: Found, matcher: Matcher): string | undefined {
  const { path, present, value } = found;
  const is = present ? `is ${show(value)}` : 'is missing';
  if (matcher === null || typeof matcher !== 'object') {
    return present && equal(value, matcher) ? undefined : `${path} ${is}, expected ${show(matcher)}`;
  }
  if ('equals' in matcher)
    return present && equal(value, matcher.equals)
      ? undefined
      : `${path} ${is}, expected ${show(matcher.equals)}`;
  if ('oneOf' in matcher)
    return present && matcher.oneOf.some((m) => equal(value, m))
      ? undefined
      : `${path} ${is}, expected one of ${matcher.oneOf.map(show).join(', ')}`;
  if ('present' in matcher) return present ? undefined : `${path} is missing`;
  if ('absent' in matcher) return present ? `${path} is ${show(value)}, expected it absent` : undefined;
  if ('matches' in matcher)
    return present && typeof value === 'string' && new RegExp(matcher.matches).test(value)
      ? undefined
      : `${path} ${is}, expected text matching /${matcher.matches}/`;
  if ('length' in matcher || 'minLength' in matcher) {
    const length = Array.isArray(value) || typeof value === 'string' ? value.length : undefined;
    const ok =
      length !== undefined && ('length' in matcher ? length === matcher.length : length >= matcher.minLength);
    const want = 'length' in matcher ? `${matcher.length}` : `at least ${matcher.minLength}`;
    return ok ? undefined : `${path} ${is}, expected ${want} item(s)`;
  }
  const [op, bound] = Object.entries(matcher)[0] as ['gt' | 'gte' | 'lt' | 'lte', number | string];
  const n = asNumber(value);
  const b = asNumber(bound);
  const holds = { gt: n > b, gte: n >= b, lt: n < b, lte: n <= b }[op];
  const words = { gt: 'greater than', gte: 'at least', lt: 'less than', lte: 'at most' }[op];
  return present && Number.isFinite(n) && holds ? undefined : `${path} ${is}, expected ${words} ${bound}`;
}

/**
 * Checks `payload` against `matchers` (already interpolated); returns one sentence per field that
 * does not hold (empty when all hold). A `*` path holds only when every element holds, and at
 * least one element exists.
 *
 * @example
 * ```ts
 * checkMatchers({ idTagInfo: { status: 'Invalid' } }, { 'idTagInfo.status': 'Accepted' });
 * // → ['idTagInfo.status is "Invalid", expected "Accepted"']
 * ```
 */
export function checkMatchers(payload: unknown, matchers: Matchers): string[] {
  const problems: string[] = [];
  for (const [path, matcher] of Object.entries(matchers)) {
    const found = valuesAt(payload, path);
    const absentOk = typeof matcher === 'object' && matcher !== null && 'absent' in matcher;
    if (path.includes('*') && found.every((f) => !f.present) && !absentOk) {
      problems.push(`${path} matches no element`);
      continue;
    }
    for (const f of found) {
      const p = problem(f, matcher);
      if (p) {
        problems.push(p);
        break;
      }
    }
  }
  return problems;
}
