import { defineConfig } from 'vitest/config';

// Tests run against sources: the `source` export condition points each workspace package at
// its src/ entry, so no build is needed for unit tests. Runtime suites (browser, Deno, workerd)
// load built bundles instead and say so in their own setup.
// Only `source` is added: listing 'import' here would be forwarded to Node as a condition for
// externals too, and make `require('ws')` inside CommonJS peers resolve to ws's ESM wrapper.
// The rest are Vite's own server defaults.
const conditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'schemas/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'playground/test/**/*.test.ts',
      // The repository as a whole: packing and installing what users get.
      'test/**/*.test.ts',
    ],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts', 'schemas/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
