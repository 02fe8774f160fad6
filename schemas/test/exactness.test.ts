/**
 * Proof of exactness: for every action and direction of every version, a synthesized corpus of valid
 * payloads and single-fault mutations is run through our validate() and through ajv compiled from
 * the same ocpp-rpc schemas. Both must agree on valid/invalid, our ViolationKind must be the kind of
 * the mutation, and the generated fast check must agree with the valibot schema it is attached to.
 */
import type { GenericSchema } from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM generator module without declarations
import { loadActions, VERSIONS } from '../generator/sources.mjs';
import { getCheck } from '../src/runtime.js';
import type { ActionSchemas, ValidatorSet } from '../src/types.js';
import { validate } from '../src/validate.js';
import { compileAll } from './ajv.js';
import { corpusFor } from './corpus.js';

const modules: Record<string, () => Promise<{ validators: ValidatorSet }>> = {
  'ocpp1.6': () => import('../src/ocpp1.6.js'),
  'ocpp2.0.1': () => import('../src/ocpp2.0.1.js'),
  'ocpp2.1': () => import('../src/ocpp2.1.js'),
};

interface Source {
  name: string;
  send: boolean;
  request: Record<string, unknown>;
  response?: Record<string, unknown>;
}

const sizes: Record<string, { cases: number; valid: number; invalid: number }> = {};
const CONFIG = { abortEarly: true, abortPipeEarly: true } as const;

afterAll(() => {
  const total = Object.values(sizes).reduce((a, s) => a + s.cases, 0);
  console.log(`exactness corpus: ${total} cases`, JSON.stringify(sizes));
});

for (const { protocol, file } of VERSIONS as { protocol: string; file: string }[]) {
  describe(protocol, async () => {
    const { validators } = await modules[protocol]!();
    const actions = loadActions(file) as Source[];
    const ajv = compileAll(actions.flatMap((a) => [a.request, ...(a.response ? [a.response] : [])]));
    const stats = { cases: 0, valid: 0, invalid: 0 };
    sizes[protocol] = stats;

    it('has a validator for every action of the schema set', () => {
      expect(Object.keys(validators.actions).sort()).toEqual(actions.map((a) => a.name).sort());
    });

    for (const action of actions) {
      const directions: ['request' | 'response', Record<string, unknown>][] = [['request', action.request]];
      if (action.response) directions.push(['response', action.response]);
      for (const [direction, json] of directions) {
        it(`${action.name} ${direction} agrees with ajv`, () => {
          const schemas = validators.actions[action.name] as ActionSchemas;
          const schema = schemas[direction] as GenericSchema;
          const reference = ajv.get(String(json.$id))!;
          const check = getCheck(schema)!;
          expect(check).toBeTypeOf('function');
          for (const c of corpusFor(json)) {
            const ours = validate(schema, c.value);
            const theirs = reference(c.value);
            const ctx = `${action.name} ${direction}: ${c.label} → ${JSON.stringify(c.value).slice(0, 300)}`;
            // the corpus itself is right: mutations are invalid for ajv, valid cases are valid
            expect(theirs, ctx).toBe(c.kind === undefined);
            expect(ours === undefined, ctx).toBe(theirs);
            expect(ours?.kind, ctx).toBe(c.kind);
            // fast check ⇔ valibot
            const slow = schema['~run']({ value: c.value }, CONFIG).issues === undefined;
            expect(check(c.value), ctx).toBe(slow);
            stats.cases++;
            if (theirs) stats.valid++;
            else stats.invalid++;
          }
        });
      }
    }
  });
}
