// What the CLI tests run against: the scenarios package's reference CSMS, with its control behind
// an HTTP API of the @ocpp-ws-io/cloudflare router's shape (`POST /api/stations/:id/call/:action`,
// bearer token) as --api expects; and an in-memory CliIo.

import { createServer } from 'node:http';
import type { ReferenceCsms } from '../../scenarios/test/helpers/reference-csms.js';
import type { CliIo } from '../src/index.js';

export { type Breakage, startReferenceCsms } from '../../scenarios/test/helpers/reference-csms.js';

export const API_TOKEN = 'cli-test-api-token';

export async function startControlApi(csms: ReferenceCsms): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const m = /^\/api\/stations\/([^/]+)\/call\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return void res.writeHead(404).end();
    if (req.headers.authorization !== `Bearer ${API_TOKEN}`) return void res.writeHead(401).end();
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      await csms.control.trigger({
        identity: decodeURIComponent(m[1]!),
        protocol: 'ocpp1.6',
        action: m[2]!,
        params: JSON.parse(body),
        caseId: 'http',
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    } catch (error) {
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end(
          JSON.stringify({ ok: false, error: { type: 'NotConnected', message: (error as Error).message } }),
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A CliIo that keeps what the CLI writes. */
export function memoryIo(env: Record<string, string> = {}, signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env,
    ...(signal ? { signal } : {}),
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
