import { isOCPPProtocol, type OCPPProtocol } from './protocol.js';

/** The part of an HTTP upgrade request the server core reads; a web `Request` satisfies it. */
export interface HandshakeRequest {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}

/** Everything the auth callback may decide on. */
export interface Handshake {
  /** Station identity: the last path segment, percent-decoded (OCPP-J 1.6 §3.1, 2.x §3.1.1). */
  readonly identity: string;
  /** The request path without the identity segment, e.g. `/ocpp`. */
  readonly path: string;
  /** Subprotocols the station offered, in its order. */
  readonly offeredProtocols: readonly string[];
  /** The subprotocol the server will agree to (its own preference order). */
  readonly protocol: OCPPProtocol;
  /** Basic-auth username and password, when an `Authorization: Basic` header was sent. */
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** Remote address where the runtime knows it. */
  readonly remoteAddress: string | undefined;
  readonly headers: { get(name: string): string | null };
  /** Query parameters (e.g. a token a browser station had to put in the URL). */
  readonly searchParams: URLSearchParams;
  /** The TLS client certificate (security profile 3), where the runtime exposes it (Node). */
  readonly clientCertificate: ClientCertificate | undefined;
}

/** What the runtime tells about a TLS client certificate. */
export interface ClientCertificate {
  /** Subject fields, e.g. `{ CN: 'CP-1', O: 'Acme' }`. */
  readonly subject: Readonly<Record<string, string>>;
  /** SHA-256 fingerprint, colon-separated hex. */
  readonly fingerprint256: string;
  /** True when the chain verified against the server's trusted CAs. */
  readonly authorized: boolean;
}

/** Facts about the connection that are not in the HTTP request itself. */
export interface HandshakeMeta {
  readonly remoteAddress?: string | undefined;
  readonly clientCertificate?: ClientCertificate | undefined;
}

/** Splits `Sec-WebSocket-Protocol` on commas and trims (runtimes differ on the spacing). */
export function parseProtocolHeader(value: string | null): string[] {
  if (!value) return [];
  // The result is kept by every connection's Handshake, so it is built in place: split() sizes
  // its array exactly, where filter() grows one to 17 slots (~150 bytes) for a single offer.
  // Known names become the literal strings shared by all connections (strings are immutable,
  // so nobody can tell) instead of one fresh copy per handshake.
  const parts = value.split(',');
  let n = 0;
  for (const part of parts) {
    const p = part.trim();
    if (p.length > 0) parts[n++] = isOCPPProtocol(p) ? KNOWN[p] : p;
  }
  parts.length = n;
  return parts;
}

const KNOWN: Readonly<Record<OCPPProtocol, OCPPProtocol>> = {
  'ocpp1.6': 'ocpp1.6',
  'ocpp2.0.1': 'ocpp2.0.1',
  'ocpp2.1': 'ocpp2.1',
};

const QUERY = Symbol('query');

// One getter for every handshake. An object literal with `get searchParams()` would be
// created in dictionary mode by V8 (~830 bytes per connection, kept for its whole life) and
// carry its own closure; an accessor defined on a fast object keeps it fast, and all
// handshakes share one hidden class.
const SEARCH_PARAMS: PropertyDescriptor = {
  get(this: { readonly [QUERY]: string }): URLSearchParams {
    // Parsed again on demand rather than kept: URLSearchParams cost ~200 bytes per connection,
    // and few auth callbacks read the query.
    return new URLSearchParams(this[QUERY]);
  },
  enumerable: true,
  configurable: true,
};

/**
 * Builds the {@link Handshake} of one request: the fields as given, in this order, and
 * `searchParams` parsed from `query` (a URL's `search`, `''` when there is none) when read.
 */
export function createHandshake(fields: Omit<Handshake, 'searchParams'>, query: string): Handshake {
  const handshake = {
    identity: fields.identity,
    path: fields.path,
    offeredProtocols: fields.offeredProtocols,
    protocol: fields.protocol,
    username: fields.username,
    password: fields.password,
    remoteAddress: fields.remoteAddress,
    clientCertificate: fields.clientCertificate,
    headers: fields.headers,
    // Only the query: the rest of the URL is in the other fields, and most URLs have none,
    // so most handshakes keep the one empty string rather than a copy of the URL.
    [QUERY]: query,
  };
  return Object.defineProperty(handshake, 'searchParams', SEARCH_PARAMS) as typeof handshake & Handshake;
}

/** Picks the first protocol of the server's preference list that the station offered. */
export function chooseProtocol(
  serverOrder: readonly OCPPProtocol[],
  offered: readonly string[],
): OCPPProtocol | undefined {
  for (const p of serverOrder) if (offered.includes(p)) return p;
  return undefined;
}

/** Splits a request path into prefix and percent-decoded identity; undefined when malformed. */
export function splitIdentity(pathname: string): { path: string; identity: string } | undefined {
  const slash = pathname.lastIndexOf('/');
  const raw = pathname.slice(slash + 1);
  if (raw.length === 0) return undefined;
  let identity: string;
  try {
    identity = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return { path: pathname.slice(0, slash) || '/', identity };
}

// 2.x identities are identifierString (a-z A-Z 0-9 * - _ = : + | @ .), at most 48 characters
// and, because they are the Basic-auth username, may not contain ':' (OCPP-J 2.0.1 §3.1.1).
const IDENTITY_2X = /^[A-Za-z0-9*\-_=+|@.]{1,48}$/;
// 1.6 only bounds it through the URL; refuse what would be unsafe anywhere (controls, '/').
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const IDENTITY_16 = /^[^\u0000-\u001f\u007f/]{1,255}$/;

/** Why an identity is unacceptable for `protocol`, or undefined when it is fine. */
export function identityProblem(identity: string, protocol: OCPPProtocol): string | undefined {
  if (protocol === 'ocpp1.6')
    return IDENTITY_16.test(identity) ? undefined : 'identity has forbidden characters or is too long';
  return IDENTITY_2X.test(identity)
    ? undefined
    : 'identity must be 1–48 characters of a-z A-Z 0-9 * - _ = + | @ . (no ":")';
}

export { isOCPPProtocol };
