#!/usr/bin/env node
// Validation benchmark: @ocpp-ws-io/schemas validate() vs ajv, compiled from the same OCA schemas
// (ocpp-rpc@2.2.1), in one process; plus cold start in fresh processes. Runs on the BUILT package:
//   node scripts/pnpm.mjs --filter ./schemas run build && node bench/validation.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootNotification201, meterValues16, transactionEvent201 } from './messages.mjs';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(dirname(require.resolve('ocpp-rpc/package.json')), 'lib', 'schemas');
const distEntry = (name) => require.resolve(`@ocpp-ws-io/schemas${name}`); // built output (default condition)

const { validate } = await import(distEntry(''));
const v16 = await import(distEntry('/ocpp1.6'));
const v201 = await import(distEntry('/ocpp2.0.1'));

function ajvFor(file, id) {
  // Same options as the exactness tests: float-tolerant multipleOf, formats from ajv-formats.
  const ajv = new Ajv({ strict: false, multipleOfPrecision: 9 });
  addFormats(ajv);
  // ajv's URI resolver rejects ids like `urn:MeterValues.req`; all $refs are local, so drop the id.
  const { $id: _id, ...schema } = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')).find(
    (s) => s.$id === id,
  );
  return ajv.compile(schema);
}

const cases = [
  {
    name: '1.6 MeterValues.req (10 sampled values)',
    ours: v16.MeterValues.request,
    ajv: ajvFor('ocpp1_6.json', 'urn:MeterValues.req'),
    msg: meterValues16,
  },
  {
    name: '2.0.1 BootNotificationRequest',
    ours: v201.BootNotification.request,
    ajv: ajvFor('ocpp2_0_1.json', 'urn:BootNotification.req'),
    msg: bootNotification201,
  },
  {
    name: '2.0.1 TransactionEventRequest',
    ours: v201.TransactionEvent.request,
    ajv: ajvFor('ocpp2_0_1.json', 'urn:TransactionEvent.req'),
    msg: transactionEvent201,
  },
];

/** µs per call: median over rounds of a fixed-duration loop, after warm-up. */
function time(fn) {
  let sink = 0;
  const once = (n) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn()) sink++;
    return Number(process.hrtime.bigint() - t0) / 1000 / n;
  };
  let n = 1000;
  while (once(n) * n < 20_000) n *= 2; // ≥ 20 ms per round
  const rounds = Array.from({ length: 15 }, () => once(n)).sort((a, b) => a - b);
  if (sink < 0) console.log(sink);
  return rounds[7];
}

const rows = [];
const figureRows = [];
for (const c of cases) {
  if (validate(c.ours, c.msg) !== undefined || !c.ajv(c.msg))
    throw new Error(`${c.name}: message is not valid`);
  // interleave to share thermal/GC conditions
  const ours = [];
  const ajv = [];
  for (let r = 0; r < 3; r++) {
    ours.push(time(() => validate(c.ours, c.msg) === undefined));
    ajv.push(time(() => c.ajv(c.msg)));
  }
  const o = Math.min(...ours);
  const a = Math.min(...ajv);
  rows.push([c.name, o.toFixed(3), a.toFixed(3), `${(o / a).toFixed(2)}×`]);
  figureRows.push({ message: c.name, oursUs: Number(o.toFixed(3)), ajvUs: Number(a.toFixed(3)) });
}

function coldStart(code) {
  const runs = [];
  for (let i = 0; i < 11; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
      cwd: here,
      encoding: 'utf8',
    });
    runs.push(Number(out.trim()));
  }
  runs.sort((x, y) => x - y);
  return runs[5];
}

const cold = [];
const coldFigures = {};
const probe = {
  'ocpp1.6': ['MeterValues', meterValues16, 'ocpp1_6.json', 'urn:MeterValues.req'],
  'ocpp2.0.1': ['BootNotification', bootNotification201, 'ocpp2_0_1.json', 'urn:BootNotification.req'],
  'ocpp2.1': ['Heartbeat', {}, 'ocpp2_1.json', 'urn:HeartbeatRequest'],
};
for (const [version, [action, msg, file, id]] of Object.entries(probe)) {
  const ours = coldStart(`
    const t0 = performance.now();
    // both entries in one go, as an application's two static import statements load them
    const [m, { validate }] = await Promise.all([
      import(${JSON.stringify(distEntry(`/${version}`))}),
      import(${JSON.stringify(distEntry(''))}),
    ]);
    if (validate(m.validators.actions.${action}.request, ${JSON.stringify(msg)}) !== undefined) throw new Error('invalid');
    console.log(performance.now() - t0);`);
  const ajv = coldStart(`
    const t0 = performance.now();
    const { createRequire } = await import('node:module');
    const require = createRequire(${JSON.stringify(join(here, 'x.js'))});
    const Ajv = require('ajv').default; const addFormats = require('ajv-formats').default;
    const ajv = new Ajv({ strict: false, multipleOfPrecision: 9 }); addFormats(ajv);
    const schemas = require(${JSON.stringify(join(schemaDir, file))});
    for (const { $id, ...s } of schemas) ajv.addSchema(s, $id.slice(4));
    if (!ajv.getSchema(${JSON.stringify(id.slice(4))})(${JSON.stringify(msg)})) throw new Error('invalid');
    console.log(performance.now() - t0);`);
  cold.push([version, ours.toFixed(1), ajv.toFixed(1)]);
  coldFigures[version] = { ours: Number(ours.toFixed(1)), ajv: Number(ajv.toFixed(1)) };
}

console.log(`\nValidation, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| message | validate() µs/msg | ajv µs/msg | ratio |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(
  '\nCold start: fresh `node`, import the whole version module + validate one message (median of 11)\n',
);
console.log('| version | @ocpp-ws-io/schemas ms | ajv (compile version, lazily) ms |');
console.log('|---|---:|---:|');
for (const r of cold) console.log(`| ${r.join(' | ')} |`);

// For bench/run.mjs, which writes bench/figures.json: one machine-readable line, last.
console.log(`@figures ${JSON.stringify({ validation: figureRows, coldStartMs: coldFigures })}`);
