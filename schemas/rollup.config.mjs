// The shared library config (../rollup.package.mjs), with one change: each entry is bundled into a
// single file instead of one file per source module. A whole version is ~90 generated modules, and
// loading them one by one cost Node ~25-45 ms at cold start; one file per version loads in a few ms.
// Per-action tree-shaking is unaffected: every generated constant is a /* @__PURE__ */ expression in
// a side-effect-free package, so bundlers drop unused actions inside the file (see tree-shaking test).
import base from '../rollup.package.mjs';

export default {
  ...base,
  output: {
    ...base.output,
    preserveModules: false,
    preserveModulesRoot: undefined,
    chunkFileNames: 'shared/[name].js',
  },
};
