// The relay on loopback between a page (a raw socket speaking the relay protocol by hand) and a
// Node CSMS: each station gets its own real WebSocket with its URL, subprotocol offer and Basic
// credentials; frames pass verbatim both ways; closes carry their codes both ways; a refused
// handshake reaches the page with its HTTP status; the page's socket ending closes its stations.

import { startWsServer } from '@ocpp-ws-io/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, rawPage, relayFor, startCsms, until } from './helpers.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
async function rig(protocols: Array<'ocpp1.6' | 'ocpp2.0.1'> = ['ocpp1.6']) {
  const csms = await startCsms(protocols);
  cleanup.push(() => csms.close());
  const relay = await relayFor(csms.url);
  cleanup.push(() => relay.close());
  const page = await rawPage(relay.url);
  cleanup.push(() => page.socket.close());
  return { csms, relay, page };
}

describe('opening a station', () => {
  it('connects with the station’s URL and Basic credentials; the page learns the CSMS’s protocol', async () => {
    const { csms, relay, page } = await rig();
    expect(await page.open(1, `${csms.url}/CP-1`)).toMatchObject({
      kind: 'opened',
      channel: 1,
      json: { protocol: 'ocpp1.6' },
    });
    await until(() => csms.stations.length === 1);
    const [station] = csms.stations;
    expect(station!.identity).toBe('CP-1');
    expect(station!.handshake.password).toBe(PASSWORD);
    expect(relay.stations).toBe(1);
    expect(relay.links).toBe(1);
  });

  it('passes the offer through in its order: the CSMS chooses, the page sees its choice', async () => {
    const { csms, page } = await rig(['ocpp2.0.1', 'ocpp1.6']);
    const opened = await page.open(1, `${csms.url}/CP-1`, { protocols: ['ocpp1.6', 'ocpp2.0.1'] });
    await until(() => csms.stations.length === 1);
    expect(opened.json.protocol).toBe(csms.stations[0]!.protocol);
    expect(csms.stations[0]!.handshake.offeredProtocols).toEqual(['ocpp1.6', 'ocpp2.0.1']);
    // The server's preference wins here; what matters is that the page was told that choice.
    expect(opened.json.protocol).toBe('ocpp2.0.1');
  });

  it('a CSMS that agrees no subprotocol is a refusal the page can’t retry its way out of', async () => {
    const { csms, page } = await rig(['ocpp2.0.1']);
    const refused = await page.open(1, `${csms.url}/CP-1`, { protocols: ['ocpp1.6'] });
    expect(refused).toMatchObject({ kind: 'refused', channel: 1, json: { retryable: false } });
    expect(refused.json.message).toMatch(/subprotocol/i);
  });

  it('a wrong password: refused with the CSMS’s HTTP status (401), not retryable', async () => {
    const { csms, page } = await rig();
    const refused = await page.open(1, `${csms.url}/CP-1`, { password: 'wrong-password-0000' });
    expect(refused).toMatchObject({ kind: 'refused', channel: 1, json: { status: 401, retryable: false } });
    expect(refused.json.message).toBe('CSMS refused the WebSocket upgrade: HTTP 401');
  });

  it('an unknown path: refused with 404, retryable (the CSMS may come back right)', async () => {
    const { csms, page } = await rig();
    const refused = await page.open(1, `${csms.url}/x/CP-1`);
    expect(refused).toMatchObject({ kind: 'refused', json: { status: 404, retryable: true } });
  });

  it('nothing listening: refused, retryable, with the network error', async () => {
    const csms = await startCsms();
    const url = csms.url;
    await csms.close();
    const relay = await relayFor(url);
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    const refused = await page.open(1, `${url}/CP-1`);
    expect(refused).toMatchObject({ kind: 'refused', json: { retryable: true } });
    expect(refused.json.message).toMatch(/ECONNREFUSED/);
  });

  it('the page’s headers go along, except the ones that make the upgrade', async () => {
    const server = await startWsServer({ protocols: ['ocpp1.6'] });
    cleanup.push(() => server.close());
    const relay = await relayFor(server.url);
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    const opened = await page.open(1, `${server.url}/ocpp/CP-1`, {
      headers: {
        'X-Rig': 'fleet',
        Host: 'other.example',
        'Sec-WebSocket-Protocol': 'evil',
        Authorization: 'Bearer x',
      },
    });
    expect(opened.kind).toBe('opened');
    const seen = server.upgrades[0]!.headers;
    expect(seen['x-rig']).toBe('fleet');
    expect(seen.host).toBe(`127.0.0.1:${server.port}`);
    expect(seen['sec-websocket-protocol']).toBe('ocpp1.6');
    expect(seen.authorization).toBe(`Basic ${Buffer.from(`CP-1:${PASSWORD}`).toString('base64')}`);
  });
});

