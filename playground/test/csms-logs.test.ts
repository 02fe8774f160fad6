// The demo CSMS under wrangler dev, as `npm start` runs it (issue #16: "see the CSMS logs" led
// nowhere): one log line per connection and per refusal, naming the identity and the reason, and
// — development only — the last refusal of an identity over HTTP, which the playground shows
// because a browser only ever sees close 1006.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OCPPClient } from '@ocpp-ws-io/node';
import { type ReadyProcess, rawUpgrade } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLMENT_SECRET, freePort, poll, startWorkerCsms } from './helpers.js';

let worker: ReadyProcess | undefined;
let base = '';
const persistTo = mkdtempSync(join(tmpdir(), 'ocpp-csms-logs-'));

beforeAll(async () => {
  const port = await freePort();
  base = `127.0.0.1:${port}`;
  worker = await startWorkerCsms(port, persistTo);
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  rmSync(persistTo, { recursive: true, force: true });
});

const station = (identity: string, password: string, protocols: Array<'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1'>) =>
  new OCPPClient({ endpoint: `ws://${base}/ocpp`, identity, password, protocols, reconnect: false });
/** Waits (bounded) until the CSMS's output has a line matching `line`. */
const logged = (line: RegExp) =>
  poll(
    async () => worker!.output(),
    (out) => line.test(out),
  );

describe('the demo CSMS logs', () => {
  it('one line when a station connects and when it goes', async () => {
    const cp = station('CP-LOG-1', ENROLMENT_SECRET, ['ocpp1.6']);
    await cp.connect();
    await logged(/\[csms\] station CP-LOG-1 connected \(ocpp1\.6\)/);
    await cp.close();
    await logged(/\[csms\] station CP-LOG-1 disconnected \(1000/);
  });

  it('a wrong password: the identity and the reason, and the same reason at /dev/last-refusal', async () => {
    const cp = station('CP-LOG-2', ENROLMENT_SECRET, ['ocpp1.6']);
    await cp.connect(); // enrolled with its own credential
    await cp.close();
    const refused = await station('CP-LOG-2', 'not-the-password-x', ['ocpp1.6'])
      .connect()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    await logged(/\[auth\] station CP-LOG-2 refused \(401\): wrong password/);
    const response = await fetch(`http://${base}/dev/last-refusal/CP-LOG-2`);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(await response.json()).toMatchObject({
      status: 401,
      reason: expect.stringMatching(/^wrong password/),
    });
  });

  it('no common subprotocol: what the station offered and what the CSMS speaks (OCPP-J 1.6/2.0.1 §3.2)', async () => {
    const answer = await rawUpgrade(`ws://${base}/ocpp/CP-LOG-3`, { protocols: 'ocpp2.1' });
    expect(answer.status).toBe(101);
    expect(answer.protocol).toBeUndefined();
    await logged(
      /\[csms\] station CP-LOG-3 refused: no common subprotocol \(offered: ocpp2\.1; this CSMS speaks ocpp2\.0\.1, ocpp1\.6\)/,
    );
    expect(await (await fetch(`http://${base}/dev/last-refusal/CP-LOG-3`)).json()).toMatchObject({
      reason: expect.stringContaining('no common subprotocol'),
    });
  });

  it('an upgrade to an unknown path', async () => {
    const answer = await rawUpgrade(`ws://${base}/charging/CP-LOG-4`, { protocols: 'ocpp1.6' });
    expect(answer.status).toBe(404);
    await logged(/\[csms\] upgrade to \/charging\/CP-LOG-4 refused \(404\): unknown path/);
  });
});
