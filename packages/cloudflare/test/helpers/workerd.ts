import { type RunningWorkerd, startWorkerd } from '@ocpp-ws-io/test-utils';
import { build } from 'esbuild';

/**
 * Bundles a Worker entry like Wrangler would (workerd/worker/browser conditions), plus the
 * `source` condition so workspace packages resolve to their src/ and no build is needed; then
 * starts it in real workerd on 127.0.0.1 with the station objects bound as `STATIONS`.
 */
export async function startFixture(
  entry: string,
  bindings: Record<string, unknown> = {},
): Promise<RunningWorkerd> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'workerd', 'worker', 'browser'],
    external: ['cloudflare:*', 'node:*'],
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (!script) throw new Error(`esbuild produced no output for ${entry}`);
  return startWorkerd({ script, durableObjects: { STATIONS: 'StationObject' }, bindings });
}

/** Basic-auth header value, as a station would send it. */
export const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
