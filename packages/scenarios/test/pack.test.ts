// What npm users get from @ocpp-ws-io/scenarios beyond what every package is checked for
// (packages/core/test/pack.test.ts: dist/ only, no workspace: ranges, publint, attw): the JSON
// Schemas it exports, equal to the objects in its code.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertFreshBuild, unpackPackage } from '@ocpp-ws-io/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_SCHEMA, TRACE_LINE_SCHEMA } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let work: string;
let files: string[];
let manifest: { exports: Record<string, unknown> };

beforeAll(async () => {
  assertFreshBuild(['packages/scenarios']);
  work = await mkdtemp(join(tmpdir(), 'scenarios-pack-'));
  const unpacked = await unpackPackage(join(root, 'packages/scenarios'), work);
  files = [...unpacked.files];
  manifest = unpacked.manifest as typeof manifest;
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('@ocpp-ws-io/scenarios packed', () => {
  it('exports the JSON Schemas of a trace line and of a scenario, as they are in the code', async () => {
    expect(manifest.exports['./schemas/trace-line.json']).toBe('./dist/schemas/trace-line.json');
    expect(manifest.exports['./schemas/scenario.json']).toBe('./dist/schemas/scenario.json');
    expect(files).toEqual(
      expect.arrayContaining(['dist/schemas/trace-line.json', 'dist/schemas/scenario.json']),
    );
    const read = async (name: string) =>
      JSON.parse(await readFile(join(work, 'package', 'dist', 'schemas', name), 'utf8'));
    expect(await read('trace-line.json')).toEqual(TRACE_LINE_SCHEMA);
    expect(await read('scenario.json')).toEqual(SCENARIO_SCHEMA);
  });
});
