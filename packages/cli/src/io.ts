// Where the CLI writes, and what it reads from its environment: process streams by default,
// anything with `write` in tests.

/**
 * The CLI's outside world.
 *
 * @example
 * ```ts
 * const code = await runCli(['test', url], { stdout: process.stdout, stderr: process.stderr, env: process.env } satisfies CliIo);
 * ```
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops a long-running command (simulate) the way Ctrl+C does. */
  readonly signal?: AbortSignal;
}

/** A command line that cannot be run: exit code 2 and the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The process's streams and environment; Ctrl+C (SIGINT) and SIGTERM abort the signal. */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal };
}
