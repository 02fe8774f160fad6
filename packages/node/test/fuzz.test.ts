// Bounded, seeded fuzzing over real sockets on 127.0.0.1: schema-generated and mutated frames from a
// raw `ws` peer into the Node server (strict, default validators). Every well-formed CALL must be
// answered exactly once with a spec-correct frame; nothing may crash or reject unhandled.
import { validate } from '@ocpp-ws-io/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createChecker, inboundFrames, loadVocabulary, toTexts } from '../../../bench/fuzz-kit.mjs';
import {
  ALL_VALIDATORS,
  ERROR_CODES_2X,
  ERROR_CODES_16,
  type OCPPProtocol,
  OCPPServer,
  RPCError,
} from '../src/index.js';

const vocab = loadVocabulary();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let server: OCPPServer;
let url: string;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = new OCPPServer({ path: '/ocpp', maxBadMessages: 1e9 });
  let turn = 0;
  server.on('client', (station) =>
    station.handle('*', () => {
      switch (turn++ % 4) {
        case 0:
          throw new Error('exploded at /srv/secret.ts:1:1');
        case 1:
          throw new RPCError('NotSupported', 'no');
        case 2:
          return Promise.resolve({ bogus: true });
        default:
          return {};
      }
    }),
  );
  ({ url } = await server.listen({ port: 0, host: '127.0.0.1' }));
});
afterAll(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe.each(['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] as OCPPProtocol[])('%s over a real socket', (protocol) => {
  it('answers every well-formed CALL exactly once, correctly, and stays up', async () => {
    const ws = new WebSocket(`${url}/FUZZ-${protocol.replace(/\./g, '')}`, [protocol]);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const checker = createChecker({
      protocol,
      errorCodes: protocol === 'ocpp1.6' ? ERROR_CODES_16 : ERROR_CODES_2X,
      responseProblem: (action, payload) => {
        const schemas = ALL_VALIDATORS[protocol]?.actions[action];
        return schemas?.response ? validate(schemas.response, payload)?.message : `no schema for ${action}`;
      },
    });
    ws.on('message', (data) => checker.received(data.toString()));
    let closed: number | undefined;
    ws.on('close', (code) => {
      closed = code;
    });
    const batches = fc.sample(inboundFrames(vocab, protocol), { seed: 5, numRuns: 40 });
    let frames = 0;
    for (const [b, items] of batches.entries())
      for (const text of toTexts(items, `${b}-`)) {
        checker.sent(text);
        ws.send(text);
        frames++;
      }
    // Wait (bounded) for the last answers to arrive.
    for (let i = 0; i < 200 && checker.outstanding > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(frames).toBeGreaterThan(100);
    expect(checker.problems).toEqual([]);
    expect(checker.mismatches()).toEqual([]);
    expect(closed).toBeUndefined();
    ws.close();
  });
});
