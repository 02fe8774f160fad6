// Suites that read what the build made (dist/: packing, bundle sizes, CDN files, import side
// effects) must not pass or fail on an old build. The build is fresh when every package's dist/
// is newer than every source the build reads; the packages depend on each other's dist (the
// CDN files inline core and schemas), so any newer source makes every dist/ stale.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './pnpm.mjs';

/** The published packages, whose dist/ the root `build` script makes. */
export const BUILT_PACKAGES = [
  'packages/core',
  'packages/node',
  'packages/browser',
  'packages/deno',
  'packages/cloudflare',
  'packages/station',
  'packages/scenarios',
  'packages/cli',
  'schemas',
];

/** What the build reads besides each package's src/ and package.json. */
const BUILD_INPUTS = [
  'rollup.package.mjs',
  'schemas/rollup.config.mjs',
  'packages/browser/scripts/build-cdn.mjs',
  'packages/scenarios/scripts/write-schemas.mjs',
  'packages/cli/scripts/bin.mjs',
];

/** The newest file under `path` (a file or a directory, node_modules skipped): [mtime, path]. */
function newest(path) {
  let best = [0, path];
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return best;
  }
  if (!stat.isDirectory()) return [stat.mtimeMs, path];
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    const found = newest(join(path, entry));
    if (found[0] > best[0]) best = found;
  }
  return best;
}

/**
 * Why the built dist/ of `packages` cannot be trusted — one is missing, or a source the build
 * reads changed after it was made — or undefined when the build is fresh.
 */
export function staleBuild(packages = BUILT_PACKAGES) {
  const sources = [
    ...BUILT_PACKAGES.flatMap((p) => [join(p, 'src'), join(p, 'package.json')]),
    ...BUILD_INPUTS,
  ].map((p) => newest(join(ROOT, p)));
  const [sourceTime, sourcePath] = sources.reduce((a, b) => (b[0] > a[0] ? b : a));
  for (const pkg of packages) {
    const [builtTime] = newest(join(ROOT, pkg, 'dist'));
    if (builtTime === 0) return `${pkg}/dist is missing`;
    if (builtTime < sourceTime)
      return `${pkg}/dist is older than ${relative(ROOT, sourcePath)} (changed after the last build)`;
  }
  return undefined;
}

/** Throws, saying what to run, when {@link staleBuild} finds the build stale. */
export function assertFreshBuild(packages = BUILT_PACKAGES) {
  const problem = staleBuild(packages);
  if (problem)
    throw new Error(
      `${problem}: run \`node scripts/pnpm.mjs run build\` first (npm test builds before testing)`,
    );
}
