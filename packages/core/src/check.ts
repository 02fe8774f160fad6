import type { ActionSchemas } from '@ocpp-ws-io/schemas';
import type { RPCErrorCode } from './errors.js';
import type { OCPPProtocol } from './protocol.js';
import type { Validators } from './types.js';
import { violationCode } from './violations.js';

/** A payload strict mode refused: what the engine answers or rejects with. */
export interface CheckFailure {
  /** The RPC error code the protocol uses for this kind of violation (docs/strict-mode.md). */
  readonly code: RPCErrorCode;
  /** `<path>: <what is wrong>`, e.g. `/chargePointVendor: expected string, received 12`. */
  readonly description: string;
  /** JSON pointer of the offending value ('' for the payload itself). */
  readonly path: string;
}

/**
 * @internal An action's validators under `protocol`: `null` when the protocol's vocabulary is
 * known and lacks the action, `undefined` when there is no vocabulary for the protocol
 * (non-strict without validators).
 */
export function schemasOf(
  validators: Validators,
  protocol: OCPPProtocol,
  action: string,
): ActionSchemas | null | undefined {
  const set = validators[protocol];
  return set && (Object.hasOwn(set.actions, action) ? set.actions[action]! : null);
}

/**
 * @internal `value` against `schema` with the validator set's own `validate` (it comes with the
 * set, so an engine without validators ships no validation code); undefined when it passes.
 */
export function check(
  validators: Validators,
  protocol: OCPPProtocol,
  schema: ActionSchemas['request'],
  value: unknown,
): CheckFailure | undefined {
  const v = validators[protocol]!.validate(schema, value);
  return (
    v && {
      code: violationCode(protocol, v.kind),
      description: `${v.path || '/'}: ${v.message}`,
      path: v.path,
    }
  );
}
