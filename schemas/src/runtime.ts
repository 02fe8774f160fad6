/**
 * Building blocks of the generated validators.
 *
 * Every generated schema is a real valibot schema (so `v.parse`, `v.safeParse` and composition work),
 * built from the factories below so that its semantics are JSON Schema's, not JavaScript's:
 * arrays are not objects, string lengths count code points, `multipleOf` tolerates float noise,
 * `date-time` is RFC 3339 as ajv-formats reads it.
 *
 * For speed, the generator also emits a plain boolean check per schema (named property reads,
 * inlined leaf tests, no allocation) and attaches it under `~check`. `validate()` runs that check
 * first and only asks valibot for the issue when the payload is invalid, which is the rare case.
 *
 * For cold start, the exported schemas are built lazily (see `lazy`): loading a version module
 * creates one small object per exported schema, and its valibot part is built the first time
 * anything reads it. The valibot functions used here are bundled into dist (rollup.config.mjs).
 */
import {
  _addIssue,
  _standardSchema,
  type BaseIssue,
  type BaseValidation,
  boolean,
  type GenericSchema,
  integer,
  type LooseObjectSchema,
  looseObject,
  maxValue,
  minValue,
  number,
  type ObjectEntries,
  optional,
  type PicklistSchema,
  picklist,
  pipe,
  type StrictObjectSchema,
  strictObject,
  string,
  unknown,
  array as vArray,
} from 'valibot';
import type { ActionSchemas } from './types.js';

/** A boolean validity check equivalent to a schema's valibot `~run`. */
export type Check = (value: unknown) => boolean;

/** A schema whose output type is `T`, as exported by the generated modules. */
export type Schema<T> = GenericSchema<unknown, T>;

/** The property under which a schema carries its fast check. */
export const CHECK = '~check';

// ---------------------------------------------------------------------------------------------
// Lazy schemas. Loading a version module creates one object per exported schema, so that object
// must be cheap: a literal with valibot's own keys, in valibot's order, whose data is known up
// front (`kind`, `type`, `~run`…). Only the parts that cost something to build are accessors that
// replace themselves with data properties on first read: an object's `entries` (which builds the
// property schemas), a picklist's `expects`, and `~standard`. Spreading the schema (`v.pipe`,
// `v.pick`…), `in` and `Object.keys` therefore behave as on valibot's own object. `~run` is shared:
// valibot's object and picklist runs read everything from `this`. The fast check sits under
// `~check`, a non-enumerable property, so copies made by `v.pick`/`v.omit`/… never inherit a check
// that does not match them.
// (The first version defined nine accessors per schema with Object.defineProperties and built the
// whole valibot schema on first touch: ~2.5 ms of 2.1's cold start went there.)

