// `type: "boolean"`.
export function transformBoolean(_node, ctx) {
  ctx.use('bool');
  return {
    schema: ctx.leaf('Boolean', 'bool()'),
    type: 'boolean',
    check: (v) => `typeof ${v} === 'boolean'`,
  };
}
