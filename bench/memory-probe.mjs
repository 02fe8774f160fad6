#!/usr/bin/env node
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { lines, median, memoryRound, spawnClients } from './memory-round.mjs';
import { startServer } from './subjects.mjs';

const [mode = 'rounds', ...args] = process.argv.slice(2);

async function rounds() {
  const n = Number(args[0] ?? 3);
  const stations = Number(args[1] ?? 3000);
  const subjects = (args[2] ?? 'ws,ours').split(',');
  const results = Object.fromEntries(subjects.map((s) => [s, []]));
  for (let r = 0; r < n; r++) {
    const order = subjects.map((_, i) => subjects[(i + r) % subjects.length]);
    for (const s of order) results[s].push((await memoryRound(s, stations)).heap);
  }
  for (const s of subjects)
    console.log(
      `${s.padEnd(9)} ${(median(results[s]) / 1024).toFixed(2)} KiB/station  rounds: ${results[s]
        .map((b) => (b / 1024).toFixed(2))
        .join(' ')}`,
    );
  if (results.ws && results.ours)
    console.log(`ours / ws = ${(median(results.ours) / median(results.ws)).toFixed(2)}×`);
}

/**
 * Self size and count per group of a heap snapshot. A group is (type, name) of the node, or with
 * `byOwner` also the constructor name of one of its retainers and the edge name, e.g.
 * `object Object <- StationConnection.handshake`, to tell which connection part owns a node.
 */
function summarize(file, byOwner) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const meta = snap.snapshot.meta;
  const fields = meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const edgeCountAt = fields.indexOf('edge_count');
  const types = meta.node_types[typeAt];
  const efields = meta.edge_fields;
  const ewidth = efields.length;
  const etypeAt = efields.indexOf('type');
  const enameAt = efields.indexOf('name_or_index');
  const etoAt = efields.indexOf('to_node');
  const etypes = meta.edge_types[etypeAt];
  const { nodes, edges, strings } = snap;
  const label = (i) => {
    const type = types[nodes[i + typeAt]];
    let name = strings[nodes[i + nameAt]];
    // Strings and numbers are named by their content: group them by type only.
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (name.length > 60) name = `${name.slice(0, 57)}...`;
    return `${type}\t${name}`;
  };
  // owner[node] = "<retainer label>.<edge name>" of the first non-weak retainer seen.
  const owner = byOwner ? new Array(nodes.length / width) : undefined;
  if (byOwner) {
    let e = 0;
    for (let i = 0; i < nodes.length; i += width) {
      const from = `${strings[nodes[i + nameAt]].slice(0, 40)}`;
      for (let k = nodes[i + edgeCountAt]; k > 0; k--, e += ewidth) {
        const etype = etypes[edges[e + etypeAt]];
        if (etype === 'weak' || etype === 'shortcut') continue;
        const to = edges[e + etoAt] / width;
        if (owner[to] !== undefined) continue;
        const ename =
          etype === 'element' || etype === 'hidden' ? `[${etype}]` : String(strings[edges[e + enameAt]]);
        owner[to] = `${from}.${ename.slice(0, 30)}`;
      }
    }
  }
  const groups = new Map();
  for (let i = 0; i < nodes.length; i += width) {
    const key = byOwner ? `${label(i)}  <- ${owner[i / width] ?? '?'}` : label(i);
    const g = groups.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += nodes[i + sizeAt];
    groups.set(key, g);
  }
  return groups;
}

async function snapshot() {
  const subject = args[0] ?? 'ours';
  const stations = Number(args[1] ?? 1000);
  const top = Number(args[2] ?? 40);
  const byOwner = args.includes('--owners');
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  const server = await startServer(subject);
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 3; i++) global.gc();
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  };
  // A first station warms up lazily created, shared state (validators, JIT) so the difference
  // below is what every further connection costs.
  const warm = spawnClients(subject, server.url, 1);
  await lines(warm)();
  const before = await settle();
  const baseFile = writeHeapSnapshot(join(tmpdir(), `probe-${subject}-base.heapsnapshot`));
  const clients = spawnClients(subject, server.url, stations);
  const { connected } = await lines(clients)();
  const after = await settle();
  const loadedFile = writeHeapSnapshot(join(tmpdir(), `probe-${subject}-loaded.heapsnapshot`));
  clients.stdin.end();
  warm.stdin.end();
  await server.close();

  const per = (a, b) => ((b - a) / connected).toFixed(0);
  console.log(
    `${subject}: ${connected} stations; per station heapUsed ${per(before.heapUsed, after.heapUsed)} B, ` +
      `external ${per(before.external, after.external)} B, arrayBuffers ${per(before.arrayBuffers, after.arrayBuffers)} B, ` +
      `sum ${per(before.heapUsed + before.external + before.arrayBuffers, after.heapUsed + after.external + after.arrayBuffers)} B`,
  );
  const a = summarize(baseFile, byOwner);
  const b = summarize(loadedFile, byOwner);
  if (!process.env.KEEP) {
    rmSync(baseFile);
    rmSync(loadedFile);
  }
  const rows = [];
  let total = 0;
  for (const [key, g] of b) {
    const g0 = a.get(key) ?? { count: 0, size: 0 };
    const size = (g.size - g0.size) / connected;
    const count = (g.count - g0.count) / connected;
    total += size;
    rows.push({ key, size, count });
  }
  rows.sort((x, y) => y.size - x.size);
  console.log(`JS heap (snapshot) difference per station: ${total.toFixed(0)} B`);
  console.log('bytes/stn  objs/stn  type\tname');
  for (const r of rows.slice(0, top))
    console.log(`${r.size.toFixed(1).padStart(9)}  ${r.count.toFixed(2).padStart(8)}  ${r.key}`);
  process.exit(0);
}

await { rounds, snapshot }[mode]();
