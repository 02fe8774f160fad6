import { splitIdentity } from '@ocpp-ws-io/core';
import { httpStatusOf, type StationCallOutcome } from './call-outcome.js';
import type { DurableObjectNamespaceLike } from './like.js';
import type { StationInfo } from './station-object.js';

/** The stub of an {@link OCPPStationObject} as the router calls it (fetch + its RPC methods). */
export interface StationStubLike {
  fetch(request: Request): Promise<Response>;
  callStation(action: string, params: unknown, options?: { timeoutMs?: number }): Promise<StationCallOutcome>;
  stationInfo(): Promise<StationInfo>;
}

/** Options of {@link createOCPPRouter}. */
export interface OCPPRouterOptions<TEnv> {
  /** The Durable Object namespace of the station objects, e.g. `(env) => env.STATIONS`. */
  readonly stations: (env: TEnv) => DurableObjectNamespaceLike<StationStubLike>;
  /** Where stations connect: `<ocppPath>/<identity>` (default `/ocpp`). */
  readonly ocppPath?: string;
  /**
   * The HTTP API to call stations (`POST <path>/:identity/call/:action`, JSON body = params) and
   * to look at them (`GET <path>/:identity`). Off unless given, because it controls chargers:
   * `authorize` decides every API request (e.g. compare a bearer token with a secret).
   */
  readonly api?: {
    readonly path?: string;
    readonly authorize: (request: Request, env: TEnv) => boolean | Promise<boolean>;
  };
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

/**
 * A Worker `fetch` handler for the station routes: upgrades on `/ocpp/:identity` go to the
 * station's Durable Object (`getByName(identity)`, so one object per station), and the optional
 * API calls a station through the object's `callStation` RPC. Resolves `undefined` for any other
 * path, so it composes with your own routes.
 *
 * @example
 * ```ts
 * const route = createOCPPRouter<Env>({
 *   stations: (env) => env.STATIONS,
 *   // An unset API_TOKEN must refuse every request, not match "Bearer undefined".
 *   api: {
 *     authorize: (req, env) =>
 *       !!env.API_TOKEN && timingSafeEqualString(req.headers.get('Authorization') ?? '', `Bearer ${env.API_TOKEN}`),
 *   },
 * });
 * export default {
 *   fetch: async (req: Request, env: Env) => (await route(req, env)) ?? new Response('Not found', { status: 404 }),
 * };
 * ```
 */
export function createOCPPRouter<TEnv>(
  options: OCPPRouterOptions<TEnv>,
): (request: Request, env: TEnv) => Promise<Response | undefined> {
  const ocppPath = (options.ocppPath ?? '/ocpp').replace(/\/+$/, '');
  const apiPath = (options.api?.path ?? '/api/stations').replace(/\/+$/, '');

  return async (request, env) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith(`${ocppPath}/`) && !pathname.slice(ocppPath.length + 1).includes('/')) {
      // The same decoding as the server core's handshake, so the object's name is the identity
      // the station object will see.
      const split = splitIdentity(pathname);
      if (!split) return new Response('Malformed station identity', { status: 400 });
      // Answer plain requests here rather than waking (or creating) an object for them.
      if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
        return new Response('Expected a WebSocket upgrade', {
          status: 426,
          headers: { Upgrade: 'websocket' },
        });
      }
      return options.stations(env).getByName(split.identity).fetch(request);
    }
    if (options.api && pathname.startsWith(`${apiPath}/`)) {
      return api(options.stations(env), options.api, request, env, pathname.slice(apiPath.length + 1));
    }
    return undefined;
  };
}

async function api<TEnv>(
  stations: DurableObjectNamespaceLike<StationStubLike>,
  config: NonNullable<OCPPRouterOptions<TEnv>['api']>,
  request: Request,
  env: TEnv,
  rest: string,
): Promise<Response | undefined> {
  const parts = rest.split('/');
  let identity: string;
  try {
    identity = decodeURIComponent(parts[0] ?? '');
  } catch {
    return json({ error: { type: 'BadRequest', message: 'Malformed station identity' } }, 400);
  }
  const isInfo = parts.length === 1 && request.method === 'GET';
  const isCall = parts.length === 3 && parts[1] === 'call' && request.method === 'POST';
  if (!identity || !(isInfo || isCall)) return undefined;
  if (!(await config.authorize(request, env))) {
    return json({ error: { type: 'Unauthorized', message: 'Not allowed' } }, 401, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  const stub = stations.getByName(identity);
  if (isInfo) return json(await stub.stationInfo(), 200);

  let params: unknown;
  try {
    params = await request.json();
  } catch {
    return json(
      { error: { type: 'BadRequest', message: 'The body must be the JSON params of the call' } },
      400,
    );
  }
  const timeout = Number(new URL(request.url).searchParams.get('timeoutMs'));
  const outcome = await stub.callStation(parts[2]!, params, timeout > 0 ? { timeoutMs: timeout } : {});
  return json(outcome, httpStatusOf(outcome));
}
