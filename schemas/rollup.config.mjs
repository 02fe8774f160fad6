// The shared library config (../rollup.package.mjs), with two changes, both for cold start:
// - Each entry is bundled into a single file instead of one file per source module. A whole
//   version is ~90 generated modules, and loading them one by one cost Node ~25-45 ms at cold
//   start; one file per version loads in a few ms. Per-action tree-shaking is unaffected: every
//   generated constant is a /* @__PURE__ */ expression in a side-effect-free package, so bundlers
//   drop unused actions inside the file (see tree-shaking test).
// - The few valibot functions the runtime uses are bundled (tree-shaken, ~10 KB) into
//   dist/shared/runtime.js instead of importing valibot's whole entry (~200 KB, ~5 ms to load).
//   The schemas stay valibot schemas (same objects, `kind`/`type`/`~run`/`~standard`), usable with
//   the application's own valibot. `valibot` stays a dependency, pinned to the bundled version,
//   for the types in dist/*.d.ts. What the application's valibot cannot reach is the bundled
//   copy's message store: `setGlobalMessage`/`setSchemaMessage`/`setSpecificMessage` (i18n) do not
//   apply to issues raised by these schemas; the config passed to `parse`/`safeParse` (lang,
//   abortEarly, message) does.
import base from '../rollup.package.mjs';

const valibot = new URL(import.meta.resolve('valibot')).pathname;

export default {
  ...base,
  external: (id) => id !== 'valibot' && base.external(id),
  plugins: [
    { name: 'bundle-valibot', resolveId: (id) => (id === 'valibot' ? valibot : null) },
    ...base.plugins,
  ],
  output: {
    ...base.output,
    preserveModules: false,
    preserveModulesRoot: undefined,
    chunkFileNames: 'shared/[name].js',
  },
};
