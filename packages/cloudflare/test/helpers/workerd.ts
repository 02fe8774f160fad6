import { buildWorker, type RunningWorkerd, startWorkerd } from '@ocpp-ws-io/test-utils';

/**
 * Bundles a Worker entry like Wrangler would, from the workspace sources (no build needed), and
 * starts it in real workerd on 127.0.0.1 with the station objects bound as `STATIONS`.
 */
export async function startFixture(
  entry: string,
  bindings: Record<string, unknown> = {},
): Promise<RunningWorkerd> {
  const script = await buildWorker(entry, { fromSource: true });
  return startWorkerd({ script, durableObjects: { STATIONS: 'StationObject' }, bindings });
}

/** Basic-auth header value, as a station would send it. */
export const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
