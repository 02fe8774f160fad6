// A small CSMS on Cloudflare Workers. Each charging station connects to wss://<host>/ocpp/<identity>
// and gets its own Durable Object (addressed by identity), which answers the station's messages
// for OCPP 1.6 and 2.0.1 and hibernates while the station is idle. `/` serves an admin page.
import { createOCPPRouter, httpStatusOf } from '@ocpp-ws-io/cloudflare';
import { ADMIN_PAGE } from './admin-page.js';
import type { CommandArgs } from './csms/index.js';
import type { Env } from './env.js';

export { RegistryObject } from './registry-object.js';
export { StationObject } from './station-object.js';

const isApiCaller = (request: Request, env: Env) =>
  request.headers.get('Authorization') === `Bearer ${env.API_TOKEN}`;

// /ocpp/:identity → the station's object; POST /api/stations/:identity/call/:action → a call to it;
// GET /api/stations/:identity → who is connected.
const route = createOCPPRouter<Env>({ stations: (env) => env.STATIONS, api: { authorize: isApiCaller } });

const unauthorized = () =>
  Response.json({ error: { type: 'Unauthorized', message: 'Not allowed' } }, { status: 401 });

/** The example's own API routes, next to the router's. */
async function api(request: Request, env: Env, pathname: string): Promise<Response | undefined> {
  if (pathname === '/api/stations' && request.method === 'GET') {
    if (!isApiCaller(request, env)) return unauthorized();
    return Response.json(await env.REGISTRY.getByName('all').list());
  }
  const m = /^\/api\/stations\/([^/]+)\/(transactions|command\/([A-Za-z]+))$/.exec(pathname);
  if (!m) return undefined;
  if (!isApiCaller(request, env)) return unauthorized();
  const stub = env.STATIONS.getByName(decodeURIComponent(m[1]!));
  if (m[2] === 'transactions' && request.method === 'GET') return Response.json(await stub.transactions());
  if (m[3] && request.method === 'POST') {
    let args: CommandArgs;
    try {
      args = (await request.json()) as CommandArgs;
    } catch {
      return Response.json(
        { error: { type: 'BadRequest', message: 'The body must be JSON' } },
        { status: 400 },
      );
    }
    const result = await stub.command(m[3], args);
    const outcome = result.outcome as Parameters<typeof httpStatusOf>[0];
    return Response.json(result, { status: httpStatusOf(outcome) });
  }
  return undefined;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const routed = await route(request, env);
    if (routed) return routed;
    const { pathname } = new URL(request.url);
    const answered = await api(request, env, pathname);
    if (answered) return answered;
    if ((pathname === '/' || pathname === '/admin') && request.method === 'GET') {
      return new Response(ADMIN_PAGE, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
    return new Response('OCPP CSMS: connect stations to /ocpp/<identity>; admin page at /', { status: 404 });
  },
};
