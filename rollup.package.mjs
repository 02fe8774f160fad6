// Shared rollup config for every library package: run from the package directory.
// ESM only, one output file per source module (preserveModules) so bundlers can tree-shake
// per action; every dependency stays external. Declarations come from `tsc` (tsconfig.build.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';

const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies });
const isExternal = (id) =>
  id.startsWith('node:') ||
  id.startsWith('cloudflare:') ||
  deps.some((d) => id === d || id.startsWith(`${d}/`));

export default {
  input: pkg.rollupInput ?? { index: 'src/index.ts' },
  external: isExternal,
  plugins: [esbuild({ target: 'es2022', tsconfig: join(process.cwd(), 'tsconfig.build.json') })],
  output: {
    dir: 'dist',
    format: 'esm',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: '[name].js',
  },
  treeshake: { moduleSideEffects: false },
};
