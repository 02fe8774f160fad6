// Bounded, seeded fuzzing of the engine over the in-memory transport: schema-generated CALLs and
// mutated frames go to a strict server-side station and to a client; both must answer every
// well-formed CALL exactly once with a spec-correct frame, never crash, never leave an unhandled
// rejection, and end with nothing pending. bench/fuzz-long.mjs runs the same for ≥ 1M frames.
import { validate } from '@ocpp-ws-io/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker, inboundFrames, loadVocabulary, toTexts } from '../../../bench/fuzz-kit.mjs';
import {
  createMemoryTransportPair,
  type Endpoint,
  ERROR_CODES_2X,
  ERROR_CODES_16,
  OCPPClient,
  type OCPPProtocol,
  RPCError,
} from '../src/index.js';
import { allValidators, flush, stationWithRawPeer, VERSIONS } from './harness.js';

const vocab = loadVocabulary();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** Handler outcomes rotate by message id: valid result, invalid result, throw, RPCError, async. */
function installHandlers(endpoint: Endpoint<OCPPProtocol>, protocol: OCPPProtocol) {
  const responses = new Map<string, unknown>();
  for (const a of vocab.find((v) => v.protocol === protocol)!.actions)
    if (a.responseArb) responses.set(a.name, fc.sample(a.responseArb, { seed: 3, numRuns: 1 })[0]);
  let turn = 0;
  endpoint.handle('*', ({ action }) => {
    switch (turn++ % 6) {
      case 0:
        throw new Error('handler exploded\n    at secret (/srv/app.ts:1:1)');
      case 1:
        return { bogus: true };
      case 2:
        throw new RPCError('NotSupported', 'nope', { where: 'handler' });
      case 3:
        return Promise.resolve(responses.get(action));
      case 4:
        return Promise.reject(new TypeError('async failure'));
      default:
        return responses.get(action);
    }
  });
}

const checkerFor = (protocol: OCPPProtocol) =>
  createChecker({
    protocol,
    errorCodes: protocol === 'ocpp1.6' ? ERROR_CODES_16 : ERROR_CODES_2X,
    responseProblem: (action, payload) => {
      const schemas = allValidators[protocol].actions[action];
      if (!schemas?.response) return `no response schema for ${action}`;
      return validate(schemas.response, payload)?.message;
    },
  });

describe.each(VERSIONS)('%s', (protocol) => {
  it('server side: every well-formed CALL is answered exactly once, correctly', async () => {
    let run = 0;
    let frames = 0;
    await fc.assert(
      fc.asyncProperty(inboundFrames(vocab, protocol), async (items) => {
        const { station, peer } = await stationWithRawPeer(protocol, { maxBadMessages: 1e9 });
        installHandlers(station as never, protocol);
        const checker = checkerFor(protocol);
        for (const text of toTexts(items, `s${run++}-`)) {
          checker.sent(text);
          peer.send(text);
          frames++;
        }
        await flush();
        await flush();
        for (const reply of peer.received) checker.received(reply);
        expect(checker.problems).toEqual([]);
        expect(checker.mismatches()).toEqual([]);
        expect(peer.closes).toEqual([]);
        expect(station.pendingCalls).toBe(0);
        await station.close();
      }),
      { seed: 42, numRuns: 100 },
    );
    expect(frames).toBeGreaterThan(400);
  });

  it('client side: same invariants, while its own calls get mutated responses', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(inboundFrames(vocab, protocol, { maxLength: 25 }), fc.nat(), async (items, salt) => {
        const [clientSide, peerSide] = createMemoryTransportPair(protocol);
        const client = new OCPPClient({
          endpoint: 'ws://h/ocpp',
          identity: 'CP-1',
          protocols: [protocol],
          validators: allValidators as never,
          maxBadMessages: 1e9,
          reconnect: false,
          connector: async () => clientSide,
        });
        installHandlers(client as never, protocol);
        const received: string[] = [];
        peerSide.attach({
          message: (d) => received.push(d),
          binary: () => {},
          close: () => {},
          error: () => {},
        });
        await client.connect();
        // The client calls the CSMS; the "CSMS" answers with whatever the items say.
        const outcomes: Array<'ok' | 'err'> = [];
        const calls = Array.from({ length: 3 }, () =>
          client.call('Heartbeat' as never, {} as never, { timeoutMs: 20 }).then(
            () => outcomes.push('ok'),
            () => outcomes.push('err'),
          ),
        );
        const checker = checkerFor(protocol);
        const texts = toTexts(items, `c${run++}-`);
        for (const [i, text] of texts.entries()) {
          // Every few frames, answer the client's outstanding call with a (maybe broken) response.
          const pending = received.find((r) => r.startsWith('[2,'));
          if (pending && (i + salt) % 4 === 0) {
            const id = JSON.parse(pending)[1] as string;
            received.splice(received.indexOf(pending), 1);
            peerSide.send(
              (i + salt) % 8 === 0
                ? `[3,"${id}",{"currentTime":"2024-05-01T12:00:00Z"}]`
                : `[3,"${id}",${text}]`,
            );
          }
          checker.sent(text);
          peerSide.send(text);
        }
        await flush();
        await Promise.all(calls); // every call settles: answered, failed, or timed out
        expect(outcomes).toHaveLength(3);
        for (const reply of received) if (!reply.startsWith('[2,')) checker.received(reply);
        expect(checker.problems).toEqual([]);
        expect(checker.mismatches()).toEqual([]);
        await client.close();
      }),
      { seed: 43, numRuns: 25 },
    );
  });
});
