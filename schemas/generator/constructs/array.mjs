// `type: "array"` with a single `items` schema and minItems / maxItems. (OCPP never uses tuple
// `items`, so `additionalItems` has no effect and is ignored.)
export function transformArray(node, ctx, name, compile) {
  if (!node.items || Array.isArray(node.items)) throw new Error(`${name}: arrays need one items schema`);
  const item = compile(node.items, ctx, `${name}_item`);
  const { minItems: min, maxItems: max } = node;
  const bounds = [];
  if (min !== undefined) bounds.push(`x.length < ${min}`);
  if (max !== undefined) bounds.push(`x.length > ${max}`);
  const checkName = ctx.unique(`is${name}`);
  const type = `Array<${item.type}>`;
  const args = [item.schema, min, max];
  while (args[args.length - 1] === undefined) args.pop();
  ctx.use('list');
  ctx.push(
    [
      `function ${checkName}(x: unknown): boolean {`,
      `  if (!Array.isArray(x)${bounds.length ? ` || ${bounds.join(' || ')}` : ''}) return false;`,
      '  for (let i = 0; i < x.length; i++) {',
      '    const v: unknown = x[i];',
      `    if (!(${item.check('v')})) return false;`,
      '  }',
      '  return true;',
      '}',
    ].join('\n'),
  );
  const schema = `list(${args.map((a) => (a === undefined ? 'undefined' : String(a))).join(', ')})`;
  return { schema, type, check: (v) => `${checkName}(${v})` };
}