describe('frames', () => {
  it('go verbatim both ways', async () => {
    const { csms, page } = await rig();
    await page.open(7, `${csms.url}/CP-7`);
    const call = '[2,"m-1","Heartbeat",{}]';
    page.send(`send 7 ${call}`);
    const answer = await page.next();
    expect(answer.kind).toBe('message');
    expect(answer.channel).toBe(7);
    expect(JSON.parse(answer.body)).toEqual([3, 'm-1', { currentTime: expect.any(String) }]);
    // And a CALL from the CSMS: the page answers it through the relay.
    const station = csms.stations[0]!;
    const pending = station.call('ChangeAvailability', { connectorId: 0, type: 'Inoperative' });
    const inbound = await page.next();
    const [, id, action] = JSON.parse(inbound.body) as [number, string, string];
    expect(action).toBe('ChangeAvailability');
    page.send(`send 7 [3,"${id}",{"status":"Accepted"}]`);
    expect(await pending).toEqual({ status: 'Accepted' });
  });

  it('stations on different channels stay apart', async () => {
    const { csms, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await page.open(2, `${csms.url}/CP-2`);
    page.send('send 2 [2,"b","Heartbeat",{}]');
    expect(await page.next()).toMatchObject({ kind: 'message', channel: 2 });
    page.send('send 1 [2,"a","Heartbeat",{}]');
    expect(await page.next()).toMatchObject({ kind: 'message', channel: 1 });
  });
});

describe('closes', () => {
  it('the page’s close code and reason reach the CSMS, and the page hears closed', async () => {
    const { csms, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await until(() => csms.stations.length === 1);
    page.send('close 1 {"code":4001,"reason":"bye"}');
    expect(await page.next()).toMatchObject({
      kind: 'closed',
      channel: 1,
      json: { code: 4001, reason: 'bye' },
    });
    await until(() => csms.closes.length === 1);
    expect(csms.closes[0]).toEqual({ identity: 'CP-1', code: 4001, reason: 'bye' });
  });

  it('a close code ws may not send (1006) goes out as 1000 with the wish in the reason', async () => {
    const { csms, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await until(() => csms.stations.length === 1);
    page.send('close 1 {"code":1006,"reason":"x"}');
    expect(await page.next()).toMatchObject({ kind: 'closed', json: { code: 1000, reason: '1006 x' } });
  });

  it('a 1006 with a long reason of 3-byte characters: 1000, "1006 …" cut to 123 bytes on a character boundary (RFC 6455 §5.5)', async () => {
    const { csms, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await until(() => csms.stations.length === 1);
    page.send(`close 1 ${JSON.stringify({ code: 1006, reason: '€'.repeat(60) })}`);
    const closed = await page.next();
    expect(closed).toMatchObject({ kind: 'closed', json: { code: 1000 } });
    // "1006 " (5 bytes) and 39 whole euro signs (117 bytes): 122 ≤ 123, a 40th would not fit.
    expect(closed.json.reason).toBe(`1006 ${'€'.repeat(39)}`);
  });

  it('the CSMS’s close code and reason reach the page', async () => {
    const { csms, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await until(() => csms.stations.length === 1);
    await csms.stations[0]!.close(4100, 'go away');
    expect(await page.next()).toMatchObject({
      kind: 'closed',
      channel: 1,
      json: { code: 4100, reason: 'go away' },
    });
  });

  it('closing during the handshake: the attempt is given up (refused, not retryable)', async () => {
    const { csms, page } = await rig();
    page.send(
      `open 1 ${JSON.stringify({ url: `${csms.url}/CP-1`, identity: 'CP-1', protocols: ['ocpp1.6'], password: PASSWORD })}`,
    );
    page.send('close 1 {"code":1000,"reason":""}');
    expect(await page.next()).toMatchObject({
      kind: 'refused',
      channel: 1,
      json: { message: 'aborted by the page', retryable: false },
    });
  });

  it('the page’s socket ending closes every station it carried (1001 at the CSMS)', async () => {
    const { csms, relay, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await page.open(2, `${csms.url}/CP-2`);
    await until(() => csms.stations.length === 2);
    page.socket.ws.terminate();
    await until(() => csms.closes.length === 2);
    expect(csms.closes.map((c) => c.code)).toEqual([1001, 1001]);
    await until(() => relay.links === 0);
    expect(relay.stations).toBe(0);
  });

  it('relay.close() ends the pages’ sockets (1001) and the stations’ connections', async () => {
    const { csms, relay, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    await until(() => csms.stations.length === 1);
    cleanup.pop(); // the page's own close: the relay closes it
    await relay.close();
    expect((await page.socket.closed).code).toBe(1001);
    await until(() => csms.closes.length === 1);
    expect(csms.closes[0]!.code).toBe(1001);
  });
});
