// `ocpp-ws-io test <csms-url>`: the CSMS test suite, progress on stderr, the table on stdout,
// reports as files, exit code 1 when a case failed.

import { writeFile } from 'node:fs/promises';
import { nodeConnector } from '@ocpp-ws-io/node';
import {
  formatReportTable,
  httpCsmsControl,
  OCPP16_SUITE,
  OCPP201_SUITE,
  runSuite,
  type Suite,
  toJUnit,
} from '@ocpp-ws-io/scenarios';
import { type CliIo, UsageError } from '../io.js';
import { csmsUrl, parse, positive, protocol } from '../options.js';
import { openTraceFile } from '../trace-file.js';

const SUITES: Readonly<Record<string, Suite>> = { 'ocpp1.6': OCPP16_SUITE, 'ocpp2.0.1': OCPP201_SUITE };
const STATUS = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

export async function testCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    protocol: { type: 'string' },
    identity: { type: 'string' },
    password: { type: 'string' },
    cases: { type: 'string' },
    json: { type: 'string' },
    junit: { type: 'string' },
    trace: { type: 'string' },
    api: { type: 'string' },
    'api-token': { type: 'string' },
    'api-commands': { type: 'boolean' },
    timeout: { type: 'string' },
    'id-tag-valid': { type: 'string' },
    'id-tag-invalid': { type: 'string' },
    'id-tag-blocked': { type: 'string' },
    'id-tag-expired': { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError(`test takes one <csms-url>, got ${positionals.join(' ')}`);
  const endpoint = csmsUrl(positionals[0]);
  const suite = SUITES[protocol(values.protocol)]!;
  const token = values['api-token'] ?? io.env.OCPP_API_TOKEN;
  if (values.api && !token) throw new UsageError('--api needs --api-token (or OCPP_API_TOKEN)');
  if (values.api && !/^https?:\/\//.test(values.api))
    throw new UsageError(`--api must be an http(s) URL, got ${values.api}`);
  const password = values.password ?? io.env.OCPP_PASSWORD;
  const trace = values.trace ? openTraceFile(values.trace) : undefined;
  const idTags = {
    ...(values['id-tag-valid'] ? { valid: values['id-tag-valid'] } : {}),
    ...(values['id-tag-invalid'] ? { invalid: values['id-tag-invalid'] } : {}),
    ...(values['id-tag-blocked'] ? { blocked: values['id-tag-blocked'] } : {}),
    ...(values['id-tag-expired'] ? { expired: values['id-tag-expired'] } : {}),
  };
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  io.stderr.write(`Testing ${endpoint} with the ${suite.protocol.slice(4)} CSMS suite\n`);
  const report = await runSuite(suite, {
    endpoint,
    identity: values.identity ?? 'CP-SUITE',
    ...(password === undefined ? {} : { password }),
    connector: nodeConnector(),
    ...(values.api && token
      ? {
          control: httpCsmsControl({ baseUrl: values.api, token, commands: values['api-commands'] ?? false }),
        }
      : {}),
    answerTimeoutMs: positive(values.timeout, '--timeout', 30_000),
    idTags,
    ...(values.cases ? { cases: values.cases } : {}),
    ...(trace ? { trace } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onCase: (progress) => {
      if (progress.phase === 'start') return;
      const { result, index, total } = progress;
      const line = `[${index + 1}/${total}] ${STATUS[result.status]} ${result.id} ${result.name} (${seconds(result.durationMs)})`;
      io.stderr.write(`${line}\n`);
      if (result.status !== 'passed')
        io.stderr.write(`        ${result.step ? `step ${result.step.index + 1}: ` : ''}${result.reason}\n`);
      if (result.status === 'failed')
        for (const frame of result.context ?? []) io.stderr.write(`          ${frame}\n`);
    },
  });
  await trace?.close();
  io.stdout.write(formatReportTable(report));
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  if (values.junit) await writeFile(values.junit, toJUnit(report));
  return report.summary.failed > 0 ? 1 : 0;
}
