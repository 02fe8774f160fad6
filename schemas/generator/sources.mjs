// Loads the OCA JSON schemas bundled in the pinned `ocpp-rpc` package and groups them by action.
// Nothing is copied into the repository: the package is the single source, read at generation time.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const schemaDir = join(dirname(require.resolve('ocpp-rpc/package.json')), 'lib', 'schemas');

/** The three protocol versions: subprotocol name, ocpp-rpc file, and how its `$id`s name directions. */
export const VERSIONS = [
  { protocol: 'ocpp1.6', file: 'ocpp1_6.json' },
  { protocol: 'ocpp2.0.1', file: 'ocpp2_0_1.json' },
  { protocol: 'ocpp2.1', file: 'ocpp2_1.json' },
];

/** Reads one version's schema list (exported for the tests, which compile the same files with ajv). */
export function readSchemas(file) {
  return JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
}

/**
 * Splits an `$id` into action and direction. 1.6 and 2.0.1 use `urn:X.req` / `urn:X.conf`,
 * 2.1 uses `urn:XRequest` / `urn:XResponse`; an id with neither suffix is a 2.1 SEND action
 * (`urn:NotifyPeriodicEventStream`), which has a request and no response.
 */
export function parseId(id) {
  const name = id.replace(/^urn:/, '');
  let m = /^(\w+)\.(req|conf)$/.exec(name);
  if (m) return { action: m[1], direction: m[2] === 'req' ? 'request' : 'response' };
  m = /^(\w+?)(Request|Response)$/.exec(name);
  if (m) return { action: m[1], direction: m[2] === 'Request' ? 'request' : 'response' };
  return { action: name, direction: 'send' };
}

/** `[{ name, request, response?, send }]`, sorted by action name so output order is stable. */
export function loadActions(file) {
  const byName = new Map();
  for (const schema of readSchemas(file)) {
    const { action, direction } = parseId(schema.$id);
    const entry = byName.get(action) ?? { name: action, send: false };
    if (direction === 'send') {
      entry.request = schema;
      entry.send = true;
    } else entry[direction] = schema;
    byName.set(action, entry);
  }
  const actions = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const a of actions) {
    if (!a.request || (!a.send && !a.response)) throw new Error(`${file}: incomplete action ${a.name}`);
  }
  return actions;
}
