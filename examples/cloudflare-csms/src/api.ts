// The example's own HTTP API, next to the router's (`GET /api/stations/:id`,
// `POST /api/stations/:id/call/:action`). The caller's token is checked before any of it runs
// (auth/api-token.ts).
//
//   GET    /api/stations                          every station the registry knows
//   GET    /api/stations/:id/transactions         its transactions
//   POST   /api/stations/:id/command/:name        an admin command (csms/commands.ts)
//   GET    /api/stations/:id/credential           credential status: set?, origin, lock-out
//   PUT    /api/stations/:id/credential           { "password": "…" } → sets it (hash stored)
//   POST   /api/stations/:id/credential/rotate    new random password via SetVariables /
//                                                 ChangeConfiguration (OCPP A01)
//   DELETE /api/stations/:id/lockout              lifts a lock-out
import { httpStatusOf } from '@ocpp-ws-io/cloudflare';
import type { CommandArgs } from './csms/index.js';
import type { Env } from './env.js';

const badRequest = (message: string) =>
  Response.json({ error: { type: 'BadRequest', message } }, { status: 400 });

async function jsonBody<T>(request: Request): Promise<T | Response> {
  try {
    return (await request.json()) as T;
  } catch {
    return badRequest('The body must be JSON');
  }
}

const STATION_ROUTE =
  /^\/api\/stations\/([^/]+)\/(transactions|command\/([A-Za-z]+)|credential|credential\/rotate|lockout)$/;

/** Answers the example's API routes; undefined for any other path or method. */
export async function exampleApi(
  request: Request,
  env: Env,
  pathname: string,
): Promise<Response | undefined> {
  const { method } = request;
  if (pathname === '/api/stations' && method === 'GET') {
    return Response.json(await env.REGISTRY.getByName('all').list());
  }
  const m = STATION_ROUTE.exec(pathname);
  if (!m) return undefined;
  let identity: string;
  try {
    identity = decodeURIComponent(m[1]!);
  } catch {
    return badRequest('Malformed station identity');
  }
  const stub = env.STATIONS.getByName(identity);
  const route = `${method} ${m[3] ? 'command' : m[2]}`;
  switch (route) {
    case 'GET transactions':
      return Response.json(await stub.transactions());
    case 'POST command': {
      const args = await jsonBody<CommandArgs>(request);
      if (args instanceof Response) return args;
      const result = await stub.command(m[3]!, args);
      return Response.json(result, {
        status: httpStatusOf(result.outcome as Parameters<typeof httpStatusOf>[0]),
      });
    }
    case 'GET credential':
      return Response.json(await stub.credentialStatus());
    case 'PUT credential': {
      const body = await jsonBody<{ password?: unknown }>(request);
      if (body instanceof Response) return body;
      const result = await stub.setCredential(identity, body?.password);
      if (!result.ok) {
        return Response.json(
          { error: { type: 'InvalidPassword', message: result.problem } },
          { status: 422 },
        );
      }
      return Response.json(result.status);
    }
    case 'POST credential/rotate': {
      const result = await stub.rotateCredential();
      return Response.json(result, { status: httpStatusOf(result.outcome) });
    }
    case 'DELETE lockout':
      return Response.json(await stub.clearLockout(identity));
    default:
      return undefined;
  }
}
