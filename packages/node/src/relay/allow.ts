// Who may use a relay and where it may connect. A relay opens WebSockets on a page's behalf, so
// without these checks it is an open proxy: any page the user visits could reach it on loopback
// (browsers let any origin open ws://127.0.0.1) and make it connect anywhere.

/**
 * Where a relay may open connections: URL prefixes (`ws://127.0.0.1:8787/ocpp` allows
 * `ws://127.0.0.1:8787/ocpp/CP-1`, not `…/ocppx/…` nor another port), or a function deciding.
 *
 * @example
 * ```ts
 * const targets: AllowedTargets = ['ws://127.0.0.1:8787/ocpp', 'wss://csms.example.com/ocpp'];
 * const anyLoopback: AllowedTargets = (url) => url.hostname === '127.0.0.1';
 * ```
 */
export type AllowedTargets = readonly string[] | ((url: URL) => boolean);

/**
 * Which pages may use a relay, by their `Origin` header: exact origins, `'*'` for any, or a
 * function. A client that sends no Origin (not a browser: Node, Deno) is always let in.
 *
 * @example
 * ```ts
 * const origins: AllowedOrigins = ['http://127.0.0.1:5173', 'https://sim.example.com'];
 * ```
 */
export type AllowedOrigins = readonly string[] | '*' | ((origin: string) => boolean);

/**
 * Turns the allow-list into one check, reading each prefix once; a prefix that is not a ws:/wss:
 * URL is a mistake in the relay's configuration and throws.
 *
 * @example
 * ```ts
 * const allowed = compileTargets(['ws://127.0.0.1:8787/ocpp']);
 * allowed(new URL('ws://127.0.0.1:8787/ocpp/CP-1')); // true
 * ```
 */
export function compileTargets(allowed: AllowedTargets): (url: URL) => boolean {
  if (typeof allowed === 'function') return allowed;
  if (!Array.isArray(allowed) || allowed.length === 0)
    throw new TypeError('allowedTargets must list the CSMS URLs the relay may connect to');
  const prefixes = allowed.map((prefix: string) => {
    const base = new URL(prefix);
    if (base.protocol !== 'ws:' && base.protocol !== 'wss:')
      throw new TypeError(`allowedTargets: ${prefix} is not a ws: or wss: URL`);
    return { protocol: base.protocol, host: base.host, path: base.pathname.replace(/\/+$/, '') };
  });
  return (url) =>
    prefixes.some(
      ({ protocol, host, path }) =>
        protocol === url.protocol &&
        host === url.host &&
        // Whole path segments only: /ocpp allows /ocpp and /ocpp/CP-1, never /ocppx.
        (url.pathname === path || url.pathname.startsWith(`${path}/`)),
    );
}

/**
 * Checks a target URL; returns why it is refused, or undefined. Only `ws:`/`wss:` URLs without
 * credentials in them (the password travels in its own field and goes out as a Basic
 * Authorization header).
 *
 * @example
 * ```ts
 * const allowed = compileTargets(['ws://127.0.0.1:8787/ocpp']);
 * targetProblem(allowed, 'ws://127.0.0.1:8787/ocpp/CP-1'); // undefined
 * targetProblem(allowed, 'ws://10.0.0.1/ocpp/CP-1');      // 'ws://10.0.0.1/ocpp/CP-1 is not an allowed target'
 * ```
 */
export function targetProblem(allowed: (url: URL) => boolean, target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `${JSON.stringify(target.slice(0, 200))} is not a URL`;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return `${url.protocol} URLs are not relayed (ws: or wss:)`;
  if (url.username || url.password) return 'credentials in the URL are not relayed: send the password field';
  return allowed(url) ? undefined : `${url.origin}${url.pathname} is not an allowed target`;
}

/** Origins of pages served from this machine: the default of {@link AllowedOrigins}. */
const LOOPBACK_ORIGIN = /^https?:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

/**
 * True when a page from `origin` may use the relay. Default (no list): pages served from this
 * machine only (`http(s)://127.x.x.x`, `localhost`, `[::1]`, any port).
 *
 * @example
 * ```ts
 * originAllowed(undefined, 'http://127.0.0.1:5173'); // true
 * originAllowed(undefined, 'https://evil.example');  // false
 * originAllowed(undefined, undefined);               // true: not a browser
 * ```
 */
export function originAllowed(allowed: AllowedOrigins | undefined, origin: string | undefined): boolean {
  if (origin === undefined) return true;
  if (allowed === undefined) return LOOPBACK_ORIGIN.test(origin);
  if (allowed === '*') return true;
  if (typeof allowed === 'function') return allowed(origin);
  return allowed.includes(origin);
}
