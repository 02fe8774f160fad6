// The demo Worker CSMS (examples/cloudflare-csms) under wrangler dev, started by its own start
// script as `npm start` does, with the development settings npm start writes to .dev.vars — but
// from a file of the test's own (--env-file), so a developer's .dev.vars is neither read nor written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startUntilReady } from '@ocpp-ws-io/test-utils';
import { repoRoot } from './packed-app.js';

/** The development password with which the demo CSMS enrols a new identity (as under npm start). */
export const DEMO_ENROLMENT_SECRET = 'dev-station-password';

export interface DemoCsms {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  stop(): Promise<void>;
}

export async function startDemoCsms(): Promise<DemoCsms> {
  const dir = await mkdtemp(join(tmpdir(), 'ocpp-demo-csms-'));
  const envFile = join(dir, 'test.env');
  await writeFile(
    envFile,
    `API_TOKEN=demo-csms-test-token\nENROLMENT_SECRET=${DEMO_ENROLMENT_SECRET}\nDEV_DIAGNOSTICS=1\n`,
  );
  const port = await freePort();
  const running = await startUntilReady(
    ['scripts/start.mjs', '--port', String(port), '--persist-to', dir, '--env-file', envFile],
    { cwd: join(repoRoot, 'examples/cloudflare-csms'), ready: /Ready on http/, withinMs: 60_000 },
  );
  return {
    host: `127.0.0.1:${port}`,
    async stop() {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
