import type { BaseIssue, Config, GenericSchema, IssuePathItem } from 'valibot';
import { getCheck } from './runtime.js';
import type { Violation, ViolationKind } from './types.js';

// One config object for every run: stop at the first issue, both across properties and within a pipe.
const CONFIG: Config<BaseIssue<unknown>> = { abortEarly: true, abortPipeEarly: true };

/**
 * Validates one OCPP payload. Returns `undefined` when it is valid, otherwise the first violation.
 *
 * The generated schemas carry a compiled boolean check, so the valid case (nearly every message)
 * costs one function call and allocates nothing; valibot runs only to explain a failure. Any other
 * valibot schema works too, through valibot alone.
 */
export function validate(schema: GenericSchema, value: unknown): Violation | undefined {
  const check = getCheck(schema);
  if (check?.(value)) return undefined;
  const issue = schema['~run']({ value }, CONFIG).issues?.[0];
  return issue ? toViolation(issue) : undefined;
}

function pointer(path: readonly IssuePathItem[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = (item as { key?: unknown }).key;
    out += `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return out;
}

const KIND_BY_TYPE: Readonly<Record<string, ViolationKind>> = {
  picklist: 'enum',
  min_length: 'length',
  max_length: 'length',
  min_value: 'range',
  max_value: 'range',
  multiple_of: 'range',
  date_time: 'format',
  uri: 'format',
  min_items: 'items',
  max_items: 'items',
};

const OBJECT_TYPES = new Set(['object', 'strict_object', 'loose_object']);

/** Maps a valibot issue to the JSON-Schema rule it broke. */
export function classify(issue: BaseIssue<unknown>): ViolationKind {
  const last = issue.path?.[issue.path.length - 1] as { origin?: string } | undefined;
  if (OBJECT_TYPES.has(issue.type)) {
    if (last?.origin === 'key') return issue.expected === 'never' ? 'additional' : 'required';
    return issue.path?.length ? 'type' : 'payload';
  }
  // A value of the wrong JSON type fails the first schema it meets (e.g. a number given for an
  // enum fails the picklist): that is a type error, as in JSON Schema's own `type` keyword.
  if (issue.type === 'picklist') return typeof issue.input === 'string' ? 'enum' : 'type';
  // A required property present with the value `undefined` is a missing property once serialized.
  if (issue.kind === 'schema' && issue.input === undefined && last?.origin === 'value') return 'required';
  return KIND_BY_TYPE[issue.type] ?? 'type';
}

// What is wrong, never where: the path travels beside it in Violation.path, and whoever shows
// both (the engine's CALLERROR description is "<path>: <message>") would otherwise repeat it.
function describe(kind: ViolationKind, issue: BaseIssue<unknown>): string {
  const key = (issue.path?.[issue.path.length - 1] as { key?: unknown } | undefined)?.key;
  switch (kind) {
    case 'payload':
      return `payload must be a JSON object, received ${issue.received}`;
    case 'required':
      return `missing required property "${String(key)}"`;
    case 'additional':
      return `unknown property "${String(key)}"`;
    case 'type':
      return `expected ${issue.kind === 'validation' ? 'an integer' : issue.expected}, received ${issue.received}`;
    case 'enum':
      return `${issue.received} is not one of ${issue.expected}`;
    case 'length':
      return `length must be ${issue.expected} characters`;
    case 'items':
      return `must have ${issue.expected} items`;
    case 'range':
      return `${issue.received} must be ${issue.expected}`;
    case 'format':
      return `${issue.received} is not a valid ${issue.expected}`;
  }
}

function toViolation(issue: BaseIssue<unknown>): Violation {
  const kind = classify(issue);
  const path = pointer(issue.path);
  return { kind, path, message: describe(kind, issue) };
}
