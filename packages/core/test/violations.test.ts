// The strict-mode table (docs/strict-mode.md): which RPC error code answers which schema violation.
// Codes from OCPP-J 1.6 §4.2.3 table 7 (errata §5.1/§5.2 spellings kept) and 2.0.1 / 2.1 §4.3.
import type { ViolationKind } from '@ocpp-ws-io/schemas';
import { describe, expect, it } from 'vitest';
import { isErrorCodeOf } from '../src/errors.js';
import { violationCode } from '../src/violations.js';

const TABLE: Record<ViolationKind, [v16: string, v2x: string]> = {
  payload: ['FormationViolation', 'FormatViolation'],
  additional: ['FormationViolation', 'ProtocolError'],
  required: ['OccurenceConstraintViolation', 'OccurrenceConstraintViolation'],
  items: ['OccurenceConstraintViolation', 'OccurrenceConstraintViolation'],
  type: ['TypeConstraintViolation', 'TypeConstraintViolation'],
  format: ['TypeConstraintViolation', 'TypeConstraintViolation'],
  enum: ['PropertyConstraintViolation', 'PropertyConstraintViolation'],
  length: ['PropertyConstraintViolation', 'PropertyConstraintViolation'],
  range: ['PropertyConstraintViolation', 'PropertyConstraintViolation'],
};

describe('strict-mode table: violation kind → RPC error code', () => {
  for (const [kind, [v16, v2x]] of Object.entries(TABLE) as [ViolationKind, [string, string]][]) {
    it(`${kind}: ${v16} in 1.6, ${v2x} in 2.0.1 and 2.1`, () => {
      expect(violationCode('ocpp1.6', kind)).toBe(v16);
      expect(violationCode('ocpp2.0.1', kind)).toBe(v2x);
      expect(violationCode('ocpp2.1', kind)).toBe(v2x);
      // never a code the version lacks
      expect(isErrorCodeOf('ocpp1.6', violationCode('ocpp1.6', kind))).toBe(true);
      expect(isErrorCodeOf('ocpp2.1', violationCode('ocpp2.1', kind))).toBe(true);
    });
  }
});
