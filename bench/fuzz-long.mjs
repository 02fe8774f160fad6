#!/usr/bin/env node --expose-gc
import {
  createMemoryTransportPair,
  ERROR_CODES_2X,
  ERROR_CODES_16,
  OCPPServer,
  RPCError,
} from '@ocpp-ws-io/core';
import { validate } from '@ocpp-ws-io/schemas';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';
// Long fuzz run (≥ 1M frames by default) against the BUILT engine over the in-memory transport:
// schema-generated and mutated frames into a strict server-side station per version, one
// long-lived connection each, checked with the same invariants as the bounded test suite.
//   node --expose-gc bench/fuzz-long.mjs [frames=1000000] [seed=1]
import fc from 'fast-check';
import { createChecker, inboundFrames, loadVocabulary, toTexts } from './fuzz-kit.mjs';

const target = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
const validators = { 'ocpp1.6': v16, 'ocpp2.0.1': v201, 'ocpp2.1': v21 };
const vocab = loadVocabulary();
let unhandled = 0;
process.on('unhandledRejection', () => unhandled++);
const gc = () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
const tick = () => new Promise((r) => setImmediate(r));

async function station(protocol) {
  const server = new OCPPServer({ protocols: [protocol], validators, maxBadMessages: 1e12 });
  const decision = await server.handshake({
    url: 'ws://h/ocpp/CP-FUZZ',
    headers: { get: (n) => (n === 'sec-websocket-protocol' ? protocol : null) },
  });
  const [stationSide, peer] = createMemoryTransportPair(protocol);
  const s = server.accept(stationSide, decision);
  const responses = new Map();
  for (const a of vocab.find((v) => v.protocol === protocol).actions)
    if (a.responseArb) responses.set(a.name, fc.sample(a.responseArb, { seed, numRuns: 1 })[0]);
  let turn = 0;
  s.handle('*', ({ action }) => {
    switch (turn++ % 5) {
      case 0:
        throw new Error('boom');
      case 1:
        return { bogus: 1 };
      case 2:
        throw new RPCError('NotSupported', 'no');
      case 3:
        return Promise.resolve(responses.get(action));
      default:
        return responses.get(action);
    }
  });
  let sink = () => {};
  let closed;
  peer.attach({ message: (d) => sink(d), close: (i) => (closed = i), error: () => {} });
  return { s, peer, setSink: (f) => (sink = f), closed: () => closed };
}

const t0 = performance.now();
const peers = {};
const pools = {};
for (const { protocol } of vocab) {
  peers[protocol] = await station(protocol);
  pools[protocol] = fc.sample(inboundFrames(vocab, protocol), { seed, numRuns: 400 });
}
let frames = 0;
let calls = 0;
let answers = 0;
const problems = [];
let heapBefore;
for (let batch = 0; frames < target; batch++) {
  for (const { protocol } of vocab) {
    const p = peers[protocol];
    const checker = createChecker({
      protocol,
      errorCodes: protocol === 'ocpp1.6' ? ERROR_CODES_16 : ERROR_CODES_2X,
      responseProblem: (action, payload) =>
        validate(validators[protocol].actions[action].response, payload)?.message,
    });
    p.setSink((d) => {
      answers++;
      checker.received(d);
    });
    const pool = pools[protocol];
    for (let k = 0; k < 20; k++) {
      const items = pool[(batch * 20 + k) % pool.length];
      for (const text of toTexts(items, `${batch}.${k}-`)) {
        checker.sent(text);
        p.peer.send(text);
        frames++;
      }
    }
    await tick();
    await tick();
    calls += checker.expected.size;
    problems.push(...checker.problems, ...checker.mismatches());
    if (p.closed()) problems.push(`${protocol}: connection closed ${JSON.stringify(p.closed())}`);
    if (problems.length > 20) break;
  }
  if (problems.length > 20) break;
  if (batch === 2) heapBefore = gc();
}
const heapAfter = gc();
const seconds = (performance.now() - t0) / 1000;
const mb = (b) => (b / 1048576).toFixed(1);
console.log(
  JSON.stringify({
    frames,
    wellFormedCalls: calls,
    repliesChecked: answers,
    seconds: Number(seconds.toFixed(1)),
    heapAfterWarmupMiB: Number(mb(heapBefore)),
    heapAtEndMiB: Number(mb(heapAfter)),
    pending: Object.values(peers).reduce((a, p) => a + p.s.pendingCalls, 0),
    unhandledRejections: unhandled,
    problems: problems.slice(0, 20),
  }),
);
process.exit(problems.length || unhandled ? 1 : 0);
