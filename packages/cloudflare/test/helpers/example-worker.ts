// examples/cloudflare-csms bundled from its sources and run in real workerd (Miniflare) with the
// bindings a test chooses, so a test can leave secrets out or set them, and read what the
// Worker logged.
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildWorker, type RunningWorkerd, startWorkerd } from '@ocpp-ws-io/test-utils';

const entry = fileURLToPath(new URL('../../../../examples/cloudflare-csms/src/index.ts', import.meta.url));

let bundle: Promise<string> | undefined;

/** A running example Worker plus everything it wrote to stdout and stderr. */
export interface ExampleWorker extends RunningWorkerd {
  logs(): string;
}

export async function startExampleWorker(bindings: Record<string, string>): Promise<ExampleWorker> {
  bundle ??= buildWorker(entry, { fromSource: true });
  let logs = '';
  const worker = await startWorkerd({
    script: await bundle,
    durableObjects: { STATIONS: 'StationObject', REGISTRY: 'RegistryObject' },
    bindings,
    miniflare: {
      handleRuntimeStdio(stdout: Readable, stderr: Readable) {
        stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
        stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
      },
    },
  });
  return { ...worker, logs: () => logs };
}

/** Calls the example's HTTP API with `token` (none when undefined). */
export async function api(
  worker: RunningWorkerd,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${worker.url}${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
