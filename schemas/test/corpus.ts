/**
 * Synthesizes a deterministic test corpus from the OCA JSON schemas themselves: valid payloads
 * (required fields only, and every optional field) and single-fault mutations of them, each tagged
 * with the violation kind it must produce. No randomness: choices rotate with a counter.
 */
import type { ViolationKind } from '../src/types.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON schema nodes are untyped here
type Node = Record<string, any>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Case {
  readonly label: string;
  readonly value: unknown;
  /** The kind a mutation must produce; `undefined` for payloads that must be valid. */
  readonly kind: ViolationKind | undefined;
}

const resolve = (node: Node, root: Node): Node => {
  if (typeof node.$ref !== 'string') return node;
  const name = node.$ref.replace('#/definitions/', '');
  return root.definitions[name] as Node;
};

/** A valid instance: required properties only, or (`full`) every property. */
export function instance(node: Node, root: Node, full: boolean, turn = 0): Json {
  const n = resolve(node, root);
  if (n.enum) return n.enum[turn % n.enum.length];
  switch (n.type) {
    case 'object': {
      const out: Record<string, Json> = {};
      const required = new Set<string>(n.required ?? []);
      let i = 0;
      for (const [k, sub] of Object.entries<Node>(n.properties ?? {})) {
        if (full || required.has(k)) out[k] = instance(sub, root, full, turn + i++);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(n.minItems ?? 0, full ? Math.min(n.maxItems ?? 2, 2) : 1);
      return Array.from({ length: count }, (_, i) => instance(n.items, root, full, turn + i));
    }
    case 'string': {
      if (n.format === 'date-time')
        return ['2024-05-01T12:00:00Z', '2024-02-29T23:59:59.123+01:00'][turn % 2]!;
      if (n.format === 'uri') return 'https://example.com/firmware/v1.bin';
      const max = n.maxLength ?? 12;
      const len = Math.max(n.minLength ?? 0, Math.min(max, full ? max : 1 + (turn % max)));
      return 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(len / 26) + 1).slice(0, len);
    }
    case 'integer':
      return n.minimum ?? (n.maximum !== undefined ? Math.min(n.maximum, 3) : 3 + (turn % 5));
    case 'number':
      if (n.multipleOf) return 0.3; // 0.3 / 0.1 is not an integer in floats: tolerance required
      return n.minimum ?? (n.maximum !== undefined ? n.maximum : 12.5);
    case 'boolean':
      return turn % 2 === 0;
    default:
      return { any: 'value' }; // no type: anything goes
  }
}

const clone = <T>(v: T): T => structuredClone(v);

function setAt(
  root: Json,
  path: (string | number)[],
  fn: (parent: Json & object, key: string | number) => void,
) {
  let cur = root as Record<string | number, Json>;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]!] as Record<string | number, Json>;
  fn(cur as Json & object, path[path.length - 1]!);
}

