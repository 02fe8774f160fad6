// Gives shared inline objects one definition. The OCA 1.6 schemas define nothing: ChargingProfile
// is written out in full in both RemoteStartTransaction.req and SetChargingProfile.req,
// IdTagInfo in four actions, MeterValue (with SampledValue) in MeterValues and StopTransaction.
// Emitted as they stand, each copy becomes its own check function, valibot schema and type, and
// an app using all of 1.6 ships every copy. Here every inline object that occurs, identical up to
// annotations, at two or more places becomes a definition referenced by `$ref`, so it lands once
// in _defs.ts and is exported under its name.
//
// The name is the property key at its first place (actions in name order), capitalised: for 1.6
// that gives the spec's own type names (ChargingProfile, ChargingSchedule, ChargingSchedulePeriod,
// IdTagInfo, MeterValue, SampledValue; OCPP 1.6 §7). Generation fails rather than guess if two
// different objects would get one name, or a name is already a definition.

const ANNOTATIONS = new Set([
  'description',
  'javaType',
  'comment',
  '$comment',
  '$schema',
  '$id',
  'id',
  'title',
]);
const canonical = (node) => JSON.stringify(node, (k, v) => (ANNOTATIONS.has(k) ? undefined : v));
const isInlineObject = (node) =>
  node && typeof node === 'object' && node.type === 'object' && node.properties && !node.$ref;

/** Calls `visit(node, key)` for every inline object below the top level, depth first (parents first). */
function walk(node, visit, key) {
  if (!node || typeof node !== 'object') return;
  if (key !== undefined && isInlineObject(node)) visit(node, key);
  for (const [k, sub] of Object.entries(node.properties ?? {})) walk(sub, visit, k);
  // An array's items take the array's key: `meterValue: [{…}]` names a MeterValue.
  if (node.items && !Array.isArray(node.items)) walk(node.items, visit, key);
}

/** Returns a copy of `node` with every shared object (by canonical text) replaced by its `$ref`. */
function replaceShared(node, shared, top = true) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
  if (!top && isInlineObject(node)) {
    const name = shared.get(canonical(node));
    if (name) return { $ref: `#/definitions/${name}` };
  }
  const out = { ...node };
  if (node.properties)
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([k, sub]) => [k, replaceShared(sub, shared, false)]),
    );
  if (node.items && !Array.isArray(node.items)) out.items = replaceShared(node.items, shared, false);
  return out;
}

/**
 * `actions` (from loadActions) with shared inline objects turned into definitions; the new
 * definitions come back separately, to be emitted with the version's own ones.
 * @param {Array<{ name: string, request: object, response?: object }>} actions
 * @param {Set<string>} existing the version's definition names
 */
export function hoistSharedObjects(actions, existing) {
  const places = new Map(); // canonical text → { key of the first place, node, count }
  for (const a of actions) {
    for (const schema of [a.request, a.response]) {
      if (!schema) continue;
      walk(schema, (node, key) => {
        const text = canonical(node);
        const entry = places.get(text);
        if (entry) entry.count++;
        else places.set(text, { key, node, count: 1 });
      });
    }
  }
  const shared = new Map(); // canonical text → name
  const owner = new Map(); // name → canonical text
  for (const [text, { key, count }] of places) {
    if (count < 2) continue;
    const name = key.charAt(0).toUpperCase() + key.slice(1);
    if (existing.has(name)) throw new Error(`shared object ${name} clashes with a definition`);
    if (owner.has(name)) throw new Error(`two different shared objects would be named ${name}`);
    owner.set(name, text);
    shared.set(text, name);
  }
  const definitions = new Map();
  for (const [text, name] of shared) definitions.set(name, replaceShared(places.get(text).node, shared));
  const hoisted = actions.map((a) => ({
    ...a,
    request: replaceShared(a.request, shared),
    ...(a.response ? { response: replaceShared(a.response, shared) } : {}),
  }));
  return { actions: hoisted, definitions };
}
