#!/usr/bin/env node
// Runs the hand-written mutants (scripts/mutants-catalogue.mjs): for each, the rule's source text
// is broken on purpose and the tests that guard the rule must fail. Slow (one vitest run per
// mutant), so not part of `npm test`:
//   node scripts/mutants.mjs            every mutant
//   node scripts/mutants.mjs 3 7        only these (numbers as --list shows them)
//   node scripts/mutants.mjs --list     the catalogue
//
// It never touches this checkout's sources. It mutates a temporary git worktree of what is checked
// out here (HEAD, plus uncommitted changes and untracked files copied in), whose node_modules reach
// this checkout's installed packages, and it removes the worktree when it ends, also on Ctrl-C. A
// run killed harder than that leaves a directory in the temp dir, never a mutated source, and the
// next run removes it. The worktree has no build: suites that read dist/ are left out (they test
// the build, which no mutant changes).
//
// Honest counting: first a baseline — the test sets of the chosen mutants, unmutated, must be
// green, or nothing is counted. Then a mutant is "killed" only when a test fails (vitest's JSON
// report says so); a run in which no test could run (a suite failed to load, the runner crashed)
// is "NO RUN", neither killed nor survived.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { MUTANTS } from './mutants-catalogue.mjs';
import { ROOT } from './pnpm.mjs';

const PREFIX = 'ocpp-mutants-';
/** Suites that read the built dist/ (no mutant changes it; the worktree has none). */
const BUILD_READERS = ['**/hygiene.test.ts', '**/pack.test.ts', '**/size.test.ts', '**/cdn.test.ts'];

if (process.argv.includes('--list')) {
  for (const [i, [file, , , rule]] of MUTANTS.entries()) console.log(`${i} ${rule}  (${file})`);
  process.exit(0);
}
const only = process.argv.slice(2).map(Number);
const chosen = [...MUTANTS.entries()].filter(([i]) => only.length === 0 || only.includes(i));

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** Worktrees earlier runs could not remove (killed hard): ours, known by their directory name. */
function removeLeftovers() {
  for (const line of git('worktree', 'list', '--porcelain').split('\n')) {
    const path = line.startsWith('worktree ') ? line.slice(9) : '';
    if (!basename(dirname(path)).startsWith(PREFIX)) continue;
    try {
      git('worktree', 'remove', '--force', path);
    } catch {
      // Its directory is gone already.
    }
    rmSync(dirname(path), { recursive: true, force: true });
  }
}

/**
 * Makes `dir`'s node_modules reach this checkout's: the root's entries are linked (third-party
 * packages, the same for both), and each workspace package's node_modules is rebuilt from its
 * links, which are relative — so `@ocpp-ws-io/core` in the worktree is the worktree's (mutated)
 * core, never this checkout's. Caches and tool state are not shared.
 */
function linkNodeModules(dir) {
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (/^\.(pnpm-|vite|cache)/.test(entry) || entry === '.modules.yaml') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  const workspaces = ['packages', 'examples'].flatMap((group) =>
    readdirSync(join(ROOT, group)).map((name) => join(group, name)),
  );
  for (const ws of [...workspaces, 'schemas', 'bench', 'playground']) {
    const from = join(ROOT, ws, 'node_modules');
    if (existsSync(from) && existsSync(join(dir, ws))) copyLinks(from, join(dir, ws, 'node_modules'));
  }
}

/** Recreates `from`'s symlinks in `to` as they are (relative stays relative); real directories are linked. */
function copyLinks(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), join(to, entry));
    else if (entry.startsWith('@')) copyLinks(source, join(to, entry));
    else if (stat.isDirectory()) symlinkSync(source, join(to, entry));
  }
}

