#!/usr/bin/env node
// `pnpm docs`: one static site in docs/dist/ (git-ignored) — the guides in docs/ as typedoc
// project documents plus the API reference of every package (typedoc.json). Offline. Fails when
// typedoc warns (unresolved {@link}s and relative links in the guides are warnings, made errors
// by typedoc.json) and when any page of the output links to a local file or #anchor that does not
// exist. The packages must be built (their dist/ types resolve cross-package references): when
// a dist/ is missing or older than the sources, this builds first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { staleBuild } from './fresh-build.mjs';
import { pnpmSync, ROOT as root } from './pnpm.mjs';

const outIndex = process.argv.indexOf('--out');
const out = resolve(root, outIndex > 0 ? process.argv[outIndex + 1] : 'docs/dist');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (staleBuild()) {
  const built = pnpmSync(['run', 'build']);
  if (built.status !== 0) process.exit(built.status ?? 1);
}

run(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out]);

// Link check over the generated HTML: every href/src that is not an absolute URL must name an
// existing file, and a #fragment must be an id (or name) in the target page.
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(out);
const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file);
};
const broken = [];
let checked = 0;
for (const file of files.filter((f) => f.endsWith('.html'))) {
  const html = readFileSync(file, 'utf8');
  for (const [, link] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue; // https:, mailto:, data:, …
    checked++;
    const [path, fragment] = link.split('#');
    const target = path ? resolve(dirname(file), decodeURI(path)) : file;
    if (!existsSync(target)) broken.push(`${relative(out, file)} → ${link} (no such file)`);
    else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment)))
      broken.push(`${relative(out, file)} → ${link} (no such anchor)`);
  }
}
if (broken.length) {
  console.error(`✖ ${broken.length} broken link(s):\n  ${[...new Set(broken)].slice(0, 50).join('\n  ')}`);
  process.exit(1);
}
console.log(
  `✓ docs in ${relative(root, out)}: ${files.length} files, ${checked} local links checked, none broken`,
);
