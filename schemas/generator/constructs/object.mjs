// `type: "object"` with properties / required / additionalProperties.
// additionalProperties: false → strict (unknown keys rejected); absent → extra keys accepted, which
// in OCPP happens only for CustomDataType, the vendor extension point.
// The fast check reads every property by name (monomorphic, inlined leaf tests) and counts the ones
// present, so the strictness test is usually a key count instead of a lookup per key.
import { doc } from '../doc.mjs';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k) => (IDENT.test(k) ? k : JSON.stringify(k));
const read = (k) => (IDENT.test(k) ? `x.${k}` : `x[${JSON.stringify(k)}]`);

export function transformObject(node, ctx, name, compile, exported = false) {
  const ap = node.additionalProperties;
  if (ap !== undefined && typeof ap !== 'boolean')
    throw new Error(`${name}: schema-valued additionalProperties`);
  const strict = ap === false;
  const required = new Set(node.required ?? []);
  const props = Object.entries(node.properties ?? {});
  for (const r of required)
    if (!node.properties?.[r]) throw new Error(`${name}: required ${r} is not a property`);

  const entries = [];
  const fields = [];
  const body = ['  if (!isObject(x)) return false;'];
  // Required properties are counted up front: a check that passes proves they are all present.
  if (strict) body.push(`  let n = ${props.filter(([k]) => required.has(k)).length};`);
  if (props.length) body.push('  let v: unknown;');
  for (const [k, sub] of props) {
    const c = compile(sub, ctx, `${name}_${k}`);
    const req = required.has(k);
    entries.push(`${key(k)}: ${req ? c.schema : `opt(${c.schema})`}`);
    fields.push(
      `${doc(sub.description, '  ')}  ${key(k)}${req ? '' : '?'}: ${c.type}${req ? '' : ' | undefined'};`,
    );
    body.push(`  v = ${read(k)};`);
    const test = `  if (!(${c.check('v')})) return false;`;
    // Every check but "any value" already fails on undefined, so a missing required property
    // needs no test of its own (fewer bytes and a faster cold start on 2.1's 450 KB of checks).
    const acceptsUndefined = c.check('v') === 'true';
    if (req) {
      body.push(acceptsUndefined ? '  if (v === undefined) return false;' : test);
    } else {
      body.push('  if (v !== undefined) {', `  ${test}`, ...(strict ? ['    n++;'] : []), '  }');
    }
  }
  if (!strict) fields.push('  [key: string]: unknown;');
  if (props.some(([k]) => !required.has(k))) ctx.use('opt');
  ctx.use(exported ? 'lazyObj' : 'obj', 'isObject');
  if (exported) ctx.use('Schema');

  if (strict) {
    // The known keys travel as one comma-joined string literal, read only on the rare slow path:
    // a Set per object cost 2.1 ~0.7 ms of cold start for a lookup that almost never runs.
    ctx.use('onlyKnownKeys');
    for (const [k] of props) if (k.includes(',')) throw new Error(`${name}: property name with a comma`);
    body.push(`  return onlyKnownKeys(x, n, ${JSON.stringify(props.map(([k]) => k).join(','))});`);
  } else body.push('  return true;');

  const typeBody = fields.length ? `{\n${fields.join('\n')}\n}` : '{}';
  const checkName = exported ? `is${name}` : ctx.unique(`is${name}`);
  const typeRef = exported ? name : typeBody.replaceAll('\n', '\n  ').replace(/\n {2}\}$/, '\n}');
  const ex = exported ? 'export ' : '';
  const entriesObj = `{${entries.length ? ` ${entries.join(', ')} ` : ''}}`;
  ctx.push(
    [
      ...(exported ? [`${doc(node.description)}export interface ${name} ${typeBody}`] : []),
      `${ex}function ${checkName}(x: unknown): boolean {\n${body.join('\n')}\n}`,
      ...(exported
        ? [
            `export const ${name}Schema: Schema<${name}> = /* @__PURE__ */ lazyObj(${checkName}, ${strict}, () => (${entriesObj}));`,
          ]
        : []),
    ].join('\n'),
  );
  return {
    schema: exported ? `${name}Schema` : `obj(${entriesObj}, ${strict})`,
    type: typeRef,
    check: (v) => `${checkName}(${v})`,
  };
}
