#!/usr/bin/env node
// Where the bytes of the browser client without validators go (issue #6 asks ≤ 5 KiB min+gz).
// Builds the app of packages/browser/test/size.test.ts with the same builder (test-utils
// app-bundle: the lite OCPPClient, strictMode false, tree-shaken and minified by esbuild from the
// built dist/), once as shipped and once per feature group with that group's functions emptied,
// so that the code only they reach drops out too. The difference is what the group costs an app, in gzip bytes. One more row empties every
// string literal of 16+ characters (error messages, error-code names) after minification: what
// the messages cost. Groups overlap (emptying `receive` also drops the frame parser), so the rows
// do not add up to the total. A second table empties several groups at once and reports what is
// left: the floor under each way of reaching 5 KiB (a reduced profile, no messages, no adapter).
// Run after `npm run build`:
//   pnpm --filter ./bench run size:ablation     (writes bench/size-ablation.md)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleApp, SIZE_APPS } from '@ocpp-ws-io/test-utils/app-bundle';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const browserDir = join(here, '..', 'packages', 'browser');
const APP = SIZE_APPS['app: client, no validators'];

/** Feature groups: dist file (suffix) → functions and methods whose bodies are emptied. */
const GROUPS = [
  ['durable-delivery hooks', { 'core/dist/endpoint.js': ['attachDurable', 'restoreDurable'] }],
  ['reconnect with back-off', { 'core/dist/client.js': ['#scheduleReconnect'] }],
  [
    'strict-mode plumbing (checks, violation codes)',
    { 'core/dist/endpoint.js': ['#unsendable', '#check', '#schemas', '#refusal', 'assertValidators'] },
  ],
  ['frame parser with its per-version faults', { 'core/dist/frames.js': ['parseFrame'] }],
  ['inbound CALL/SEND: dispatch, replies, handler errors', { 'core/dist/endpoint.js': ['#onCall'] }],
  ['inbound frames as a whole (parser, faults, results, calls)', { 'core/dist/endpoint.js': ['receive'] }],
  ['connect attempt (timeout, subprotocol check)', { 'core/dist/client.js': ['#open'] }],
  [
    'browser adapter (connector, transport, auth URL, close codes)',
    { 'browser/dist/connector.js': ['browserConnector'] },
  ],
];

/** Empties the bodies of `names` in one JS file's source. */
function emptyBodies(path, source, names) {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    const name = node.name && (ts.isPrivateIdentifier(node.name) ? node.name.text : node.name.getText());
    const isFunction = ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node);
    if (isFunction && node.body && names.includes(name))
      spans.push([node.body.getStart(), node.body.getEnd()]);
    else ts.forEachChild(node, visit);
  };
  visit(file);
  // Every name must match exactly once, or the row would measure something else.
  if (spans.length !== names.length) throw new Error(`${path}: expected ${names.join(', ')} once each`);
  let out = source;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, start)}{}${out.slice(end)}`;
  return out;
}

async function bundle(ablate = {}) {
  const plugin = {
    name: 'ablate',
    setup(b) {
      b.onLoad({ filter: /[\\/]packages[\\/](core|browser)[\\/]dist[\\/].*\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const path = args.path.replaceAll('\\', '/');
        const names = Object.entries(ablate).find(([suffix]) => path.endsWith(suffix))?.[1];
        return { contents: names ? emptyBodies(path, source, names) : source, loader: 'js' };
      });
    },
  };
  return bundleApp(APP, browserDir, [plugin]);
}

/** The bundle with every string literal of 16+ characters (and every template) emptied. */
function withoutMessages(code) {
  const file = ts.createSourceFile('app.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
    if ((literal && node.text.length >= 16) || ts.isTemplateExpression(node))
      spans.push([node.getStart(), node.getEnd()]);
    else ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, start)}""${out.slice(end)}`;
  return out;
}

const gz = (code) => gzipSync(code).length;
const kib = (bytes) => (bytes / 1024).toFixed(2);
const shipped = await bundle();
const total = gz(shipped);
const rows = [
  ['texts: error messages and code names (strings of 16+ characters)', total - gz(withoutMessages(shipped))],
];
for (const [label, ablate] of GROUPS) rows.push([label, total - gz(await bundle(ablate))]);

/** Several groups emptied at once (their function lists merged per file). */
const merge = (...labels) => {
  const merged = {};
  for (const label of labels) {
    const group = GROUPS.find(([l]) => l.startsWith(label));
    if (!group) throw new Error(`no group ${label}`);
    for (const [file, names] of Object.entries(group[1])) merged[file] = [...(merged[file] ?? []), ...names];
  }
  return merged;
};
// What the options for the 5 KiB target would weigh: the total left, not a saving.
const REDUCED = ['durable-delivery', 'reconnect', 'strict-mode'];
const combos = [
  ['reduced profile: no reconnect, no durable hooks, no strict plumbing', merge(...REDUCED), false],
  ['the same reduced profile, every text emptied too', merge(...REDUCED), true],
  ['every feature, every text emptied', {}, true],
  ['engine alone (no browser adapter), every text emptied', merge('browser adapter'), true],
];
const left = [];
for (const [label, ablate, noTexts] of combos) {
  const code = await bundle(ablate);
  left.push([label, gz(noTexts ? withoutMessages(code) : code)]);
}

const table = [
  `The lite browser client without validators, as an app ships it: **${kib(total)} KiB** min + gzip`,
  `(${shipped.length} bytes minified). Target (issue #6): 5 KiB.`,
  '',
  '| without … | saves, gzip bytes | saves, KiB |',
  '|---|---:|---:|',
  ...rows.map(([label, bytes]) => `| ${label} | ${bytes} | ${kib(bytes)} |`),
  '',
  'Rows overlap and do not add up. What is left when several go at once (the size, not a saving):',
  '',
  '| app with … | gzip bytes | KiB |',
  '|---|---:|---:|',
  ...left.map(([label, bytes]) => `| ${label} | ${bytes} | ${kib(bytes)} |`),
  '',
  'Made by `bench/size-ablation.mjs`, ' +
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
].join('\n');
writeFileSync(join(here, 'size-ablation.md'), `# Where the client's bytes go\n\n${table}\n`);
console.log(table);
