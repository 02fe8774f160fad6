// Development only: the playground's "Test a CSMS" page runs on another origin (Vite's port) and
// calls this Worker's API to make it send calls (a CSMS control). A browser shows a page another
// origin's answer only when the answer allows it (CORS). The bearer token is still required: CORS
// lets the page read answers, it lets nobody in. Off unless DEV_DIAGNOSTICS is set (wrangler dev).

const API_CORS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  // Authorization must be named: a `*` here does not cover it.
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
  'Access-Control-Max-Age': '600',
};

/** The answer to a CORS preflight (`OPTIONS`, sent without the token) of an API route. */
export function apiPreflight(): Response {
  return new Response(null, { status: 204, headers: API_CORS });
}

/** `response` with the CORS headers (a copy: responses from a stub's fetch have immutable headers). */
export function withApiCors(response: Response): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(API_CORS)) copy.headers.set(name, value);
  return copy;
}
