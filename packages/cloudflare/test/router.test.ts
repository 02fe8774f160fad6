// The Worker router in plain Node: it uses only the fetch API (Request, Response), so its
// decisions — which requests reach a station's Durable Object, which never wake one — are checked
// here against a fake namespace that records every object it hands out. workerd runs it for real
// in csms.test.ts.
import { describe, expect, it } from 'vitest';
import { httpStatusOf, type StationCallOutcome } from '../src/call-outcome.js';
import { createOCPPRouter, type StationStubLike } from '../src/router.js';

function fakeStations(
  outcome: StationCallOutcome = { ok: true, protocol: 'ocpp1.6', response: { status: 'Accepted' } },
) {
  const woken: string[] = [];
  const seen: Array<{ identity: string; what: string; args: unknown[] }> = [];
  const namespace = {
    getByName(identity: string): StationStubLike {
      woken.push(identity);
      return {
        fetch: async (request) => {
          seen.push({ identity, what: 'fetch', args: [new URL(request.url).pathname] });
          return new Response(null, { status: 299 });
        },
        callStation: async (...args) => {
          seen.push({ identity, what: 'call', args });
          return outcome;
        },
        stationInfo: async () => ({ identity }) as never,
      };
    },
  };
  return { namespace, woken, seen };
}

const TOKEN = 'Bearer secret';
const upgrade = { Upgrade: 'websocket' };

function router(stations: ReturnType<typeof fakeStations>, api = true, ocppPath?: string) {
  return createOCPPRouter<unknown>({
    stations: () => stations.namespace,
    ...(ocppPath ? { ocppPath } : {}),
    ...(api ? { api: { authorize: (req) => req.headers.get('Authorization') === TOKEN } } : {}),
  });
}
const at = (path: string, init?: RequestInit) => new Request(`https://csms.example${path}`, init);

describe('createOCPPRouter: station sockets', () => {
  it('sends an upgrade on /ocpp/<identity> to the object named by the decoded identity', async () => {
    const s = fakeStations();
    const res = await router(s)(at('/ocpp/CP%201', { headers: upgrade }), {});
    expect(res?.status).toBe(299);
    expect(s.woken).toEqual(['CP 1']);
    expect(s.seen).toEqual([{ identity: 'CP 1', what: 'fetch', args: ['/ocpp/CP%201'] }]);
  });

  it('answers a plain request on a station path with 426 and wakes no object', async () => {
    const s = fakeStations();
    const res = await router(s)(at('/ocpp/CP-1'), {});
    expect(res?.status).toBe(426);
    expect(res?.headers.get('Upgrade')).toBe('websocket');
    expect(s.woken).toEqual([]);
  });

  it('leaves deeper paths and other prefixes to the Worker (undefined), and refuses a broken identity', async () => {
    const s = fakeStations();
    const route = router(s);
    for (const path of ['/ocpp/a/b', '/ocppx/CP-1', '/ocpp', '/elsewhere/CP-1'])
      expect(await route(at(path, { headers: upgrade }), {}), path).toBeUndefined();
    expect((await route(at('/ocpp/%E0%A4%A', { headers: upgrade }), {}))?.status).toBe(400);
    expect((await route(at('/ocpp/', { headers: upgrade }), {}))?.status).toBe(400);
    expect(s.woken).toEqual([]);
  });

  it('takes ocppPath with or without a trailing slash', async () => {
    const s = fakeStations();
    expect(
      (await router(s, false, '/stations/')(at('/stations/CP-1', { headers: upgrade }), {}))?.status,
    ).toBe(299);
    expect(await router(s, false, '/stations/')(at('/ocpp/CP-1', { headers: upgrade }), {})).toBeUndefined();
    expect(s.woken).toEqual(['CP-1']);
  });
});

describe('createOCPPRouter: the station API', () => {
  it('is off unless configured', async () => {
    const s = fakeStations();
    expect(
      await router(s, false)(at('/api/stations/CP-1', { headers: { Authorization: TOKEN } }), {}),
    ).toBeUndefined();
  });

  it('refuses a caller the authorize callback refuses with 401, before waking anything', async () => {
    const s = fakeStations();
    const res = await router(s)(at('/api/stations/CP-1/call/Reset', { method: 'POST', body: '{}' }), {});
    expect(res?.status).toBe(401);
    expect(res?.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(s.woken).toEqual([]);
  });

  it('calls the station with the JSON body and the timeout, and answers with the outcome', async () => {
    const failure: StationCallOutcome = { ok: false, error: { type: 'NotConnected', message: 'offline' } };
    for (const outcome of [undefined, failure]) {
      const s = fakeStations(outcome);
      const res = await router(s)(
        at('/api/stations/CP-1/call/Reset?timeoutMs=5000', {
          method: 'POST',
          headers: { Authorization: TOKEN },
          body: JSON.stringify({ type: 'Soft' }),
        }),
        {},
      );
      const expected = outcome ?? { ok: true, protocol: 'ocpp1.6', response: { status: 'Accepted' } };
      expect(res?.status).toBe(httpStatusOf(expected));
      expect(await res?.json()).toEqual(expected);
      expect(s.seen).toEqual([
        { identity: 'CP-1', what: 'call', args: ['Reset', { type: 'Soft' }, { timeoutMs: 5000 }] },
      ]);
    }
  });

  it('answers 400 to a body that is not JSON, and leaves unknown API routes alone', async () => {
    const s = fakeStations();
    const route = router(s);
    const post = (path: string, body: string) =>
      at(path, { method: 'POST', headers: { Authorization: TOKEN }, body });
    expect((await route(post('/api/stations/CP-1/call/Reset', 'not json'), {}))?.status).toBe(400);
    expect(await route(post('/api/stations/CP-1/other/Reset', '{}'), {})).toBeUndefined();
    expect(s.seen).toEqual([]);
  });

  it('answers GET /api/stations/<identity> with what the object says', async () => {
    const s = fakeStations();
    const res = await router(s)(at('/api/stations/CP%2F1', { headers: { Authorization: TOKEN } }), {});
    expect(res?.status).toBe(200);
    expect(await res?.json()).toEqual({ identity: 'CP/1' });
  });
});
