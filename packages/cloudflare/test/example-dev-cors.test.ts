// examples/cloudflare-csms's API and other origins, in real workerd: under wrangler dev
// (DEV_DIAGNOSTICS=1) a page of another origin — the playground's Test a CSMS page — may call it
// with the token; deployed (no DEV_DIAGNOSTICS), nothing about the API changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ExampleWorker, startExampleWorker } from './helpers/example-worker.js';

const API_TOKEN = 'example-test-api-token';

const preflight = (worker: ExampleWorker) =>
  fetch(`${worker.url}/api/stations/CP-1/call/Reset`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://127.0.0.1:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type',
    },
  });

describe('the example API under wrangler dev (DEV_DIAGNOSTICS=1)', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({ API_TOKEN, DEV_DIAGNOSTICS: '1' });
  });
  afterAll(() => worker?.dispose());

  it('answers a preflight (sent without the token) with 204 and the headers a page needs', async () => {
    const res = await preflight(worker);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Authorization, Content-Type');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('still wants the token: its answers, refusals included, carry the CORS headers', async () => {
    const ok = await api(worker, API_TOKEN, 'GET', '/api/stations');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const refused = await api(worker, 'wrong-token-wrong-token', 'GET', '/api/stations');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });
});

describe('the example API deployed (no DEV_DIAGNOSTICS)', () => {
  let worker: ExampleWorker;
  beforeAll(async () => {
    worker = await startExampleWorker({ API_TOKEN });
  });
  afterAll(() => worker?.dispose());

  it('gives other origins nothing: a preflight is refused like any call without the token', async () => {
    const res = await preflight(worker);
    expect(res.status).toBe(401);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const ok = await api(worker, API_TOKEN, 'GET', '/api/stations');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
