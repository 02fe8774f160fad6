// String `enum`: a picklist for valibot and a Set lookup for the fast check. Both are hoisted to
// module constants; a definition's enum is exported under the definition's name.
import { doc } from '../doc.mjs';

export function transformEnum(node, ctx, name, exported = false) {
  if (node.type !== 'string' || !node.enum.every((e) => typeof e === 'string')) {
    throw new Error(`${name}: only string enums are supported`);
  }
  ctx.use('oneOf');
  const values = ctx.unique(`${name}Values`);
  const set = ctx.unique(`${name}Set`);
  const schemaName = exported ? `${name}Schema` : ctx.unique(`${name}Schema`);
  const union = node.enum.map((e) => JSON.stringify(e)).join(' | ');
  const ex = exported ? 'export ' : '';
  ctx.push(
    [
      `const ${values} = [${node.enum.map((e) => JSON.stringify(e)).join(', ')}] as const;`,
      `const ${set}: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(${values});`,
      ...(exported ? [`${doc(node.description)}export type ${name} = ${union};`] : []),
      `${ex}const ${schemaName}${exported ? `: Schema<${name}>` : ''} = /* @__PURE__ */ oneOf(${values});`,
      ...(exported
        ? [
            `export function is${name}(v: unknown): boolean {\n  return typeof v === 'string' && ${set}.has(v);\n}`,
          ]
        : []),
    ].join('\n'),
  );
  if (exported) ctx.use('Schema');
  return {
    schema: schemaName,
    type: exported ? name : union,
    check: (v) => `typeof ${v} === 'string' && ${set}.has(${v})`,
  };
}
