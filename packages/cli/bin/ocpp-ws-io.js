#!/usr/bin/env node
// The `ocpp-ws-io` command. Kept outside dist/ so the built modules need no shebang.
import { runCli } from '../dist/index.js';

process.exitCode = await runCli(process.argv.slice(2));
