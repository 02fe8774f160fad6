// Variables in scenario strings: `${name}` from the run and from captures, `${now±N(ms|s|m|h)}`
// for instants on the station's clock.

/**
 * A variable a step uses is not set (no run setting, no capture by that name yet).
 *
 * @example
 * ```ts
 * try { interpolate('${transactionId}', {}, Date.now()); } catch (e) { console.log((e as MissingVariableError).variable); }
 * ```
 */
export class MissingVariableError extends Error {
  override readonly name = 'MissingVariableError';
  constructor(readonly variable: string) {
    super(`The variable \${${variable}} is not set (no setting or earlier capture of that name)`);
  }
}

const WHOLE = /^\$\{([^}]+)\}$/;
const ANY = /\$\{([^}]+)\}/g;
const NOW = /^now(?:([+-])(\d+)(ms|s|m|h))?$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function resolve(name: string, vars: Readonly<Record<string, unknown>>, nowMs: number): unknown {
  const time = NOW.exec(name.trim());
  if (time) {
    const [, sign, amount, unit] = time;
    const offset = sign ? Number(amount) * UNIT_MS[unit!]! * (sign === '-' ? -1 : 1) : 0;
    return new Date(nowMs + offset).toISOString();
  }
  if (!Object.hasOwn(vars, name) || vars[name] === undefined) throw new MissingVariableError(name);
  return vars[name];
}

/**
 * Replaces the variables in `value` (strings, deep in arrays and objects). A string that is one
 * variable and nothing else becomes the variable's value with its type (a number stays a number).
 *
 * @example
 * ```ts
 * interpolate({ transactionId: '${tx}', expiryDate: '${now+5m}' }, { tx: 17 }, Date.now());
 * // → { transactionId: 17, expiryDate: '2025-…' }
 * ```
 */
export function interpolate<T>(value: T, vars: Readonly<Record<string, unknown>>, nowMs: number): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return resolve(whole[1]!, vars, nowMs) as T;
    return value.replace(ANY, (_, name: string) => String(resolve(name, vars, nowMs))) as T;
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, vars, nowMs)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, vars, nowMs);
    return out as T;
  }
  return value;
}
