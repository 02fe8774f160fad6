// The reference validator for the exactness tests: ajv + ajv-formats on the very same ocpp-rpc
// schema files the generator reads. multipleOfPrecision: 9 gives multipleOf the float tolerance
// OCPP needs (0.3 is a multiple of 0.1), the same tolerance our validators use.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export function compileAll(schemas: readonly Record<string, unknown>[]): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, multipleOfPrecision: 9 });
  addFormats(ajv);
  const out = new Map<string, ValidateFunction>();
  for (const { $id, ...schema } of schemas) {
    // ajv's URI resolver rejects `urn:X.req` ids; every $ref is local, so compile without the id.
    out.set(String($id), ajv.compile(schema));
  }
  return out;
}
