#!/usr/bin/env node
// Generates schemas/src/generated/ from the OCA JSON schemas in ocpp-rpc@2.2.1.
//   node generator/generate.mjs [outDir]     (default: src/generated)
// Output is deterministic (sorted actions and definitions, no timestamps), so CI can regenerate
// into a temp dir and require byte-identical files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefinitions, emitAction, emitDefs, emitIndex } from './emit.mjs';
import { hoistSharedObjects } from './hoist.mjs';
import { loadActions, VERSIONS } from './sources.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Returns `{ relativePath: contents }` for every generated file. */
export function render() {
  const files = {};
  for (const { protocol, file } of VERSIONS) {
    const source = loadActions(file);
    const own = collectDefinitions(source);
    // Hoisting rewrites properties only: the schemas' own `definitions` stay as they were.
    const { actions, definitions } = hoistSharedObjects(source, new Set(own.keys()));
    const defs = new Map([...own, ...definitions]);
    const defNames = new Set(defs.keys());
    for (const a of actions) {
      if (defNames.has(a.name) || defNames.has(`${a.name}Request`) || defNames.has(`${a.name}Response`)) {
        throw new Error(`${protocol}: action ${a.name} clashes with a definition name`);
      }
    }
    files[`${protocol}/_defs.ts`] = emitDefs(protocol, file, defs);
    for (const a of actions) files[`${protocol}/${a.name}.ts`] = emitAction(protocol, file, a, defNames);
    files[`${protocol}/index.ts`] = emitIndex(protocol, file, actions, defs);
  }
  return files;
}

export function generate(outDir = join(here, '..', 'src', 'generated')) {
  const files = render();
  rmSync(outDir, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return Object.keys(files).length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  console.log(`generated ${generate(out)} files`);
}
