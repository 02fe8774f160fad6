// What the relay does with frames a page should not send: each gets a clear `error` (or, for an
// `open` it can read the channel of, a `refused`), never a crash, and the link goes on working.
// Plus the frame codec's own table.

import { afterEach, describe, expect, it } from 'vitest';
import { parsePageFrame, relayFrame } from '../../src/relay/frames.js';
import { PASSWORD, rawPage, relayFor, startCsms } from './helpers.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('parsePageFrame', () => {
  it.each([
    ['send 3 [2,"1","Heartbeat",{}]', { kind: 'send', channel: 3, data: '[2,"1","Heartbeat",{}]' }],
    ['send 3 has  two  spaces', { kind: 'send', channel: 3, data: 'has  two  spaces' }],
    ['close 9 {"code":4000,"reason":"r"}', { kind: 'close', channel: 9, code: 4000, reason: 'r' }],
    ['close 9 {}', { kind: 'close', channel: 9, code: 1000, reason: '' }],
    [
      'open 1 {"url":"ws://h/ocpp/CP-1","identity":"CP-1","protocols":["ocpp1.6"]}',
      {
        kind: 'open',
        channel: 1,
        request: { url: 'ws://h/ocpp/CP-1', identity: 'CP-1', protocols: ['ocpp1.6'] },
      },
    ],
  ])('reads %s', (text, frame) => {
    expect(parsePageFrame(text)).toEqual(frame);
  });

  it.each([
    ['', 'expected "<kind> <channel> <body>"', undefined],
    ['send 3', 'expected "<kind> <channel> <body>"', undefined],
    ['send 0 x', 'bad channel "0": a decimal number ≥ 1', undefined],
    ['send -1 x', 'bad channel "-1": a decimal number ≥ 1', undefined],
    ['send 01 x', 'bad channel "01": a decimal number ≥ 1', undefined],
    ['send 99999999999999999 x', 'bad channel "99999999999999999": a decimal number ≥ 1', undefined],
    ['ping 2 {}', 'unknown frame kind "ping": open, send or close', 2],
    ['close 2 nope', 'close: the body is not JSON', 2],
    ['open 2 []', 'open: the body is not a JSON object', 2],
    ['open 2 {"identity":"CP-1","protocols":["ocpp1.6"]}', 'open: url must be a string', 2],
    [
      'open 2 {"url":"ws://h/x","identity":"","protocols":["ocpp1.6"]}',
      'open: identity must be a non-empty string',
      2,
    ],
    [
      'open 2 {"url":"ws://h/x","identity":"A","protocols":[]}',
      'open: protocols must be a non-empty array of strings',
      2,
    ],
    [
      'open 2 {"url":"ws://h/x","identity":"A","protocols":["p"],"password":1}',
      'open: password must be a string',
      2,
    ],
    [
      'open 2 {"url":"ws://h/x","identity":"A","protocols":["p"],"headers":{"a":1}}',
      'open: headers must be an object of strings',
      2,
    ],
  ])('refuses %j: %s', (text, problem, channel) => {
    expect(parsePageFrame(text)).toEqual(channel === undefined ? { problem } : { problem, channel });
  });

  it('relayFrame writes JSON bodies and raw data', () => {
    expect(relayFrame('opened', 3, { protocol: 'ocpp1.6' })).toBe('opened 3 {"protocol":"ocpp1.6"}');
    expect(relayFrame('message', 3, '[3,"1",{}]')).toBe('message 3 [3,"1",{}]');
  });
});

describe('bad frames on a live link', () => {
  async function rig() {
    const csms = await startCsms();
    cleanup.push(() => csms.close());
    const relay = await relayFor(csms.url);
    cleanup.push(() => relay.close());
    const page = await rawPage(relay.url);
    cleanup.push(() => page.socket.close());
    return { csms, relay, page };
  }

  it('each gets an error naming the problem, and the link keeps working', async () => {
    const { csms, relay, page } = await rig();
    page.send('garbage');
    expect(await page.next()).toMatchObject({
      kind: 'error',
      channel: 0,
      json: { message: 'expected "<kind> <channel> <body>"' },
    });
    page.socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await page.next()).toMatchObject({
      kind: 'error',
      channel: 0,
      json: { message: 'binary frames are not part of the relay protocol' },
    });
    page.send('hello 5 {}');
    expect(await page.next()).toMatchObject({ kind: 'error', channel: 5 });
    page.send('send 5 [2,"1","Heartbeat",{}]');
    expect(await page.next()).toMatchObject({
      kind: 'error',
      channel: 5,
      json: { message: 'no station on this channel' },
    });
    page.send('open 6 {not json');
    expect(await page.next()).toMatchObject({
      kind: 'refused',
      channel: 6,
      json: { message: 'open: the body is not JSON', retryable: false },
    });
    // Still fine:
    expect(await page.open(7, `${csms.url}/CP-7`)).toMatchObject({ kind: 'opened', channel: 7 });
    expect(relay.stations).toBe(1);
  });

  it('an open on a channel in use is an error; the station on it is left alone', async () => {
    const { csms, page } = await rig();
    await page.open(1, `${csms.url}/CP-1`);
    expect(await page.open(1, `${csms.url}/CP-2`)).toMatchObject({
      kind: 'error',
      channel: 1,
      json: { message: 'channel already in use' },
    });
    page.send('send 1 [2,"x","Heartbeat",{}]');
    expect(await page.next()).toMatchObject({ kind: 'message', channel: 1 });
  });

  it('a send before opened is an error and is not forwarded', async () => {
    const { csms, page } = await rig();
    page.send(
      `open 1 ${JSON.stringify({ url: `${csms.url}/CP-1`, identity: 'CP-1', protocols: ['ocpp1.6'], password: PASSWORD })}`,
    );
    page.send('send 1 [2,"early","Heartbeat",{}]');
    const frames = [await page.next(), await page.next()];
    expect(frames.map((f) => f.kind).sort()).toEqual(['error', 'opened']);
    expect(frames.find((f) => f.kind === 'error')!.json.message).toBe('not open: wait for opened');
  });
});
