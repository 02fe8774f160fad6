// String `enum`: a picklist for valibot and a Set lookup for the fast check. The values and the Set
// are module constants; a definition's enum is exported under the definition's name as a lazy
// picklist carrying its check, any other enum is a `oneOf` inside its parent's entries function.
import { doc } from '../doc.mjs';

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
      `const ${set}: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(${values});`,
      ...(exported ? [`${doc(node.description)}export type ${name} = ${union};`] : []),
      ...(exported
        ? [
            `export function is${name}(v: unknown): boolean {\n  return typeof v === 'string' && ${set}.has(v);\n}`,
            `export const ${name}Schema: Schema<${name}> = /* @__PURE__ */ lazyEnum(is${name}, ${values});`,
          ]
        : []),
    ].join('\n'),
  );
  if (exported) ctx.use('Schema');
  return {
    schema: exported ? `${name}Schema` : `oneOf(${values})`,
    type: exported ? name : union,
    check: (v) => `typeof ${v} === 'string' && ${set}.has(${v})`,
  };
}
