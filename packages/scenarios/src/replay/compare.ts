// How a live answer differs from the recorded one: its shape (the schema of the version) and its
// status fields (`status`, `idTagInfo.status`, `idTokenInfo.status`, `attributeStatus`, …) —
// the fields whose value changes what a station does next. Ids, times and texts may differ.

import type { OCPPProtocol } from '@ocpp-ws-io/core';
import { payloadProblem } from '../runner/schema-check.js';

/**
 * One way a live answer differs from the recording.
 *
 * @example
 * ```ts
 * const text = report.differences.map((d: AnswerDifference) => d.message).join('\n');
 * ```
 */
export interface AnswerDifference {
  readonly kind: 'schema' | 'status' | 'error' | 'timeout';
  /** The field, for `status`. */
  readonly path?: string;
  readonly recorded?: unknown;
  readonly live?: unknown;
  readonly message: string;
}

/**
 * An answer as recorded or as received: a result payload, or a CALLERROR's code.
 *
 * @example
 * ```ts
 * const live: Answer = { kind: 'error', code: 'NotImplemented' };
 * ```
 */
export type Answer =
  | { readonly kind: 'result'; readonly payload: unknown }
  | { readonly kind: 'error'; readonly code: string; readonly description?: string }
  | { readonly kind: 'none' };

const STATUS_KEY = /^(status|[a-z][A-Za-z]*Status)$/;

/**
 * Every status field of `value` with its path (`idTagInfo.status`, `setVariableResult.0.attributeStatus`).
 *
 * @example
 * ```ts
 * statusFields({ idTagInfo: { status: 'Accepted' } }); // Map { 'idTagInfo.status' => 'Accepted' }
 * ```
 */
export function statusFields(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === null || typeof value !== 'object') return out;
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (STATUS_KEY.test(key) && (inner === null || typeof inner !== 'object')) out.set(path, inner);
    else for (const [p, v] of statusFields(inner, path)) out.set(p, v);
  }
  return out;
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * The differences between the recorded answer and the live one to `action` (empty when they
 * agree in shape and status).
 *
 * @example
 * ```ts
 * compareAnswers('ocpp1.6', 'Authorize', { kind: 'result', payload: { idTagInfo: { status: 'Accepted' } } },
 *   { kind: 'result', payload: { idTagInfo: { status: 'Invalid' } } });
 * // → [{ kind: 'status', path: 'idTagInfo.status', recorded: 'Accepted', live: 'Invalid', message: … }]
 * ```
 */
export function compareAnswers(
  protocol: OCPPProtocol,
  action: string,
  recorded: Answer,
  live: Answer,
): AnswerDifference[] {
  if (recorded.kind === 'none') return [];
  if (live.kind === 'none')
    return [{ kind: 'timeout', message: `the CSMS did not answer ${action} (it did in the recording)` }];
  if (live.kind === 'error' || recorded.kind === 'error') {
    if (live.kind === 'error' && recorded.kind === 'error') {
      return live.code === recorded.code
        ? []
        : [
            {
              kind: 'error',
              recorded: recorded.code,
              live: live.code,
              message: `the CSMS answered ${action} with CALLERROR ${live.code}, the recording has ${recorded.code}`,
            },
          ];
    }
    return [
      live.kind === 'error'
        ? {
            kind: 'error',
            live: live.code,
            message: `the CSMS answered ${action} with CALLERROR ${live.code}${live.description ? ` (${live.description})` : ''}; the recording has a result`,
          }
        : {
            kind: 'error',
            recorded: (recorded as { code: string }).code,
            message: `the CSMS answered ${action} with a result; the recording has CALLERROR ${(recorded as { code: string }).code}`,
          },
    ];
  }
  const differences: AnswerDifference[] = [];
  const problem = payloadProblem(protocol, action, 'response', live.payload);
  if (problem)
    differences.push({
      kind: 'schema',
      live: live.payload,
      message: `the CSMS's answer to ${action} breaks the ${protocol} schema: ${problem}`,
    });
  const before = statusFields(recorded.payload);
  const after = statusFields(live.payload);
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const r = before.get(path);
    const l = after.get(path);
    if (r !== l)
      differences.push({
        kind: 'status',
        path,
        recorded: r,
        live: l,
        message: `${action}: ${path} is ${show(l)}, the recording has ${show(r)}`,
      });
  }
  return differences;
}
