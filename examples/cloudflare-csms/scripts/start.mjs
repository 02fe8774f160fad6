#!/usr/bin/env node
// `npm start` / `pnpm start`: runs `wrangler dev` on 127.0.0.1 (arguments are passed through).
//
// The Worker refuses stations and its API without its secrets, and none is in wrangler.jsonc
// (its `vars` would deploy). So on the first start this writes .dev.vars with development values
// (scripts/dev-vars.mjs) and says so; an existing .dev.vars is left as it is, and `--env-file`
// means the caller brings its own values.
//
// Inside the ocpp-ws-io monorepo, @ocpp-ws-io/cloudflare is a workspace link whose dist/ may not
// be built: there we add the `source` export condition so wrangler bundles the packages' src/
// directly. A copied project installs the published package, whose `source` files are not in the
// tarball, so the condition is only added for a link outside node_modules.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_VARS, ensureDevVars } from './dev-vars.mjs';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(here, 'package.json'));
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const pkg = realpathSync(dirname(require.resolve('@ocpp-ws-io/cloudflare/package.json')));
if (!pkg.split(sep).includes('node_modules')) {
  env.WRANGLER_BUILD_CONDITIONS = 'source,workerd,worker,browser';
}
const args = process.argv.slice(2);
if (!args.some((a) => a === '--env-file' || a.startsWith('--env-file=')) && ensureDevVars(here)) {
  console.log(
    `Wrote .dev.vars with development values (${Object.keys(DEV_VARS).join(', ')}): read by wrangler dev only, never deployed.`,
  );
}
// wrangler's devtools inspector defaults to 127.0.0.1:9229 for every `wrangler dev`: a second one
// (your own Worker, a test, another clone) started at the same moment dies with "Address already
// in use (127.0.0.1:9229)". A port the system just handed out avoids that, unless one is given.
if (!args.some((a) => a === '--inspector-port' || a.startsWith('--inspector-port='))) {
  const port = await new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
  });
  args.push('--inspector-port', String(port));
}
const wrangler = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const child = spawn(process.execPath, [wrangler, 'dev', '--ip', '127.0.0.1', ...args], {
  cwd: here,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
