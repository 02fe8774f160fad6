// Dispatches one JSON-schema node to the transformer of its construct. Each transformer returns
//   { schema: TS expression of the valibot schema, type: TS type, check: (v) => boolean TS expression }
// Unknown *validating* keywords abort generation: a schema construct we do not translate must
// never be silently dropped.
import { transformAny } from './constructs/any.mjs';
import { transformArray } from './constructs/array.mjs';
import { transformBoolean } from './constructs/boolean.mjs';
import { transformEnum } from './constructs/enum.mjs';
import { transformNumber } from './constructs/number.mjs';
import { transformObject } from './constructs/object.mjs';
import { transformRef } from './constructs/ref.mjs';
import { transformString } from './constructs/string.mjs';

// Annotations and keywords that do not validate anything here. `additionalItems` only applies
// when `items` is a tuple, which OCPP never uses; `default` is not applied by a validator.
const IGNORED = new Set([
  '$schema',
  '$id',
  'id',
  'title',
  'description',
  'comment',
  '$comment',
  'javaType',
  'default',
]);
const HANDLED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'definitions',
  'items',
  'additionalItems',
  'minItems',
  'maxItems',
  'enum',
  'maxLength',
  'minLength',
  'format',
  'minimum',
  'maximum',
  'multipleOf',
  '$ref',
]);

export function compile(node, ctx, name) {
  for (const key of Object.keys(node)) {
    if (!IGNORED.has(key) && !HANDLED.has(key)) throw new Error(`${name}: unsupported keyword "${key}"`);
  }
  if (node.additionalItems !== undefined && Array.isArray(node.items))
    throw new Error(`${name}: tuple arrays`);
  if (node.$ref) return transformRef(node, ctx);
  if (node.enum) return transformEnum(node, ctx, name);
  switch (node.type) {
    case 'object':
      return transformObject(node, ctx, name, compile);
    case 'array':
      return transformArray(node, ctx, name, compile);
    case 'string':
      return transformString(node, ctx);
    case 'integer':
    case 'number':
      return transformNumber(node, ctx);
    case 'boolean':
      return transformBoolean(node, ctx);
    case undefined:
      return transformAny(node, ctx);
    default:
      throw new Error(`${name}: unsupported type ${JSON.stringify(node.type)}`);
  }
}
