// The page's half of the relay protocol: reading the relay's frames, writing its own.

import { describe, expect, it } from 'vitest';
import { pageFrame, parseRelayFrame } from '../../src/index.js';

describe('parseRelayFrame', () => {
  it.each([
    ['opened 3 {"protocol":"ocpp1.6"}', { kind: 'opened', channel: 3, protocol: 'ocpp1.6' }],
    ['message 3 [3,"1",{}]', { kind: 'message', channel: 3, data: '[3,"1",{}]' }],
    ['message 3 with  spaces ', { kind: 'message', channel: 3, data: 'with  spaces ' }],
    ['closed 3 {"code":4000,"reason":"r"}', { kind: 'closed', channel: 3, code: 4000, reason: 'r' }],
    ['closed 3 {}', { kind: 'closed', channel: 3, code: 1006, reason: '' }],
    [
      'refused 3 {"message":"HTTP 401","status":401,"retryable":false}',
      { kind: 'refused', channel: 3, message: 'HTTP 401', status: 401, retryable: false },
    ],
    [
      'refused 3 {"message":"full","retryable":true}',
      { kind: 'refused', channel: 3, message: 'full', status: undefined, retryable: true },
    ],
    ['binary 3 {}', { kind: 'binary', channel: 3 }],
    ['error 0 {"message":"bad"}', { kind: 'error', channel: 0, message: 'bad' }],
  ])('reads %s', (text, frame) => {
    expect(parseRelayFrame(text)).toEqual(frame);
  });

  it.each([
    ['opened', 'no channel'],
    ['opened 3', 'no channel'],
    ['opened x {}', 'bad channel x'],
    ['opened -1 {}', 'bad channel -1'],
    ['opened 3 {}', 'opened: no protocol'],
    ['opened 3 nope', 'opened: body is not JSON'],
    ['closed 3 null', 'closed: body is not an object'],
    ['hello 3 {}', 'unknown frame kind "hello"'],
  ])('says what is wrong with %j', (text, problem) => {
    expect(parseRelayFrame(text)).toBe(problem);
  });
});

describe('pageFrame', () => {
  it('writes OCPP frames verbatim and control bodies as JSON', () => {
    expect(pageFrame('send', 3, '[2,"1","Heartbeat",{}]')).toBe('send 3 [2,"1","Heartbeat",{}]');
    expect(pageFrame('close', 3, { code: 1000, reason: '' })).toBe('close 3 {"code":1000,"reason":""}');
  });
});
