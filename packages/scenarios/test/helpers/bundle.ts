// Bundles a test entry from the workspace sources (the `source` export condition) into one ES
// module for a browser page or a Deno script: what each runtime loads without a build of ours.

import { build } from 'esbuild';

export async function bundle(entry: string, platform: 'browser' | 'deno'): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: platform === 'browser' ? 'browser' : 'neutral',
    target: 'es2022',
    conditions: ['source', ...(platform === 'browser' ? ['browser'] : ['deno'])],
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
