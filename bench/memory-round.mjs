// The memory measurement shared by run.mjs (the reported figure) and memory-probe.mjs (its
// investigation mode): a CSMS in one process (--expose-gc) and N idle stations in another,
// talking over stdin/stdout in JSON lines.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Reads a child's stdout as JSON lines: each call of the returned function awaits the next one. */
export function lines(child) {
  let buffer = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c) => {
    buffer += c;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      waiters.shift()?.(JSON.parse(line));
      nl = buffer.indexOf('\n');
    }
  });
  return () => new Promise((r) => waiters.push(r));
}

/** `stations` idle stations of `subject` connecting to `url`, in a process of their own. */
export function spawnClients(subject, url, stations) {
  return spawn(
    process.execPath,
    [join(here, 'worker.mjs'), 'memory-clients', subject, url, String(stations)],
    { cwd: here, stdio: ['pipe', 'pipe', 'inherit'] },
  );
}

/**
 * One round: the CSMS's memory after `global.gc()`, before and after the stations connect;
 * returns bytes per station of heap (heapUsed + external + arrayBuffers) and of RSS.
 */
export async function memoryRound(subject, stations) {
  const server = spawn(
    process.execPath,
    ['--expose-gc', join(here, 'worker.mjs'), 'memory-server', subject],
    { cwd: here, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const nextServer = lines(server);
  const { url } = await nextServer();
  server.stdin.write('sample\n');
  const base = await nextServer();
  const clients = spawnClients(subject, url, stations);
  const { connected } = await lines(clients)();
  server.stdin.write('sample\n');
  const loaded = await nextServer();
  clients.stdin.end();
  server.stdin.write('exit\n');
  await Promise.all([new Promise((r) => clients.on('exit', r)), new Promise((r) => server.on('exit', r))]);
  return { heap: (loaded.heap - base.heap) / connected, rss: (loaded.rss - base.rss) / connected };
}
