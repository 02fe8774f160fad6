import type { OCPPProtocol } from './protocol.js';

// Helpers for auth callbacks. Core runs in browsers, Deno and Workers too, so nothing here may use
// node:crypto: the comparison is written out over the UTF-8 bytes of both strings.

const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on the length of `expected`, never on where the
 * first difference is or on what the peer sent. Use it for Basic-auth passwords and tokens:
 * `===` returns at the first different character, and that timing reveals a secret byte by byte.
 *
 * Both strings are compared as UTF-8 bytes, so visually equal but differently normalised strings
 * do not match (normalise both sides yourself if your secrets can contain such characters).
 *
 * @example
 * ```ts
 * server.auth(async ({ identity, password }) => {
 *   const stored = await secrets.get(identity); // undefined for unknown stations
 *   return timingSafeEqualString(password ?? '', stored ?? UNKNOWN_STATION_SECRET);
 * });
 * ```
 */
export function timingSafeEqualString(provided: string, expected: string): boolean {
  const given = encoder.encode(provided);
  const wanted = encoder.encode(expected);
  // A length mismatch is folded into the same accumulator instead of returning early.
  let diff = given.length ^ wanted.length;
  for (let i = 0; i < wanted.length; i++) {
    // Out-of-range reads give undefined, and `undefined | 0` is 0: no branch on the peer's length.
    diff |= (given[i]! | 0) ^ wanted[i]!;
  }
  return diff === 0;
}

/** How a 1.6 `AuthorizationKey` is held: as text, or as the hex form the whitepaper allows. */
export interface PasswordRuleOptions {
  /**
   * 1.6 only: the password is the hexadecimal representation of a binary key (16–20 bytes,
   * 32–40 hex digits). Default false: the password is compared as text of 16–20 UTF-8 bytes.
   */
  readonly hex?: boolean;
}

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Why `password` breaks the Basic-auth password rules of `protocol`, or undefined when it is fine.
 *
 * - OCPP 1.6 security profiles 1/2 (Security whitepaper ed. 2, A00.FR.205 and the
 *   `AuthorizationKey` configuration key): "Minimal 16-bytes long … Hexadecimal represented
 *   (20 bytes maximum, represented as a string of up to 40 hexadecimal digits)". As text: 16–20
 *   UTF-8 bytes; with `hex: true`: an even number of 32–40 hexadecimal digits.
 * - OCPP 2.0.1 / 2.1 (`BasicAuthPassword`, a passwordString of 16 to 40 characters): 16–40
 *   characters, counted as Unicode code points.
 *
 * Use it where passwords are issued or set (SetVariables / ChangeConfiguration), and in the auth
 * callback to refuse a malformed password before any lookup.
 */
export function passwordProblem(
  password: string,
  protocol: OCPPProtocol,
  options: PasswordRuleOptions = {},
): string | undefined {
  if (protocol === 'ocpp1.6') {
    if (options.hex) {
      if (!HEX.test(password)) return 'password must be hexadecimal digits';
      if (password.length < 32 || password.length > 40 || password.length % 2 !== 0)
        return 'password must be 32–40 hexadecimal digits (16–20 bytes)';
      return undefined;
    }
    const bytes = encoder.encode(password).length;
    return bytes < 16 || bytes > 20 ? 'password must be 16–20 bytes (UTF-8)' : undefined;
  }
  let chars = 0;
  for (const _ of password) chars++;
  return chars < 16 || chars > 40 ? 'password must be 16–40 characters' : undefined;
}

/** True when `password` follows the rules of {@link passwordProblem}. */
export function isValidPassword(
  password: string,
  protocol: OCPPProtocol,
  options: PasswordRuleOptions = {},
): boolean {
  return passwordProblem(password, protocol, options) === undefined;
}
