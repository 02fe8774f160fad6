// A CSMS control behind HTTP, in the @ocpp-ws-io/cloudflare router's shape
// (`POST /api/stations/:identity/call/:action`, JSON params, bearer token), in front of a CSMS of
// the tests' own: what httpCsmsControl and the CLI's --api talk to. CORS is open so that a page
// of another origin (the Chromium test) can call it.

import { createServer } from 'node:http';
import type { CsmsControl } from '../../src/index.js';

export const API_TOKEN = 'scenarios-test-api-token';

export async function startControlApi(
  control: CsmsControl,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Allow-Methods': 'POST',
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const m = /^\/api\/stations\/([^/]+)\/call\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return void res.writeHead(404, cors).end();
    if (req.headers.authorization !== `Bearer ${API_TOKEN}`) return void res.writeHead(401, cors).end();
    let body = '';
    for await (const chunk of req) body += chunk;
    const json = { ...cors, 'Content-Type': 'application/json' };
    try {
      await control.trigger({
        identity: decodeURIComponent(m[1]!),
        protocol: 'ocpp1.6',
        action: m[2]!,
        params: JSON.parse(body),
        caseId: 'http',
      });
      res.writeHead(200, json).end('{"ok":true}');
    } catch (error) {
      res
        .writeHead(404, json)
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
