// The development CORS of the API: a preflight is answered without the token, and an answer
// (whatever its status) carries the headers that let the playground's page read it.
import { describe, expect, it } from 'vitest';
import { apiPreflight, withApiCors } from '../src/dev-cors.js';

describe('development CORS of the API', () => {
  it('answers a preflight with 204 and names Authorization (a `*` would not cover it)', () => {
    const res = apiPreflight();
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Authorization, Content-Type');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('adds the headers to any answer, a refusal included, keeping its status, headers and body', async () => {
    const refused = Response.json(
      { error: { type: 'Unauthorized' } },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    );
    const res = withApiCors(refused);
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(await res.json()).toEqual({ error: { type: 'Unauthorized' } });
  });
});
