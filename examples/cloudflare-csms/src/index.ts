// A small CSMS on Cloudflare Workers. Each charging station connects to wss://<host>/ocpp/<identity>
// and gets its own Durable Object (addressed by identity), which checks the station's own
// credential, answers its messages for OCPP 1.6 and 2.0.1 and hibernates while the station is
// idle. `/` serves an admin page; `/api/…` is the HTTP API behind the API token.
import { createOCPPRouter } from '@ocpp-ws-io/cloudflare';
import { ADMIN_PAGE } from './admin-page.js';
import { exampleApi } from './api.js';
import { apiRefusal, isApiCaller } from './auth/api-token.js';
import { apiPreflight, withApiCors } from './dev-cors.js';
import { diagnosticsEnabled } from './diagnostics.js';
import type { Env } from './env.js';

export { RegistryObject } from './registry-object.js';
export { StationObject } from './station-object.js';

// /ocpp/:identity → the station's object; POST /api/stations/:identity/call/:action → a call to it;
// GET /api/stations/:identity → who is connected.
const route = createOCPPRouter<Env>({ stations: (env) => env.STATIONS, api: { authorize: isApiCaller } });

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    // Development: the playground (another origin) may call the API (dev-cors.ts).
    if (pathname.startsWith('/api/') && diagnosticsEnabled(env)) {
      if (request.method === 'OPTIONS') return apiPreflight();
      return withApiCors(await answer(request, env, pathname));
    }
    return answer(request, env, pathname);
  },
};

async function answer(request: Request, env: Env, pathname: string): Promise<Response> {
  // Every API route, the router's and ours, behind one check: 503 without a token, 401 without the right one.
  if (pathname.startsWith('/api/')) {
    const refused = apiRefusal(request, env);
    if (refused) return refused;
  }
  const upgrade = request.headers.get('Upgrade')?.toLowerCase() === 'websocket';
  const routed = await route(request, env);
  if (routed) {
    // Refusals before the station's object (a malformed identity) get their log line here.
    if (upgrade && routed.status >= 400 && routed.status !== 426)
      console.warn(
        `[csms] upgrade to ${pathname} refused (${routed.status}): ${await routed.clone().text()}`,
      );
    return routed;
  }
  if (upgrade) {
    console.warn(
      `[csms] upgrade to ${pathname} refused (404): unknown path; stations connect to /ocpp/<identity>`,
    );
  }
  // Development only: why this identity's last handshake was refused (the playground asks).
  const diagnostics = /^\/dev\/last-refusal\/([^/]+)$/.exec(pathname);
  if (diagnostics && request.method === 'GET' && diagnosticsEnabled(env)) {
    const refusal = await env.STATIONS.getByName(decodeURIComponent(diagnostics[1]!)).lastRefusal();
    return Response.json(refusal ?? null, { headers: { 'Access-Control-Allow-Origin': '*' } });
  }
  const answered = await exampleApi(request, env, pathname);
  if (answered) return answered;
  if ((pathname === '/' || pathname === '/admin') && request.method === 'GET') {
    return new Response(ADMIN_PAGE, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  return new Response('OCPP CSMS: connect stations to /ocpp/<identity>; admin page at /', { status: 404 });
}
