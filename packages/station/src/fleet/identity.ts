// Identities of a fleet's stations from one template, so a UI, a CSMS's allow-list and a test can
// all name station n the same way.

const PLACEHOLDER = /\{n(?::(\d{1,2}))?\}/g;

/**
 * The identity of station number `n` from `template`: `{n}` becomes the number, `{n:4}` the
 * number zero-padded to 4 digits. A template without `{n}` is refused: every station would get
 * the same identity, and a CSMS accepts one connection per identity.
 *
 * @example
 * ```ts
 * fleetIdentity('CP-{n}', 7);      // 'CP-7'
 * fleetIdentity('SIM-{n:4}', 42);  // 'SIM-0042'
 * ```
 */
export function fleetIdentity(template: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`station number must be an integer ≥ 0, got ${n}`);
  let found = false;
  const identity = template.replace(PLACEHOLDER, (_match, width: string | undefined) => {
    found = true;
    return width === undefined ? String(n) : String(n).padStart(Number(width), '0');
  });
  if (!found) throw new TypeError(`identity template ${JSON.stringify(template)} has no {n}`);
  return identity;
}