/** What one vitest run of `tests` in `dir` says: counts from its JSON report, or why there is none. */
function runTests(dir, tests) {
  const report = join(dir, 'mutant-report.json');
  rmSync(report, { force: true });
  const run = spawnSync(
    process.execPath,
    [
      join(dir, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...tests,
      // Behaviour only: a type error in a mutated source is not a test that caught the rule.
      '--typecheck.enabled=false',
      ...BUILD_READERS.map((glob) => `--exclude=${glob}`),
      '--reporter=json',
      `--outputFile=${report}`,
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 900_000 },
  );
  // Ctrl-C reaches vitest too (same process group): stop here rather than judge a half run.
  if (run.status === 130 || run.signal === 'SIGINT' || run.signal === 'SIGTERM') {
    console.log('\ninterrupted: the worktree is removed, this checkout was never touched');
    process.exit(130);
  }
  if (!existsSync(report))
    return { failed: 0, passed: 0, noRun: `vitest wrote no report (${run.signal ?? `exit ${run.status}`})` };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const broken = json.testResults.find((r) => r.status === 'failed' && r.assertionResults.length === 0);
  return {
    failed: json.numFailedTests,
    passed: json.numPassedTests,
    noRun: broken ? `${broken.name}: ${(broken.message || 'did not load').split('\n')[0]}` : undefined,
  };
}

removeLeftovers();
// HEAD plus the uncommitted changes to tracked files, as a commit object (the stash list is untouched).
const commit = git('stash', 'create') || git('rev-parse', 'HEAD');
const untracked = git('ls-files', '--others', '--exclude-standard').split('\n').filter(Boolean);
const dir = join(mkdtempSync(join(tmpdir(), PREFIX)), 'tree');
let cleaned = false;
const cleanUp = () => {
  if (cleaned) return;
  cleaned = true;
  try {
    git('worktree', 'remove', '--force', dir);
  } catch {
    // Not created yet, or already gone.
  }
  rmSync(join(dir, '..'), { recursive: true, force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}
git('worktree', 'add', '--detach', dir, commit);
for (const file of untracked) {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  copyFileSync(join(ROOT, file), join(dir, file));
}
linkNodeModules(dir);
console.log(
  `mutating a worktree of ${commit.slice(0, 12)}${untracked.length ? ` + ${untracked.length} untracked files` : ''} in ${dir}\n`,
);

// Baseline: every test the chosen mutants use must pass unmutated (one run over all of them).
const paths = [...new Set(chosen.flatMap(([, [, , , , tests = ['packages/core']]]) => tests))];
const base = runTests(dir, paths);
const green = base.failed === 0 && !base.noRun && base.passed > 0;
console.log(
  `baseline ${green ? 'green' : 'RED'}: ${base.passed} passed, ${base.failed} failed (${paths.join(' ')})\n`,
);
if (!green) {
  console.log(base.noRun ?? 'fix the failing tests first: a mutant cannot be judged against a red suite');
  process.exit(2);
}

const survivors = [];
const noRuns = [];
for (const [i, [file, from, to, rule, tests = ['packages/core']]] of chosen) {
  const path = join(dir, file);
  const original = readFileSync(path, 'utf8');
  if (original.split(from).length !== 2) {
    console.log(`${i} STALE  ${file}: the text to mutate is not there exactly once — move the mutant`);
    survivors.push(i);
    continue;
  }
  writeFileSync(
    path,
    original.replace(from, () => to),
  );
  let result;
  try {
    result = runTests(dir, tests);
  } finally {
    writeFileSync(path, original);
  }
  if (result.failed > 0) console.log(`${i} killed    ${rule}  (${result.failed} failing; ${file})`);
  else if (result.noRun) {
    noRuns.push(i);
    console.log(`${i} NO RUN    ${rule}  (${file}): ${result.noRun}`);
  } else {
    survivors.push(i);
    console.log(`${i} SURVIVED  ${rule}  (${file})`);
  }
}
console.log(
  survivors.length || noRuns.length
    ? `\nsurvived or stale: ${survivors.join(' ') || '-'}; no run: ${noRuns.join(' ') || '-'}`
    : '\nevery mutant was killed',
);
process.exitCode = survivors.length || noRuns.length ? 1 : 0;
