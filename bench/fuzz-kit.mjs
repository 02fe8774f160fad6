// Shared by the fuzz tests (packages/*/test/fuzz*.test.ts) and bench/fuzz-long.mjs: fast-check
// arbitraries for OCPP payloads derived from the OCA JSON schemas (the same files the validators
// are generated from), frame mutations, and the checker for the invariants every peer must keep.
import fc from 'fast-check';
import { loadActions, VERSIONS } from '../schemas/generator/sources.mjs';

const DATES = ['2024-05-01T12:00:00Z', '2024-02-29T23:59:59.123+01:00', '1999-12-31T23:59:59.999Z'];
const NASTY = [
  '',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  '\ud800',
  '😀',
  '%00',
  '../',
  '"',
  '\\',
];

/** A fast-check arbitrary producing values that satisfy `node` (resolved against `root`). */
export function arbitraryFor(node, root, depth = 0) {
  const n = node.$ref ? root.definitions[node.$ref.replace('#/definitions/', '')] : node;
  if (n.enum) return fc.constantFrom(...n.enum);
  switch (n.type) {
    case 'object': {
      const required = new Set(n.required ?? []);
      const model = {};
      for (const [k, sub] of Object.entries(n.properties ?? {})) {
        // Deep optional branches are cut short so generated frames stay realistic in size.
        if (!required.has(k) && depth > 3) continue;
        model[k] = arbitraryFor(sub, root, depth + 1);
      }
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    case 'array': {
      const minLength = n.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(n.maxItems ?? 3, depth > 2 ? minLength || 1 : 3));
      return fc.array(arbitraryFor(n.items, root, depth + 1), { minLength, maxLength });
    }
    case 'string':
      if (n.format === 'date-time') return fc.constantFrom(...DATES);
      if (n.format === 'uri') return fc.constantFrom('https://example.com/fw.bin', 'ftp://h/x');
      return fc
        .string({ maxLength: Math.min(n.maxLength ?? 50, 60), unit: 'grapheme' })
        .filter((s) => n.maxLength === undefined || [...s].length <= n.maxLength);
    case 'integer':
      return fc.integer({ min: n.minimum ?? -1_000_000, max: n.maximum ?? 1_000_000 });
    case 'number':
      // multipleOf 0.1 in the 1.6 schemas: integers are always multiples, floats need a tolerance.
      if (n.multipleOf) return fc.integer({ min: -10_000, max: 10_000 });
      return fc.double({
        min: n.minimum ?? -1e9,
        max: n.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Per version: `{ protocol, actions: [{ name, send, request, response, requestArb, responseArb }] }`. */
export function loadVocabulary() {
  return VERSIONS.map(({ protocol, file }) => ({
    protocol,
    actions: loadActions(file).map((a) => ({
      ...a,
      requestArb: arbitraryFor(a.request, a.request),
      responseArb: a.response ? arbitraryFor(a.response, a.response) : undefined,
    })),
  }));
}

/** A well-formed CALL (or 2.1 SEND) of one of `actions`, with a schema-valid payload. */
export function wellFormedCall(actions, protocol) {
  return fc
    .constantFrom(...actions)
    .chain((a) => a.requestArb.map((payload) => ({ type: a.send ? 6 : 2, action: a.name, payload })))
    .filter((c) => c.type === 2 || protocol === 'ocpp2.1');
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip'), at: fc.nat(), ch: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert'),
    at: fc.nat(),
    text: fc.constantFrom(',', '[', ']', '{', '}', '"', 'null', '1e999', '-0', '"__proto__":1,', '\\u0000'),
  }),
  fc.record({
    op: fc.constant('type'),
    value: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, -1, 2.5, '2', null, 1e308),
  }),
  fc.record({
    op: fc.constant('id'),
    value: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.constant(null),
      fc.constant('x'.repeat(37)),
    ),
  }),
  fc.record({
    op: fc.constant('action'),
    value: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }), fc.integer()),
  }),
  fc.record({
    op: fc.constant('payload'),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(JSON.parse('{"__proto__":{"polluted":1}}'))),
  }),
  fc.record({ op: fc.constant('arity'), keep: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant('protoKey'), key: fc.constantFrom('__proto__', 'constructor', 'prototype') }),
  fc.record({ op: fc.constant('nest'), depth: fc.integer({ min: 10, max: 2000 }) }),
);

/** Applies mutations to a frame, at the structural level or to its text. */
export function applyMutations(frame, ops) {
  let arr = structuredClone(frame);
  let text;
  for (const m of ops) {
    if (text === undefined && ['flip', 'truncate', 'insert'].includes(m.op)) text = JSON.stringify(arr);
    switch (m.op) {
      case 'flip': {
        const at = m.at % Math.max(1, text.length);
        text = text.slice(0, at) + String.fromCharCode(m.ch) + text.slice(at + 1);
        break;
      }
      case 'truncate':
        text = text.slice(0, m.at % Math.max(1, text.length));
        break;
      case 'insert': {
        const at = m.at % Math.max(1, text.length);
        text = text.slice(0, at) + m.text + text.slice(at);
        break;
      }
      default:
        if (text !== undefined) break; // text-level damage already done: structure is gone
        if (m.op === 'type') arr[0] = m.value;
        else if (m.op === 'id') arr[1] = m.value;
        else if (m.op === 'action') arr[2] = m.value;
        else if (m.op === 'payload') arr[arr.length - 1] = m.value;
        else if (m.op === 'arity') arr = arr.slice(0, m.keep).concat(m.keep > arr.length ? [{}] : []);
        else if (m.op === 'protoKey' && arr[3] && typeof arr[3] === 'object' && !Array.isArray(arr[3])) {
          const rest = JSON.stringify(arr[3]).slice(1);
          arr[3] = JSON.parse(`{"${m.key}":{"polluted":1,"isAdmin":true}${rest === '}' ? '' : ','}${rest}`);
        } else if (m.op === 'nest') arr[3] = JSON.parse(`${'['.repeat(m.depth)}${']'.repeat(m.depth)}`);
    }
  }
  return text ?? JSON.stringify(arr);
}

