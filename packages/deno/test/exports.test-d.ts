// One export surface in every runtime package: everything the core exports is importable from
// @ocpp-ws-io/deno too (docs/security.md tells Deno users to call timingSafeEqualString and
// passwordProblem from it).
import type * as core from '@ocpp-ws-io/core';
import { describe, expectTypeOf, it } from 'vitest';
import type * as deno from '../src/index.js';

describe('@ocpp-ws-io/deno exports', () => {
  it('re-exports every value of the core', () => {
    expectTypeOf<keyof typeof core>().toExtend<keyof typeof deno>();
    expectTypeOf<typeof deno.timingSafeEqualString>().toEqualTypeOf<typeof core.timingSafeEqualString>();
    expectTypeOf<typeof deno.passwordProblem>().toEqualTypeOf<typeof core.passwordProblem>();
  });
});
