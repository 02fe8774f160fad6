// HTTP Basic authentication as OCPP security profiles 1 and 2 use it: the username is the station
// identity (OCPP 1.6 security whitepaper ed. 2 A00.FR.204/303, OCPP 2.0.1 Part 2 A00.FR.203),
// and both halves travel as UTF-8 (RFC 7617 §2.1, `charset="UTF-8"`). Written once here for
// every connector that can send the header and for the server handshake that reads it.

/**
 * The `Authorization` header value for `identity` and `password`:
 * `Basic base64(utf8(identity ":" password))` (RFC 7617 §2).
 *
 * @example
 * ```ts
 * basicAuthorization('CP-1', 'pw'); // 'Basic Q1AtMTpwdw=='
 * ```
 */
export function basicAuthorization(identity: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${identity}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/**
 * Decodes `Authorization: Basic …` as UTF-8; undefined when absent or malformed (not base64, not
 * UTF-8, or no ":"). The password may itself contain ":" — only the first one separates.
 *
 * @example
 * ```ts
 * parseBasicAuth('Basic Q1AtMTpwdw=='); // { username: 'CP-1', password: 'pw' }
 * ```
 */
export function parseBasicAuth(header: string | null): { username: string; password: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  let text: string;
  try {
    const binary = atob(match[1]!);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
