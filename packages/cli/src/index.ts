// @ocpp-ws-io/cli — the `ocpp-ws-io` command, and runCli() to run it from code (tests, scripts).

import { replayCommand } from './commands/replay.js';
import { simulateCommand } from './commands/simulate.js';
import { testCommand } from './commands/test.js';
import { HELP } from './help.js';
import { type CliIo, processIo, UsageError } from './io.js';

export type { CliIo } from './io.js';

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = {
  test: testCommand,
  simulate: simulateCommand,
  replay: replayCommand,
};

/**
 * Runs the CLI with `argv` (without the program name) and resolves with the exit code: 0 success,
 * 1 a failed case / a difference / no station booted, 2 bad usage.
 *
 * @example
 * ```ts
 * const code = await runCli(['test', 'ws://127.0.0.1:9000/ocpp', '--cases', 'TC_001_CSMS']);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write('0.1.0\n');
    return 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command ${command} (test, simulate or replay)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(HELP);
      return 0;
    }
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`ocpp-ws-io: ${error.message}\nRun ocpp-ws-io --help for the options.\n`);
      return 2;
    }
    io.stderr.write(`ocpp-ws-io: ${(error as Error)?.stack ?? error}\n`);
    return 1;
  }
}
