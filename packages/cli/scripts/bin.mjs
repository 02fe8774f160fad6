#!/usr/bin/env node
// After the build: dist/bin.js, the `ocpp-ws-io` command — a shebang and a call of runCli, kept
// out of the bundled modules (rollup does not carry a shebang through) and executable.
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
writeFileSync(
  bin,
  "#!/usr/bin/env node\nimport { runCli } from './index.js';\n\nprocess.exitCode = await runCli(process.argv.slice(2));\n",
);
chmodSync(bin, 0o755);
