// `type: "string"` with maxLength / minLength (counted in code points, as JSON Schema does) and
// `format: "date-time"` (RFC 3339) or `format: "uri"` (RFC 3986, two 1.6 fields).
export function transformString(node, ctx) {
  const { minLength: min, maxLength: max, format } = node;
  const parts = [`typeof v === 'string'`];
  if (min !== undefined) parts.push(`minLen(v, ${min})`);
  if (max !== undefined) parts.push(`maxLen(v, ${max})`);
  let schema;
  if (format === 'date-time') {
    if (min !== undefined || max !== undefined) throw new Error('date-time with a length bound');
    ctx.use('dateTime', 'isDateTime');
    parts.push('isDateTime(v)');
    schema = ctx.leaf('DateTime', 'dateTime()');
  } else if (format === 'uri') {
    if (min !== undefined) throw new Error('uri with minLength');
    ctx.use('uri', 'isUri');
    parts.push('isUri(v)');
    schema = ctx.leaf(`Uri${max ?? ''}`, `uri(${max ?? ''})`);
  } else if (format !== undefined) {
    throw new Error(`unsupported format ${format}`);
  } else {
    ctx.use('str');
    const args = max !== undefined ? `${min}, ${max}` : min !== undefined ? `${min}` : '';
    schema = ctx.leaf(
      `String${min !== undefined ? `Min${min}` : ''}${max !== undefined ? `Max${max}` : ''}`,
      `str(${args})`,
    );
  }
  if (min !== undefined) ctx.use('minLen');
  if (max !== undefined) ctx.use('maxLen');
  const expr = parts.join(' && ');
  return { schema, type: 'string', check: (v) => expr.replaceAll(/\bv\b/g, v) };
}
