// `$ref: "#/definitions/X"`: every definition of a version lives once in that version's _defs
// module (definitions with the same name are identical across an OCA version), so a reference is
// a plain import of `XSchema` / `isX` / type `X`.
export function transformRef(node, ctx) {
  const m = /^#\/definitions\/(\w+)$/.exec(node.$ref);
  if (!m) throw new Error(`unsupported $ref ${node.$ref}`);
  const name = m[1];
  ctx.def(name);
  return { schema: `${name}Schema`, type: name, check: (v) => `is${name}(${v})` };
}
