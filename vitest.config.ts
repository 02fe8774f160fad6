import { defineConfig } from 'vitest/config';

// Tests run against sources: the `source` export condition points each workspace package at
// its src/ entry, so no build is needed for unit tests. Runtime suites (browser, Deno, workerd)
// load built bundles instead and say so in their own setup.
const conditions = ['source', 'module', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'schemas/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'playground/test/**/*.test.ts',
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