/** Turns a self-replacing accessor into the data property valibot's own schemas have. */
function settle<T>(schema: object, key: string, value: T): T {
  Object.defineProperty(schema, key, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/** valibot's `~standard` is a data property added last; the accessor sits last too, so order holds. */
function standardProps(schema: GenericSchema): GenericSchema['~standard'] {
  delete (schema as unknown as Record<string, unknown>)['~standard'];
  return _standardSchema(schema)['~standard'];
}

function withCheck<S extends object>(schema: S, check: Check): S {
  return Object.defineProperty(schema, CHECK, { value: check });
}

// One `~run` per kind, taken from a throwaway schema: they read `this.entries` / `this.options`.
let strictRun: GenericSchema['~run'] | undefined;
let looseRun: GenericSchema['~run'] | undefined;
let enumRun: GenericSchema['~run'] | undefined;

function objectRun(strict: boolean): GenericSchema['~run'] {
  if (strict) {
    strictRun ??= obj({}, true)['~run'];
    return strictRun;
  }
  looseRun ??= obj({}, false)['~run'];
  return looseRun;
}

function picklistRun(): GenericSchema['~run'] {
  enumRun ??= picklist([])['~run'];
  return enumRun;
}

/** An exported object schema with its fast check; `entries` is called when valibot first needs it. */
export function lazyObj<E extends ObjectEntries>(
  check: Check,
  strict: true,
  entries: () => E,
): StrictObjectSchema<E, undefined>;
export function lazyObj<E extends ObjectEntries>(
  check: Check,
  strict: false,
  entries: () => E,
): LooseObjectSchema<E, undefined>;
/* @__NO_SIDE_EFFECTS__ */
export function lazyObj<E extends ObjectEntries>(
  check: Check,
  strict: boolean,
  entries: () => E,
): StrictObjectSchema<E, undefined> | LooseObjectSchema<E, undefined> {
  const run = objectRun(strict);
  const schema = {
    kind: 'schema',
    type: strict ? 'strict_object' : 'loose_object',
    reference: strict ? strictObject : looseObject,
    expects: 'Object',
    async: false,
    get entries(): E {
      return settle(this, 'entries', entries());
    },
    message: undefined,
    '~run': run,
    get '~standard'() {
      return standardProps(this as unknown as GenericSchema);
    },
  };
  return withCheck(schema as unknown as StrictObjectSchema<E, undefined>, check);
}

/** An exported string enumeration with its fast check. */
/* @__NO_SIDE_EFFECTS__ */
export function lazyEnum<const T extends readonly string[]>(
  check: Check,
  options: T,
): PicklistSchema<T, undefined> {
  const schema = {
    kind: 'schema',
    type: 'picklist',
    reference: picklist,
    get expects(): string {
      return settle(this, 'expects', picklist(options).expects);
    },
    async: false,
    options,
    message: undefined,
    '~run': picklistRun(),
    get '~standard'() {
      return standardProps(this as unknown as GenericSchema);
    },
  };
  return withCheck(schema as unknown as PicklistSchema<T, undefined>, check);
}

/** Reads the fast check of a schema, if it has one. */
export function getCheck(schema: GenericSchema): Check | undefined {
  return (schema as { [CHECK]?: Check })[CHECK];
}

// ---------------------------------------------------------------------------------------------
// Leaf predicates shared by the generated checks and by the custom valibot actions.

/**
 * Number of Unicode code points, which is what JSON Schema's maxLength/minLength count
 * (a surrogate pair is one character; a lone surrogate counts as one).
 */
export function codePoints(s: string): number {
  let n = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** maxLength in code points; the UTF-16 length is an upper bound, so most strings never count. */
export function maxLen(s: string, max: number): boolean {
  return s.length <= max || codePoints(s) <= max;
}

/** minLength in code points; a UTF-16 length of 2×min guarantees min code points. */
export function minLen(s: string, min: number): boolean {
  return s.length >= min && (s.length >= 2 * min || codePoints(s) >= min);
}

/**
 * `multipleOf` with float tolerance: 0.3 is a multiple of 0.1 although 0.3 / 0.1 = 2.9999999999999996.
 * The quotient may be off an integer by at most 1e-9 (ajv's `multipleOfPrecision: 9`).
 */
export function isMultipleOf(x: number, m: number): boolean {
  const q = x / m;
  return Math.abs(q - Math.round(q)) <= 1e-9;
}

/** Two ASCII digits at `i`, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WHITESPACE = /^\s$/;

/**
 * RFC 3339 `date-time`, accepting exactly what ajv-formats 3 (full mode) accepts, so a message is
 * valid for us iff it is valid for the reference validator: `T`, `t` or any whitespace between date
 * and time; `Z`/`z` or a numeric offset `+hh`, `+hhmm` or `+hh:mm` (offset required); any number of
 * fractional digits; real calendar days (2024-02-29 yes, 2023-02-29 and 2024-02-30 no); second 60
 * only for a leap second, i.e. when the instant is 23:59 UTC.
 * Hand-parsed with charCodeAt: no regex captures, no Date, no allocation.
 */
export function isDateTime(s: string): boolean {
  const len = s.length;
  if (len < 20) return false;
  const y1 = digits2(s, 0);
  const y2 = digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const se = digits2(s, 17);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59) return false;
  if (se < 0 || se > 60) return false;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return false;
  }
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && !WHITESPACE.test(s.charAt(10))) return false;
  const year = y1 * 100 + y2;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : (DAYS[mo] as number))) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    // fractional seconds: at least one digit
    i++;
    const start = i;
    while (i < len && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  const z = s.charCodeAt(i);
  let offset = 0; // minutes east of UTC
  if (z === 90 || z === 122) {
    if (i + 1 !== len) return false;
  } else if (z === 43 || z === 45) {
    const oh = digits2(s, i + 1);
    if (oh < 0 || oh > 23) return false;
    i += 3;
    let om = 0;
    if (i !== len) {
      if (s.charCodeAt(i) === 58) i++;
      om = digits2(s, i);
      if (om < 0 || om > 59 || i + 2 !== len) return false;
    }
    offset = (z === 43 ? 1 : -1) * (oh * 60 + om);
  } else return false;
  if (se === 60) {
    // a leap second happens at 23:59:60 UTC only
    const utc = (((h * 60 + mi - offset) % 1440) + 1440) % 1440;
    return utc === 1439;
  }
  return true;
}

