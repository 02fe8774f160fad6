// One export surface in every runtime package: everything the core exports is importable from
// @ocpp-ws-io/cloudflare too (docs/security.md tells Workers users to call timingSafeEqualString and
// passwordProblem from it).
import type * as core from '@ocpp-ws-io/core';
import { describe, expectTypeOf, it } from 'vitest';
import type * as cloudflare from '../src/index.js';

describe('@ocpp-ws-io/cloudflare exports', () => {
  it('re-exports every value of the core', () => {
    expectTypeOf<keyof typeof core>().toExtend<keyof typeof cloudflare>();
    expectTypeOf<typeof cloudflare.timingSafeEqualString>().toEqualTypeOf<
      typeof core.timingSafeEqualString
    >();
    expectTypeOf<typeof cloudflare.passwordProblem>().toEqualTypeOf<typeof core.passwordProblem>();
  });
});
