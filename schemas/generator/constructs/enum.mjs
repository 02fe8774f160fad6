// String `enum`: a picklist for valibot and a Set lookup for the fast check. The values are a module
// constant; the Set is built by the first check that needs it (110 Sets built at load were ~1 ms
// of 2.1's cold start). A definition's enum is exported under the definition's name as a lazy
// picklist carrying its check, any other enum is a `oneOf` inside its parent's entries function.
import { doc } from '../doc.mjs';

const has = (set, values, v) => `(${set} ??= new Set<string>(${values})).has(${v})`;

export function transformEnum(node, ctx, name, exported = false) {
  if (node.type !== 'string' || !node.enum.every((e) => typeof e === 'string')) {
    throw new Error(`${name}: only string enums are supported`);
  }
  ctx.use(exported ? 'lazyEnum' : 'oneOf');
  const values = ctx.unique(`${name}Values`);
  const set = ctx.unique(`${name}Set`);
  const union = node.enum.map((e) => JSON.stringify(e)).join(' | ');
  ctx.push(
    [
      `const ${values} = [${node.enum.map((e) => JSON.stringify(e)).join(', ')}] as const;`,
      `let ${set}: ReadonlySet<string> | undefined;`,
      ...(exported ? [`${doc(node.description)}export type ${name} = ${union};`] : []),
      ...(exported
        ? [
            `export function is${name}(v: unknown): boolean {\n  return typeof v === 'string' && ${has(set, values, 'v')};\n}`,
            `export const ${name}Schema: Schema<${name}> = /* @__PURE__ */ lazyEnum(is${name}, ${values});`,
          ]
        : []),
    ].join('\n'),
  );
  if (exported) ctx.use('Schema');
  return {
    schema: exported ? `${name}Schema` : `oneOf(${values})`,
    type: exported ? name : union,
    check: (v) => `typeof ${v} === 'string' && ${has(set, values, v)}`,
  };
}