// RFC 3986 `URI` (absolute, optional query and fragment), written from the ABNF of RFC 3986 §3.
const UNRESERVED = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}:@]|${PCT})`;
const USERINFO = `(?:[${UNRESERVED}:]|${PCT})*`;
const IP_LITERAL = `\\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\\.[${UNRESERVED}:]+)\\]`;
const HOST = `(?:${IP_LITERAL}|(?:[${UNRESERVED}]|${PCT})*)`;
const AUTHORITY = `(?:${USERINFO}@)?${HOST}(?::[0-9]*)?`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const HIER = `(?://${AUTHORITY}(?:/${SEGMENT})*|/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?|${SEGMENT_NZ}(?:/${SEGMENT})*)`;
const TAIL = `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?`;
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+\\-.]*:${HIER}${TAIL}$`);

/**
 * `format: uri` (two 1.6 fields). Like ajv-formats, something must follow the scheme: `http:`
 * alone is rejected although RFC 3986 allows an empty path.
 */
export function isUri(s: string): boolean {
  return URI.test(s) && s.indexOf(':') < s.length - 1;
}

/**
 * Unknown properties on a strict object whose known properties were counted by the check.
 * `known` is the comma-joined list of the object's property names (none contains a comma).
 */
export function onlyKnownKeys(o: object, counted: number, known: string): boolean {
  let n = 0;
  for (const _ in o) n++;
  if (n === counted) return true;
  // a known property may be present with the value undefined (not counted): look key by key
  const names = known === '' ? [] : known.split(','); // '' has no names, not the name ''
  for (const k in o) if (!names.includes(k)) return false;
  return true;
}

/** A plain JSON object: not null, not an array. */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------------------------
// valibot factories. Issue `type`s are what `validate()` classifies (see classify.ts).

type Validation<T> = BaseValidation<T, T, BaseIssue<T>>;

/* @__NO_SIDE_EFFECTS__ */
function action<T>(
  type: string,
  expects: string,
  requirement: unknown,
  test: (input: T) => boolean,
): Validation<T> {
  return {
    kind: 'validation',
    type,
    reference: action,
    async: false,
    expects,
    requirement,
    message: undefined,
    '~run'(dataset, config) {
      if (dataset.typed && !test(dataset.value)) _addIssue(this, type.replace('_', ' '), dataset, config);
      return dataset;
    },
  } as Validation<T>;
}

/** A string, optionally bounded in code points. */
/* @__NO_SIDE_EFFECTS__ */
export function str(min?: number, max?: number): Schema<string> {
  const actions: Validation<string>[] = [];
  if (min !== undefined) actions.push(action<string>('min_length', `>=${min}`, min, (s) => minLen(s, min)));
  if (max !== undefined) actions.push(action<string>('max_length', `<=${max}`, max, (s) => maxLen(s, max)));
  return actions.length ? pipe(string(), ...actions) : string();
}

/** An RFC 3339 date-time string. */
/* @__NO_SIDE_EFFECTS__ */
export function dateTime(): Schema<string> {
  return pipe(string(), action<string>('date_time', 'date-time', undefined, isDateTime));
}

/** A URI string, optionally bounded in code points. */
/* @__NO_SIDE_EFFECTS__ */
export function uri(max?: number): Schema<string> {
  const a = action<string>('uri', 'URI', undefined, isUri);
  return max === undefined
    ? pipe(string(), a)
    : pipe(
        string(),
        action<string>('max_length', `<=${max}`, max, (s) => maxLen(s, max)),
        a,
      );
}

/** A string enumeration. */
/* @__NO_SIDE_EFFECTS__ */
export function oneOf<const T extends readonly string[]>(options: T): Schema<T[number]> {
  return picklist(options);
}

/** A JSON number (`integer: true` for JSON Schema's integer), with optional bounds and step. */
/* @__NO_SIDE_EFFECTS__ */
export function num(isInteger: boolean, min?: number, max?: number, step?: number): Schema<number> {
  const actions: Validation<number>[] = [];
  if (isInteger) actions.push(integer() as Validation<number>);
  if (min !== undefined) actions.push(minValue(min) as Validation<number>);
  if (max !== undefined) actions.push(maxValue(max) as Validation<number>);
  if (step !== undefined) {
    actions.push(action<number>('multiple_of', `%${step}`, step, (x) => isMultipleOf(x, step)));
  }
  return actions.length ? pipe(number(), ...actions) : number();
}

/** A boolean. */
/* @__NO_SIDE_EFFECTS__ */
export function bool(): Schema<boolean> {
  return boolean();
}

/** Any JSON value (a property schema without `type`). */
/* @__NO_SIDE_EFFECTS__ */
export function anyValue(): Schema<unknown> {
  return unknown();
}

/** An array with optional item-count bounds. */
/* @__NO_SIDE_EFFECTS__ */
export function list<T>(item: Schema<T>, min?: number, max?: number): Schema<T[]> {
  const actions: Validation<T[]>[] = [];
  if (min !== undefined) actions.push(action<T[]>('min_items', `>=${min}`, min, (a) => a.length >= min));
  if (max !== undefined) actions.push(action<T[]>('max_items', `<=${max}`, max, (a) => a.length <= max));
  return (actions.length ? pipe(vArray(item), ...actions) : vArray(item)) as Schema<T[]>;
}

/** An optional object property. */
export { optional as opt };

/**
 * A JSON object. `strict` (additionalProperties: false) rejects unknown keys; otherwise they are
 * kept (CustomDataType). Unlike valibot's own object schemas, arrays are rejected: JSON Schema's
 * `type: "object"` does not match an array.
 */
export function obj<E extends ObjectEntries>(entries: E, strict: true): StrictObjectSchema<E, undefined>;
export function obj<E extends ObjectEntries>(entries: E, strict: false): LooseObjectSchema<E, undefined>;
/* @__NO_SIDE_EFFECTS__ */
export function obj<E extends ObjectEntries>(
  entries: E,
  strict: boolean,
): StrictObjectSchema<E, undefined> | LooseObjectSchema<E, undefined> {
  const schema: GenericSchema = strict ? strictObject(entries) : looseObject(entries);
  const run = schema['~run'];
  Object.defineProperty(schema, '~run', {
    value(this: GenericSchema, dataset: Parameters<typeof run>[0], config: Parameters<typeof run>[1]) {
      if (Array.isArray(dataset.value)) {
        _addIssue(this, 'type', dataset, config, { received: 'Array' });
        return dataset;
      }
      return run.call(this, dataset, config);
    },
  });
  return schema as StrictObjectSchema<E, undefined> | LooseObjectSchema<E, undefined>;
}

/** The validators of a CALL action, with the payload types they check. */
export interface CallSchemas<Req, Res> extends ActionSchemas {
  readonly request: Schema<Req>;
  readonly response: Schema<Res>;
}

/** The validator of a SEND action (2.1), which has no response. */
export interface SendSchemas<Req> extends ActionSchemas {
  readonly request: Schema<Req>;
  readonly send: true;
}