/**
 * Inbound frames for a peer speaking `protocol`: well-formed CALLs (ids assigned later), mutated
 * CALLs, stray responses and junk. Each item: `{ text }` or `{ call }` (a well-formed CALL/SEND).
 */
export function inboundFrames(vocab, protocol, { maxLength = 40 } = {}) {
  const actions = vocab.find((v) => v.protocol === protocol).actions;
  const call = wellFormedCall(actions, protocol);
  const item = fc.oneof(
    { weight: 5, arbitrary: call.map((c) => ({ call: c })) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(call, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([c, ops]) => ({ text: applyMutations([c.type, 'm', c.action, c.payload], ops) })),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((text) => ({ text })) },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ text: JSON.stringify(v) ?? 'null' })),
    },
  );
  return fc.array(item, { minLength: 1, maxLength });
}

/** Is `text` a well-formed CALL per OCPP-J (what a spec-correct peer must answer exactly once)? */
export function wellFormedCallId(text) {
  let f;
  try {
    f = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(f) || f.length !== 4 || f[0] !== 2) return undefined;
  if (typeof f[1] !== 'string' || f[1].length < 1 || f[1].length > 36) return undefined;
  if (typeof f[2] !== 'string' || f[2].length === 0) return undefined;
  if (f[3] !== null && (typeof f[3] !== 'object' || Array.isArray(f[3]))) return undefined;
  return f[1];
}

/**
 * Tracks what a peer under test sent back and checks it: every well-formed CALL answered exactly
 * once, every answer a CALLRESULT whose payload validates, or a CALLERROR with a code of the version.
 */
export function createChecker({ protocol, errorCodes, responseProblem }) {
  const expected = new Map(); // id → [count, action]
  const answered = new Map();
  const problems = [];
  return {
    expected,
    problems,
    sent(text) {
      const id = wellFormedCallId(text);
      if (id === undefined) return;
      const action = JSON.parse(text)[2];
      const e = expected.get(id);
      expected.set(id, [(e?.[0] ?? 0) + 1, action]);
    },
    received(text) {
      let f;
      try {
        f = JSON.parse(text);
      } catch {
        problems.push(`unparseable reply ${text.slice(0, 80)}`);
        return;
      }
      if (!Array.isArray(f)) return problems.push(`reply is not an array: ${text.slice(0, 80)}`);
      if (f[0] === 3) {
        if (f.length !== 3 || typeof f[2] !== 'object' || f[2] === null || Array.isArray(f[2]))
          problems.push(`malformed CALLRESULT ${text.slice(0, 80)}`);
        const action = expected.get(f[1])?.[1];
        const p = action === undefined ? 'CALLRESULT for an id never called' : responseProblem(action, f[2]);
        if (p) problems.push(`${f[1]}: ${p}`);
      } else if (f[0] === 4) {
        if (f.length !== 5 || typeof f[3] !== 'string' || typeof f[4] !== 'object' || Array.isArray(f[4]))
          problems.push(`malformed CALLERROR ${text.slice(0, 80)}`);
        if (!errorCodes.includes(f[2])) problems.push(`${protocol}: error code ${f[2]} does not exist`);
        if (/\n\s+at |\.ts:\d|file:\/\//.test(f[3])) problems.push(`stack trace leaked: ${f[3]}`);
        if (f[1] === '-1') return; // 2.x answer to an unreadable frame
      } else {
        problems.push(`unexpected frame type ${f[0]} from the peer under test`);
        return;
      }
      answered.set(f[1], (answered.get(f[1]) ?? 0) + 1);
    },
    /** Ids whose answer count differs from the number of well-formed CALLs sent with them. */
    mismatches() {
      const out = [];
      for (const [id, [n]] of expected)
        if ((answered.get(id) ?? 0) !== n) out.push(`${id}: sent ${n}, answered ${answered.get(id) ?? 0}`);
      return out;
    },
    get outstanding() {
      let missing = 0;
      for (const [id, [n]] of expected) missing += Math.max(0, n - (answered.get(id) ?? 0));
      return missing;
    },
  };
}

/** Turns generated items into frame texts, giving every well-formed CALL a fresh id. */
export function toTexts(items, prefix) {
  let i = 0;
  // Mutated frames carry the placeholder id "m": make it unique too, so answers can be counted.
  return items.map((it) =>
    it.call
      ? JSON.stringify([it.call.type, `${prefix}${i++}`, it.call.action, it.call.payload])
      : it.text.replace('"m"', `"${prefix}m${i++}"`),
  );
}
