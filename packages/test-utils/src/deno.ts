import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

let cachedDenoPath: string | undefined;

/**
 * Absolute path of the Deno binary shipped by the `deno` npm package (pinned devDependency).
 *
 * Order: `DENO_BIN` env override; `node_modules/deno/deno` (the hard link its postinstall makes,
 * which needs `deno: true` in pnpm's `allowBuilds`); else the package's own resolver
 * (`install_api.cjs`), which finds the binary in the platform package `@deno/<os>-<arch>` even
 * when the postinstall did not run. Never `node_modules/.bin/deno`: that is a Node wrapper and
 * would add a Node start-up to every run.
 */
export function denoPath(): string {
  if (process.env.DENO_BIN) return process.env.DENO_BIN;
  if (cachedDenoPath) return cachedDenoPath;
  const pkgDir = dirname(require.resolve('deno/package.json'));
  const direct = join(pkgDir, process.platform === 'win32' ? 'deno.exe' : 'deno');
  if (existsSync(direct)) cachedDenoPath = direct;
  else cachedDenoPath = (require(join(pkgDir, 'install_api.cjs')) as { runInstall(): string }).runInstall();
  return cachedDenoPath;
}

/**
 * DENO_DIR used by every run: `packages/test-utils/node_modules/.cache/deno`, so Deno needs no
 * home directory, its cache lives (and is deleted) with node_modules, and nothing lands in git.
 */
export const DENO_DIR: string = join(packageRoot, 'node_modules', '.cache', 'deno');

/** Options shared by {@link runDeno} and {@link startDeno}. */
export interface DenoRunOptions {
  /** Script arguments (after the script path). */
  args?: string[];
  /** Extra environment variables (merged over the defaults). */
  env?: Record<string, string>;
  /** Kill after this many ms (default 20 000). */
  timeoutMs?: number;
  /** Permission flags (default `--allow-net --allow-read --allow-env`). */
  permissions?: string[];
  /**
   * Let Deno download `npm:`/`jsr:`/remote modules into {@link DENO_DIR}. Default `false`:
   * runs with `--cached-only`, so a script can never reach outside loopback.
   */
  allowDownloads?: boolean;
  /**
   * A deno.json to use (`--config`) instead of the default `--no-config`: for a script that
   * needs `nodeModulesDir`, a workspace or `imports`.
   */
  config?: string;
  cwd?: string;
}

/** Result of {@link runDeno}. */
export interface DenoRunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

function denoArgs(scriptPath: string, options: DenoRunOptions): string[] {
  return [
    'run',
    // A missing permission must fail, never wait for an answer on a TTY.
    '--no-prompt',
    // Don't pick up the monorepo's package.json / a deno.json above the script, and never write a
    // deno.lock into the work tree.
    options.config ? `--config=${options.config}` : '--no-config',
    '--no-lock',
    ...(options.allowDownloads ? [] : ['--cached-only']),
    ...(options.permissions ?? ['--allow-net', '--allow-read', '--allow-env']),
    scriptPath,
    ...(options.args ?? []),
  ];
}

function denoEnv(options: DenoRunOptions): NodeJS.ProcessEnv {
  mkdirSync(DENO_DIR, { recursive: true });
  return {
    ...process.env,
    DENO_DIR,
    // No update check against Deno's servers (no network here) and plain text output.
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    ...options.env,
  };
}

// Children still running when this process ends (a test timed out before stop(), then vitest
// stops its worker with SIGTERM) would be orphaned and keep their ports: kill them first. The
// signal handlers re-raise the signal when nobody else listens, so default termination still happens.
const liveChildren = new Set<ChildProcess>();
const killLiveChildren = () => {
  for (const child of liveChildren) child.kill('SIGKILL');
};
process.on('exit', killLiveChildren);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  const onSignal = () => {
    killLiveChildren();
    process.removeListener(signal, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on(signal, onSignal);
}

function spawnDeno(scriptPath: string, options: DenoRunOptions): ChildProcess {
  return spawnDenoArgs(denoArgs(scriptPath, options), options.cwd ?? dirname(scriptPath), options);
}

function spawnDenoArgs(args: string[], cwd: string, options: DenoRunOptions): ChildProcess {
  const child = spawn(denoPath(), args, {
    cwd,
    env: denoEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

/**
 * Runs `deno run` on a local script to completion, collecting stdout/stderr. Kills it with
 * SIGKILL after `timeoutMs` (then `timedOut` is true). Never rejects for a non-zero exit.
 */
export function runDeno(scriptPath: string, options: DenoRunOptions = {}): Promise<DenoRunResult> {
  return collect(spawnDeno(scriptPath, options), options.timeoutMs);
}

/**
 * Runs any deno subcommand (`check`, `info`, `publish`, …) with the same environment, timeout
 * and clean-up as {@link runDeno}; `args` are passed as they are (no flags added). Only `env`,
 * `timeoutMs` and `cwd` (default: this process's) of the options apply.
 */
export function runDenoCommand(
  args: string[],
  options: Pick<DenoRunOptions, 'env' | 'timeoutMs' | 'cwd'> = {},
): Promise<DenoRunResult> {
  return collect(spawnDenoArgs(args, options.cwd ?? process.cwd(), options), options.timeoutMs);
}

function collect(child: ChildProcess, timeoutMs = 20_000): Promise<DenoRunResult> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, durationMs: performance.now() - started });
    });
  });
}

/** A long-running Deno process that printed its ready line. */
export interface RunningDeno {
  /** The port from the ready line. */
  port: number;
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then SIGKILL after 2 s; resolves with the exit code/signal. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a Deno server script and resolves once its stdout has a line matching `ready`
 * (default `READY <port>`; the first capture group is the port). Rejects (and kills the process)
 * if it exits first or `timeoutMs` (default 20 000) passes, with the output in the message.
 */
export function startDeno(
  scriptPath: string,
  options: DenoRunOptions & { ready?: RegExp } = {},
): Promise<RunningDeno> {
  const ready = options.ready ?? /^READY (\d+)$/m;
  const child = spawnDeno(scriptPath, options);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    child.once('close', (code, signal) => ok({ code, signal })),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      const result = await exited;
      clearTimeout(killer);
      return result;
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${why}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
    };
    const timer = setTimeout(
      () => fail(`deno ${scriptPath}: no ready line within ${options.timeoutMs ?? 20_000} ms`),
      options.timeoutMs ?? 20_000,
    );
    child.once('error', (err) => fail(String(err)));
    void exited.then(({ code, signal }) =>
      fail(`deno ${scriptPath} exited (${code ?? signal}) before ready`),
    );
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const match = ready.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), child, stdout: () => stdout, stderr: () => stderr, stop });
      }
    });
  });
}
