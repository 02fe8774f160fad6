// Why a station was refused, for the one who runs it in development. A browser sees only "close
// 1006" for any refused handshake, so the playground asks the demo CSMS for the reason — but only
// when DEV_DIAGNOSTICS is set (the .dev.vars of `npm start`): in production the difference
// between "unknown identity" and "wrong password" is exactly what a guesser must not learn.

/** One refused handshake, as the log line told it. */
export interface Refusal {
  readonly at: string;
  /** The HTTP status the station got (101 for a handshake completed only to close it). */
  readonly status: number;
  readonly reason: string;
}

/** The part of Durable Object storage this needs. */
interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

const KEY = 'diagnostics:last-refusal';

/** The last refusal of the station whose object owns `storage`. */
export function refusalDiagnostics(storage: KeyValue) {
  return {
    record: (refusal: Refusal) => storage.put(KEY, refusal),
    last: () => storage.get<Refusal>(KEY),
  };
}

/** The identity an upgrade request names (the last path segment), for log lines. */
export function identityOfUpgrade(request: Request): string {
  const segment = new URL(request.url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** True when the development diagnostics route may answer. */
export const diagnosticsEnabled = (env: { DEV_DIAGNOSTICS?: string }) => env.DEV_DIAGNOSTICS === '1';
