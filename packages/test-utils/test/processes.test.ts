import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startUntilReady } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'test-utils-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a child script; it records its pid, so the test can tell whether it still runs. */
const script = (name: string, body: string) => {
  writeFileSync(
    join(dir, name),
    `require('node:fs').writeFileSync(${JSON.stringify(join(dir, `${name}.pid`))}, String(process.pid));\n${body}`,
  );
  return name;
};
/** Whether the child runs. A child still starting up (no pid file yet) gets 2 s to write it. */
const alive = async (name: string) => {
  const file = join(dir, `${name}.pid`);
  for (let i = 0; i < 40 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(file)) return false; // it never ran its first line, and stop() saw it exit
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startUntilReady', () => {
  it('resolves once the output says ready, and stop() ends the child', async () => {
    const name = script(
      'ready.cjs',
      "setTimeout(() => console.error('Ready on http://x'), 50); setInterval(() => {}, 1000);",
    );
    const child = await startUntilReady([name], { cwd: dir, ready: /Ready on http/, withinMs: 10_000 });
    expect(await alive(name)).toBe(true);
    await child.stop();
    expect(await alive(name)).toBe(false);
  });

  it('fails with the output when the child exits before it is ready', async () => {
    const name = script('exits.cjs', "console.log('config missing'); process.exit(3);");
    await expect(startUntilReady([name], { cwd: dir, ready: /Ready/, withinMs: 10_000 })).rejects.toThrow(
      /exited \(3\):\nconfig missing/,
    );
  });

  it('fails after withinMs and leaves no child behind', async () => {
    const name = script('silent.cjs', 'setInterval(() => {}, 1000);');
    await expect(startUntilReady([name], { cwd: dir, ready: /Ready/, withinMs: 1_500 })).rejects.toThrow(
      /not ready in 1500 ms/,
    );
    expect(await alive(name)).toBe(false);
  });
});

describe('freePort', () => {
  it('gives a port that a server can then listen on, on 127.0.0.1', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
    await new Promise<void>((ok) => server.close(() => ok()));
  });
});
