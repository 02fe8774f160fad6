import type { ViolationKind } from '@ocpp-ws-io/schemas';
import { type RPCErrorCode, toProtocolErrorCode } from './errors.js';
import type { OCPPProtocol } from './protocol.js';

/**
 * Strict mode: which RPC error code answers which kind of schema violation, per version.
 * This table is the documented contract (docs/strict-mode.md); the reasoning per row:
 *
 * | kind        | 1.6                          | 2.0.1 / 2.1                    | why                                    |
 * |-------------|------------------------------|--------------------------------|----------------------------------------|
 * | payload     | FormationViolation           | FormatViolation                | payload is not an object: syntax       |
 * | additional  | FormationViolation           | ProtocolError                  | "not conform the PDU structure"        |
 * | required    | OccurenceConstraintViolation | OccurrenceConstraintViolation  | a field occurs 0 times, needs 1        |
 * | items       | OccurenceConstraintViolation | OccurrenceConstraintViolation  | list cardinality (minItems/maxItems)   |
 * | type        | TypeConstraintViolation      | TypeConstraintViolation        | "somestring": 12                       |
 * | format      | TypeConstraintViolation      | TypeConstraintViolation        | dateTime is an OCPP data type          |
 * | enum        | PropertyConstraintViolation  | PropertyConstraintViolation    | a field holds an invalid value         |
 * | length      | PropertyConstraintViolation  | PropertyConstraintViolation    | string[n] exceeded                     |
 * | range       | PropertyConstraintViolation  | PropertyConstraintViolation    | minimum / maximum / multipleOf         |
 *
 * 1.6 keeps the misspellings its errata say not to fix (OCPP-J 1.6 errata §5.1, §5.2).
 */
const TABLE_2X: Readonly<Record<ViolationKind, RPCErrorCode>> = {
  payload: 'FormatViolation',
  additional: 'ProtocolError',
  required: 'OccurrenceConstraintViolation',
  items: 'OccurrenceConstraintViolation',
  type: 'TypeConstraintViolation',
  format: 'TypeConstraintViolation',
  enum: 'PropertyConstraintViolation',
  length: 'PropertyConstraintViolation',
  range: 'PropertyConstraintViolation',
};

/** The RPC error code `protocol` uses for a violation of `kind`. */
export function violationCode(protocol: OCPPProtocol, kind: ViolationKind): RPCErrorCode {
  // 1.6's column is the 2.x column in 1.6 spelling, except for `additional` (see the table).
  if (protocol === 'ocpp1.6' && kind === 'additional') return 'FormationViolation';
  return toProtocolErrorCode(protocol, TABLE_2X[kind]);
}
