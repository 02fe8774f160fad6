// Who may use the HTTP API (and so the admin page): callers with `Authorization: Bearer <API_TOKEN>`.
// Without a usable API_TOKEN the API answers 503 to everyone: never "Bearer undefined" matching
// an unset secret, never a guessable short token.
import { timingSafeEqualString } from '@ocpp-ws-io/cloudflare';
import { secretOf, warnMisconfigured } from './secret.js';

/** The environment setting the check reads. */
export interface ApiTokenEnv {
  readonly API_TOKEN?: string;
}

/** Shorter tokens are treated as unset: as long as the shortest station password OCPP allows. */
export const API_TOKEN_MIN_LENGTH = 16;

const problem = (type: string, message: string, status: number, headers: Record<string, string> = {}) =>
  Response.json({ error: { type, message } }, { status, headers });

/** The API token, or undefined (logged once) when it is missing or too short. */
function apiToken(env: ApiTokenEnv): string | undefined {
  const token = secretOf(env.API_TOKEN);
  if (token !== undefined && token.length >= API_TOKEN_MIN_LENGTH) return token;
  warnMisconfigured(
    'API_TOKEN',
    token === undefined
      ? 'is not set: the HTTP API refuses every request (wrangler secret put API_TOKEN)'
      : `is shorter than ${API_TOKEN_MIN_LENGTH} characters: the HTTP API refuses every request`,
  );
  return undefined;
}

/** True when the request carries the API token (compared in constant time). */
export function isApiCaller(request: Request, env: ApiTokenEnv): boolean {
  const token = apiToken(env);
  return (
    token !== undefined &&
    timingSafeEqualString(request.headers.get('Authorization') ?? '', `Bearer ${token}`)
  );
}

/**
 * The refusal for an API request, or undefined when it may proceed: 503 when the server has no
 * usable token (its operator must act), 401 when the caller's token is wrong or missing.
 */
export function apiRefusal(request: Request, env: ApiTokenEnv): Response | undefined {
  if (apiToken(env) === undefined) {
    return problem('Misconfigured', 'The API has no token configured', 503);
  }
  if (isApiCaller(request, env)) return undefined;
  console.warn(
    `[api] ${request.method} ${new URL(request.url).pathname} refused (401): missing or wrong bearer token`,
  );
  return problem('Unauthorized', 'Not allowed', 401, { 'WWW-Authenticate': 'Bearer' });
}
