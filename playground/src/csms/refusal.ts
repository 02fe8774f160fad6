// Why the local demo CSMS refused us. A browser sees any refused WebSocket handshake as close
// 1006 (it hides the HTTP status), so the page asks the cooperating demo CSMS instead: under
// `npm start` its .dev.vars turn on GET /dev/last-refusal/:identity. Only a CSMS on this machine
// is asked: the local demo one, or a custom URL on a loopback address (the demo CSMS started by
// hand); a remote CSMS never sees the request.

/** True when the page may ask the CSMS of `settings` why it refused a handshake. */
export function asksForReasons(settings: { mode: string; url: string }): boolean {
  if (settings.mode === 'local') return true;
  if (settings.mode !== 'custom') return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(settings.url.trim()).hostname);
  } catch {
    return false;
  }
}

/** A refusal as the demo CSMS recorded it. */
export interface Refusal {
  readonly at: string;
  readonly status: number;
  readonly reason: string;
}

/**
 * The demo CSMS's reason for refusing `identity` at or after `sinceMs`, or undefined (no such
 * refusal, diagnostics off, or the CSMS unreachable).
 */
export async function lastRefusal(
  wsEndpoint: string,
  identity: string,
  sinceMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<Refusal | undefined> {
  const http = new URL(wsEndpoint);
  http.protocol = http.protocol === 'wss:' ? 'https:' : 'http:';
  http.pathname = `/dev/last-refusal/${encodeURIComponent(identity)}`;
  try {
    const response = await fetchImpl(http.href);
    if (!response.ok) return undefined;
    const refusal = (await response.json()) as Refusal | null;
    // A second of slack: the CSMS's clock and ours are the same machine's, but not the same read.
    return refusal && Date.parse(refusal.at) >= sinceMs - 1_000 ? refusal : undefined;
  } catch {
    return undefined;
  }
}
