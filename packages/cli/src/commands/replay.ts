// `ocpp-ws-io replay <trace.jsonl> <csms-url>`: the recorded station against a live CSMS; the
// differences on stdout; exit code 1 when there are any.

import { readFile, writeFile } from 'node:fs/promises';
import { nodeConnector } from '@ocpp-ws-io/node';
import { parseTrace, replayTrace, TraceFormatError } from '@ocpp-ws-io/scenarios';
import { type CliIo, UsageError } from '../io.js';
import { csmsUrl, parse, positive } from '../options.js';

export async function replayCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    identity: { type: 'string' },
    as: { type: 'string' },
    password: { type: 'string' },
    timeout: { type: 'string' },
    pace: { type: 'string' },
    json: { type: 'string' },
  });
  const [file, url, ...rest] = positionals;
  if (!file) throw new UsageError('replay needs <trace.jsonl> <csms-url>');
  if (rest.length > 0)
    throw new UsageError(`replay takes <trace.jsonl> <csms-url>, got more: ${rest.join(' ')}`);
  const endpoint = csmsUrl(url);
  if (values.pace !== undefined && values.pace !== 'recorded' && values.pace !== 'asap')
    throw new UsageError(`--pace must be recorded or asap, got ${values.pace}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let lines: ReturnType<typeof parseTrace>;
  try {
    lines = parseTrace(text);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const password = values.password ?? io.env.OCPP_PASSWORD;
  const report = await replayTrace(lines, {
    endpoint,
    connector: nodeConnector(),
    ...(values.identity ? { identity: values.identity } : {}),
    ...(values.as ? { asIdentity: values.as } : {}),
    ...(password === undefined ? {} : { password }),
    answerTimeoutMs: positive(values.timeout, '--timeout', 30_000),
    ...(values.pace ? { pace: values.pace as 'asap' | 'recorded' } : {}),
    onCall: ({ index, action, differences }) =>
      io.stderr.write(`#${index} ${action}${differences ? ` — ${differences} difference(s)` : ''}\n`),
  });
  for (const d of report.differences) io.stdout.write(`#${d.index} ${d.message}\n`);
  io.stdout.write(
    `${report.calls} calls of ${report.identity} replayed (${report.protocol}): ${report.differences.length} difference(s)\n`,
  );
  const { recorded, live } = report.csmsCalls;
  if (recorded.join() !== live.join())
    io.stdout.write(
      `The CSMS called ${live.join(', ') || 'nothing'}; in the recording ${recorded.join(', ') || 'nothing'} (not compared)\n`,
    );
  if (values.json) {
    const { trace: _trace, ...rest } = report;
    await writeFile(values.json, `${JSON.stringify(rest, null, 2)}\n`);
  }
  return report.differences.length > 0 ? 1 : 0;
}
