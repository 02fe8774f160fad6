// `type: "integer"` / `type: "number"` with minimum, maximum and multipleOf. multipleOf uses a
// tolerant check (0.3 is a multiple of 0.1 although 0.3 / 0.1 is 2.9999999999999996 in floats).
export function transformNumber(node, ctx) {
  const isInt = node.type === 'integer';
  const { minimum: min, maximum: max, multipleOf: step } = node;
  const parts = [`typeof v === 'number'`, isInt ? 'Number.isInteger(v)' : '!Number.isNaN(v)'];
  if (min !== undefined) parts.push(`v >= ${min}`);
  if (max !== undefined) parts.push(`v <= ${max}`);
  if (step !== undefined) {
    parts.push(`isMultipleOf(v, ${step})`);
    ctx.use('isMultipleOf');
  }
  ctx.use('num');
  const args = [isInt, min, max, step];
  while (args.length > 1 && args[args.length - 1] === undefined) args.pop();
  const hint = `${isInt ? 'Integer' : 'Number'}${min !== undefined ? `Min${min}` : ''}${max !== undefined ? `Max${max}` : ''}${step !== undefined ? `Step${step}` : ''}`;
  const schema = ctx.leaf(
    hint.replaceAll('-', 'Neg').replaceAll('.', '_'),
    `num(${args.map((a) => (a === undefined ? 'undefined' : String(a))).join(', ')})`,
  );
  const expr = parts.join(' && ');
  return { schema, type: 'number', check: (v) => expr.replaceAll(/\bv\b/g, v) };
}
