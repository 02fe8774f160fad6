import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1, for servers that cannot be told to pick one themselves. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

/** Options for {@link startUntilReady}. */
export interface StartUntilReadyOptions {
  /** Working directory of the child. */
  cwd: string;
  /** Output (stdout or stderr) that means the child is ready. */
  ready: RegExp;
  /** How long it may take to say so before start fails with what it printed. */
  withinMs: number;
}

/** A child process started by {@link startUntilReady}. */
export interface ReadyProcess {
  /** Stops the child and everything it started (SIGTERM, SIGKILL after 5 s); resolves on exit. */
  stop(): Promise<void>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
}

/**
 * Runs a Node script (`node <args>`) the way a user would from a shell, in its own process group
 * so that stop() also reaches what it spawns (wrangler's workerd child, for one), and resolves
 * once its output matches `ready`. Fails, with the output so far, if it exits first or is not
 * ready within `withinMs`.
 */
export async function startUntilReady(
  args: string[],
  options: StartUntilReadyOptions,
): Promise<ReadyProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid, 'SIGTERM');
      setTimeout(() => {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }, 5_000).unref();
    });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${args.join(' ')} not ready in ${options.withinMs} ms:\n${output}`)),
        options.withinMs,
      );
      const onData = (d: Buffer) => {
        output += d.toString();
        if (options.ready.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`));
      });
    });
  } catch (error) {
    await stop(); // a child that timed out must not outlive the test
    throw error;
  }
  return { stop, output: () => output };
}
