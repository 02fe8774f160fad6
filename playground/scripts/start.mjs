#!/usr/bin/env node
// `npm start` (via scripts/run.mjs): the demo CSMS (the Cloudflare Worker example under
// `wrangler dev`, i.e. workerd on 127.0.0.1) and the playground's Vite dev server, wired together:
// the page defaults to the local CSMS. Preferred ports 8787 / 5173; when one is taken, a free port
// is used instead and printed, so a second copy or another dev server never blocks the demo.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDevVars } from '../../examples/cloudflare-csms/scripts/dev-vars.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const exampleDir = join(root, '..', 'examples', 'cloudflare-csms');

/** `preferred` if it is free on 127.0.0.1, otherwise any free port. */
function pickPort(preferred) {
  const tryListen = (port) =>
    new Promise((resolve, reject) => {
      const srv = createNetServer()
        .once('error', reject)
        .listen(port, '127.0.0.1', () => {
          const chosen = srv.address().port;
          srv.close(() => resolve(chosen));
        });
    });
  return tryListen(preferred).catch(() => tryListen(0));
}

// The example's start script writes .dev.vars on its first run; say so below when it does.
const devVarsExisted = existsSync(join(exampleDir, '.dev.vars'));
const csmsPort = await pickPort(Number(process.env.CSMS_PORT) || 8787);
const webPort = await pickPort(Number(process.env.PLAYGROUND_PORT) || 5173);

// The Worker, through the example's own start script (as a user of the example runs it).
const worker = spawn(process.execPath, ['scripts/start.mjs', '--port', String(csmsPort)], {
  cwd: exampleDir,
  env: { ...process.env, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
  // Own process group: stopping it reaches wrangler's workerd child too.
  detached: true,
});
let workerLog = '';
/** Whether any process of the worker's group is still alive (wrangler exits before workerd does). */
const groupAlive = () => {
  try {
    process.kill(-worker.pid, 0);
    return true;
  } catch {
    return false;
  }
};
const signalWorker = (signal) => {
  try {
    process.kill(-worker.pid, signal);
  } catch {
    // Already gone.
  }
};
/** @type {import('vite').ViteDevServer | undefined} */
let vite;
let stopping = false;
// Ctrl+C: stop the Worker's whole process group and wait until it is gone (so the CSMS port is
// free when the command returns), close Vite, exit 0. A group still alive after 5 s is killed.
async function stopAll() {
  if (stopping) return;
  stopping = true;
  worker.removeAllListeners('exit');
  signalWorker('SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive()) {
    if (Date.now() > deadline) {
      signalWorker('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await vite?.close().catch(() => {});
  process.exit(0);
}
// Last resort if this process ends another way (an exception): no orphaned workerd.
process.on('exit', () => signalWorker('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll());

await new Promise((resolve, reject) => {
  const timer = setTimeout(
    () => reject(new Error(`The demo CSMS did not start in 60 s:\n${workerLog}`)),
    60_000,
  );
  const onData = (chunk) => {
    workerLog += chunk;
    if (/Ready on http/.test(workerLog)) {
      clearTimeout(timer);
      resolve();
    }
  };
  worker.stdout.on('data', onData);
  worker.stderr.on('data', onData);
  worker.once('exit', (code) => {
    clearTimeout(timer);
    reject(new Error(`The demo CSMS exited (${code}):\n${workerLog}`));
  });
}).catch((error) => {
  console.error(`✖ ${error.message}`);
  process.exit(1);
});
// From here on: the demo CSMS's own log lines (one per connection, disconnection and refusal, with
// the identity and the reason: wrong password, unknown path, no common subprotocol…) and the
// Worker's errors; wrangler's request lines and start-up chatter stay out.
worker.stdout.removeAllListeners('data');
worker.stderr.removeAllListeners('data');
const CSMS_LINE = /\[(csms|auth|config)\]/;
const NOISE = /Request\.cf|workers\.cloudflare\.com|getaddrinfo/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape character is the point.
const ANSI = /\x1b\[[0-9;]*m/g;
const passLines = (out) => {
  let rest = '';
  return (chunk) => {
    const lines = (rest + String(chunk)).split('\n');
    rest = lines.pop() ?? '';
    // wrangler colours console.warn lines even with NO_COLOR; a log file should not get the codes.
    for (const line of lines.map((l) => l.replace(ANSI, ''))) {
      if (CSMS_LINE.test(line)) out.write(`  csms │ ${line.slice(line.search(CSMS_LINE))}\n`);
      else if (/error/i.test(line) && !NOISE.test(line)) out.write(`${line}\n`);
    }
  };
};
worker.stdout.on('data', passLines(process.stdout));
worker.stderr.on('data', passLines(process.stderr));
worker.once('exit', (code) => {
  console.error(`✖ The demo CSMS stopped (${code}).`);
  process.exit(1);
});

// The Worker's development secrets, from the .dev.vars its start script wrote (or the user's own).
const devVars = readDevVars(exampleDir);
// Vite exposes VITE_* variables of the environment to the page (import.meta.env).
process.env.VITE_CSMS_URL = `ws://127.0.0.1:${csmsPort}/ocpp`;
if (devVars.API_TOKEN) process.env.VITE_CSMS_API_TOKEN = devVars.API_TOKEN;
const { createServer } = await import('vite');
vite = await createServer({
  root,
  configFile: join(root, 'vite.config.ts'),
  server: { port: webPort, strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
});
await vite.listen();

const csms = `http://127.0.0.1:${csmsPort}`;
// The token goes in the fragment: the admin page reads it there, and browsers never send it.
const adminUrl = devVars.API_TOKEN ? `${csms}/#token=${encodeURIComponent(devVars.API_TOKEN)}` : `${csms}/`;
const stationAuth = devVars.ENROLMENT_SECRET
  ? `new identities enrol with password ${devVars.ENROLMENT_SECRET} (Basic auth or ?token=)`
  : 'no ENROLMENT_SECRET: set credentials with PUT /api/stations/<identity>/credential';
console.log(`
  ⚡ ocpp-ws-io playground is running

  Playground (the virtual charging station)   http://127.0.0.1:${webPort}/
  Test a CSMS (the OCTT cases, in the page)   http://127.0.0.1:${webPort}/test-csms.html
  Demo CSMS admin page (Worker in workerd)    ${adminUrl}
  OCPP endpoint for any station               ws://127.0.0.1:${csmsPort}/ocpp/<identity>
                                              ${stationAuth}
  Development secrets (wrangler dev only)     ${join(exampleDir, '.dev.vars')}${devVarsExisted ? '' : ' (written now)'}

  Open the playground, press Connect, plug in a car and present an idTag.
  The demo CSMS logs each connection and each refusal below (csms │ …). Ctrl+C stops both.
`);