/** Single-fault mutations of `base` (a full valid instance), walking schema and value together. */
export function mutations(schema: Node, base: Json): Case[] {
  const cases: Case[] = [];
  const add = (
    label: string,
    path: (string | number)[],
    kind: ViolationKind | undefined,
    mutate: (p: Json & object, k: string | number) => void,
  ) => {
    const value = clone(base);
    setAt(value, path, mutate);
    cases.push({ label: `${label} at /${path.join('/')}`, value, kind });
  };
  const replace = (label: string, path: (string | number)[], kind: ViolationKind | undefined, v: Json) =>
    add(label, path, kind, (p, k) => {
      (p as Record<string | number, Json>)[k] = v;
    });

  const walk = (node: Node, value: Json, path: (string | number)[]) => {
    const n = resolve(node, schema);
    if (path.length) {
      // wrong JSON type for this position
      const wrong: Json =
        n.type === 'string' || n.enum
          ? 42
          : n.type === 'object'
            ? []
            : n.type === 'array'
              ? { not: 'array' }
              : n.type === 'boolean'
                ? 'true'
                : n.type === 'integer' || n.type === 'number'
                  ? '1'
                  : (undefined as never);
      if (wrong !== undefined) replace('wrong type', path, 'type', wrong);
    }
    if (n.enum) {
      replace('bad enum', path, 'enum', 'NotAnEnumValue');
      return;
    }
    switch (n.type) {
      case 'object': {
        const required = new Set<string>(n.required ?? []);
        for (const k of Object.keys(n.properties ?? {})) {
          if (required.has(k))
            add(
              'missing required',
              [...path, k],
              'required',
              (p, key) => delete (p as Record<string | number, Json>)[key],
            );
        }
        // extra property: rejected on strict objects, accepted on CustomDataType (no additionalProperties)
        add('extra property', path, n.additionalProperties === false ? 'additional' : undefined, (p, k) => {
          const target = (path.length ? (p as Record<string | number, Json>)[k] : p) as Record<string, Json>;
          target.zzExtra = 'x';
        });
        for (const [k, sub] of Object.entries<Node>(n.properties ?? {})) {
          if ((value as Record<string, Json>)[k] !== undefined)
            walk(sub, (value as Record<string, Json>)[k]!, [...path, k]);
        }
        return;
      }
      case 'array': {
        const arr = value as Json[];
        if (n.minItems !== undefined && n.minItems > 0)
          replace('too few items', path, 'items', arr.slice(0, n.minItems - 1));
        if (n.maxItems !== undefined)
          replace(
            'too many items',
            path,
            'items',
            Array.from({ length: n.maxItems + 1 }, () => arr[0]!),
          );
        if (arr.length) walk(n.items, arr[0]!, [...path, 0]);
        return;
      }
      case 'string':
        if (n.format === 'date-time') {
          replace('impossible date', path, 'format', '2024-02-30T00:00:00Z');
          replace('no offset', path, 'format', '2024-05-01T12:00:00');
          replace('not a date', path, 'format', 'yesterday');
          replace('leap second', path, undefined, '2016-12-31T23:59:60Z');
        } else if (n.format === 'uri') {
          replace('not a uri', path, 'format', 'not a uri');
        }
        if (n.maxLength !== undefined) {
          replace('over-long string', path, 'length', 'x'.repeat(n.maxLength + 1));
          // maxLength counts code points: maxLength astral characters are fine
          if (n.format === undefined) replace('astral string', path, undefined, '😀'.repeat(n.maxLength));
        }
        if (n.minLength !== undefined && n.minLength > 0)
          replace('too short', path, 'length', 'x'.repeat(n.minLength - 1));
        return;
      case 'integer':
      case 'number':
        if (n.type === 'integer') replace('fraction', path, 'type', 1.5);
        if (n.minimum !== undefined) replace('below minimum', path, 'range', n.minimum - 1);
        if (n.maximum !== undefined) replace('above maximum', path, 'range', n.maximum + 1);
        if (n.multipleOf !== undefined) {
          replace('not multipleOf', path, 'range', n.multipleOf / 2 + 1);
          replace('multipleOf with float noise', path, undefined, 0.1 + 0.2);
        }
        return;
      default:
        return;
    }
  };
  walk(schema, base, []);
  cases.push({ label: 'array payload', value: [], kind: 'payload' });
  cases.push({ label: 'null payload', value: null, kind: 'payload' });
  cases.push({ label: 'string payload', value: 'BootNotification', kind: 'payload' });
  return cases;
}

/** Every case of one schema: minimal and full valid payloads, then mutations of the full one. */
export function corpusFor(schema: Node): Case[] {
  const minimal = instance(schema, schema, false);
  const full = instance(schema, schema, true);
  const alt = instance(schema, schema, true, 1);
  return [
    { label: 'minimal valid', value: minimal, kind: undefined },
    { label: 'full valid', value: full, kind: undefined },
    { label: 'full valid (alternate choices)', value: alt, kind: undefined },
    ...mutations(schema, full),
  ];
}
