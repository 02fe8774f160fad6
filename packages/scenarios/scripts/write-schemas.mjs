#!/usr/bin/env node
// After the build: the published JSON Schemas (a trace line, a scenario) as files next to the
// modules, from the very objects the package exports, so they cannot drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { TRACE_LINE_SCHEMA } = await import(join(dist, 'trace', 'schema.js'));
const { SCENARIO_SCHEMA } = await import(join(dist, 'scenario', 'schema.js'));
mkdirSync(join(dist, 'schemas'), { recursive: true });
writeFileSync(join(dist, 'schemas', 'trace-line.json'), `${JSON.stringify(TRACE_LINE_SCHEMA, null, 2)}\n`);
writeFileSync(join(dist, 'schemas', 'scenario.json'), `${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`);
