// The shape of what the CSMS sent, against the negotiated version's schema (the validators the
// engine uses in strict mode): a CSMS call against its request schema, a CSMS answer against the
// response schema of the call it answers.

import type { OCPPProtocol } from '@ocpp-ws-io/core';
import { validate } from '@ocpp-ws-io/schemas';
import { validators as v16 } from '@ocpp-ws-io/schemas/ocpp1.6';
import { validators as v201 } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { validators as v21 } from '@ocpp-ws-io/schemas/ocpp2.1';
import type { Frame } from '../trace/frames.js';

/** Every version's validator set: a test tool checks whatever version it speaks. */
export const VALIDATORS = { 'ocpp1.6': v16, 'ocpp2.0.1': v201, 'ocpp2.1': v21 } as const;

/**
 * Why `payload` is not a valid `kind` of `action` in `protocol`, or undefined when it is.
 *
 * @example
 * ```ts
 * payloadProblem('ocpp1.6', 'Authorize', 'response', { idTagInfo: { status: 'Fine' } });
 * // → '/idTagInfo/status: …'
 * ```
 */
export function payloadProblem(
  protocol: OCPPProtocol,
  action: string,
  kind: 'request' | 'response',
  payload: unknown,
): string | undefined {
  const set = VALIDATORS[protocol];
  const schemas = Object.hasOwn(set.actions, action)
    ? set.actions[action as keyof typeof set.actions]
    : undefined;
  if (!schemas) return `${action} is not an action of ${protocol}`;
  const schema = (schemas as { request: unknown; response?: unknown })[kind];
  if (!schema) return undefined;
  const violation = validate(schema as Parameters<typeof validate>[0], payload);
  return violation ? `${violation.path || '/'}: ${violation.message}` : undefined;
}

/** Why a frame's payload breaks its schema (calls and results only), or undefined. */
export function frameProblem(frame: Frame, call: Frame | undefined): string | undefined {
  const protocol = frame.line.protocol;
  if (frame.kind === 'call' && frame.action)
    return payloadProblem(protocol, frame.action, 'request', frame.payload);
  if (frame.kind === 'result' && call?.action)
    return payloadProblem(protocol, call.action, 'response', frame.payload);
  return undefined;
}
