import type { ConnectRequest } from '@ocpp-ws-io/core';

/**
 * Where a browser station puts its secret, since it cannot send an `Authorization` header.
 *
 * @example
 * ```ts
 * const options: BrowserAuthOptions = { authQueryParam: 'token' }; // …/ocpp/CP-1?token=<password>
 * ```
 */
export interface BrowserAuthOptions {
  /**
   * Send the password as this query parameter (e.g. `'token'` → `…/CP-1?token=…`) instead of as
   * URL userinfo. For a CSMS that does not answer with a `401` + `WWW-Authenticate: Basic`
   * challenge. URLs end up in proxy and server logs: see the README before using it.
   */
  readonly authQueryParam?: string | undefined;
}

/**
 * The URL a browser station opens, carrying its credentials the only ways a browser can:
 * - default: URL userinfo, `ws://CP-1:password@host/ocpp/CP-1`. Chromium sends no credentials on
 *   the first attempt; it retries with `Authorization: Basic` only after the CSMS answers `401`
 *   with `WWW-Authenticate: Basic` (WHATWG WebSockets PR #72, WPT `websockets/basic-auth`);
 * - with `authQueryParam`: a query parameter the CSMS reads (`Handshake.searchParams`).
 *
 * Without a password the URL is unchanged.
 *
 * @example
 * ```ts
 * authenticatedUrl({ url: 'ws://h/ocpp/CP-1', identity: 'CP-1', password: 'pw', protocols: [], signal });
 * // 'ws://CP-1:pw@h/ocpp/CP-1'
 * authenticatedUrl({ url: 'ws://h/ocpp/CP-1', identity: 'CP-1', password: 'pw', protocols: [], signal }, { authQueryParam: 'token' });
 * // 'ws://h/ocpp/CP-1?token=pw'
 * ```
 */
export function authenticatedUrl(
  request: Pick<ConnectRequest, 'url' | 'identity' | 'password'>,
  options: BrowserAuthOptions = {},
): string {
  if (request.password === undefined) return request.url;
  const url = new URL(request.url);
  if (options.authQueryParam) {
    url.searchParams.set(options.authQueryParam, request.password);
  } else {
    // Encode fully ourselves: the URL setters escape ":", "@", "/" and non-ASCII but leave "%"
    // alone, and Chromium percent-decodes userinfo before building the Basic credentials, so a
    // password containing "%20" would arrive as a space.
    url.username = encodeURIComponent(request.identity);
    url.password = encodeURIComponent(request.password);
  }
  return url.href;
}
