// The demo Worker CSMS (examples/cloudflare-csms) under `wrangler dev`, started through the
// example's own start script as a user starts it, on 127.0.0.1. Its secrets come from an env file
// of the test's own, so a developer's .dev.vars neither changes the test nor is written by it;
// unknown identities that present ENROLMENT_SECRET are enrolled with it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startUntilReady } from '@ocpp-ws-io/test-utils';

const exampleDir = fileURLToPath(new URL('../../../../../examples/cloudflare-csms/', import.meta.url));
export const API_TOKEN = 'fleet-test-api-token-0123';
/** Every station's password: it enrols each new identity. 1.6 wants 16–20 bytes. */
export const ENROLMENT_SECRET = 'fleet-enrol-secret-1';

export interface WorkerCsms {
  /** Station endpoint, e.g. `ws://127.0.0.1:8787/ocpp`. */
  readonly endpoint: string;
  /** HTTP base, e.g. `http://127.0.0.1:8787`. */
  readonly base: string;
  /** The stations the CSMS's registry lists as connected. */
  connected(): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

export async function startWorkerCsms(): Promise<WorkerCsms> {
  const port = await freePort();
  const persistTo = await mkdtemp(join(tmpdir(), 'fleet-worker-'));
  const envFile = join(persistTo, 'test.env');
  await writeFile(envFile, `API_TOKEN=${API_TOKEN}\nENROLMENT_SECRET=${ENROLMENT_SECRET}\n`);
  const child = await startUntilReady(
    ['scripts/start.mjs', '--port', String(port), '--persist-to', persistTo, '--env-file', envFile],
    { cwd: exampleDir, ready: /Ready on http/, withinMs: 60_000 },
  );
  const base = `http://127.0.0.1:${port}`;
  return {
    endpoint: `ws://127.0.0.1:${port}/ocpp`,
    base,
    async connected() {
      const res = await fetch(`${base}/api/stations`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
      const stations = (await res.json()) as Array<{ connected: boolean }>;
      return stations.filter((s) => s.connected).length;
    },
    output: () => child.output(),
    async stop() {
      await child.stop();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}
