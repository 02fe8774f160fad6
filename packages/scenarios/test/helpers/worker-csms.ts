// The demo Worker CSMS (examples/cloudflare-csms) under `wrangler dev`, started through the
// example's own start script as a user runs it, with development secrets from an env file of the
// test's own (a developer's .dev.vars is neither read nor written).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startUntilReady } from '@ocpp-ws-io/test-utils';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/cloudflare-csms/', import.meta.url));
export const API_TOKEN = 'scenarios-test-api-token';
/** Unknown identities presenting it are enrolled with it (development only). */
export const ENROLMENT_SECRET = 'scenarios-enrol-pw-1'; // 16–20 characters: a 1.6 password too

export interface WorkerCsms {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** ws://127.0.0.1:<port>/ocpp */
  readonly endpoint: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startWorkerCsms(): Promise<WorkerCsms> {
  const dir = await mkdtemp(join(tmpdir(), 'scenarios-worker-'));
  const envFile = join(dir, 'test.env');
  await writeFile(envFile, `API_TOKEN=${API_TOKEN}\nENROLMENT_SECRET=${ENROLMENT_SECRET}\n`);
  const port = await freePort();
  const child = await startUntilReady(
    ['scripts/start.mjs', '--port', String(port), '--persist-to', dir, '--env-file', envFile],
    { cwd: EXAMPLE_DIR, ready: /Ready on http/, withinMs: 60_000 },
  );
  return {
    origin: `http://127.0.0.1:${port}`,
    endpoint: `ws://127.0.0.1:${port}/ocpp`,
    output: child.output,
    async stop() {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
