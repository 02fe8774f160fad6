// The `ocpp-ws-io` command in process (runCli): test, replay and simulate against a reference
// CSMS on loopback, the reports and exit codes, and usage errors.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrace } from '@ocpp-ws-io/scenarios';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { API_TOKEN, type Breakage, memoryIo, startControlApi, startReferenceCsms } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ocpp-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function csms(breakage?: Breakage) {
  const reference = await startReferenceCsms(breakage ? { breakage } : {});
  const api = await startControlApi(reference.control);
  closers.push(
    () => reference.close(),
    () => api.close(),
  );
  return { url: reference.url, api: api.url, reference };
}

describe('ocpp-ws-io test', () => {
  it('runs the selected cases through the CSMS API, writes the reports and exits 0 when all pass', async () => {
    const { url, api } = await csms();
    const out = memoryIo({ OCPP_API_TOKEN: API_TOKEN });
    const json = join(dir, 'report.json');
    const junit = join(dir, 'report.xml');
    const trace = join(dir, 'run.jsonl');
    const code = await runCli(
      [
        'test',
        url,
        '--protocol',
        'ocpp1.6',
        '--cases',
        'TC_001_CSMS,TC_012_CSMS',
        '--api',
        api,
        '--json',
        json,
        '--junit',
        junit,
        '--trace',
        trace,
        '--timeout',
        '5000',
      ],
      out.io,
    );
    expect(code).toBe(0);
    expect(out.stderr()).toMatch(/^\[1\/2\] PASS TC_001_CSMS Cold Boot Charge Point \(/m);
    expect(out.stderr()).toMatch(/^\[2\/2\] PASS TC_012_CSMS Remote Stop Charging Session \(/m);
    expect(out.stdout()).toMatch(/^2 cases: 2 passed, 0 failed, 0 skipped/m);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(
      report.cases.map((c: { id: string; name: string; status: string }) => [c.id, c.name, c.status]),
    ).toEqual([
      ['TC_001_CSMS', 'Cold Boot Charge Point', 'passed'],
      ['TC_012_CSMS', 'Remote Stop Charging Session', 'passed'],
    ]);
    expect(await readFile(junit, 'utf8')).toContain(
      '<testcase classname="ocpp1.6" name="TC_012_CSMS Remote Stop Charging Session"',
    );
    const lines = parseTrace(await readFile(trace, 'utf8'));
    expect(lines.some((l) => l.frame?.[2] === 'RemoteStopTransaction')).toBe(true);
  });

  it('exits 1 when a case fails, with the reason and the frames on stderr', async () => {
    const { url } = await csms({ everyIdTag: 'Invalid' });
    const out = memoryIo();
    const code = await runCli(
      ['test', url, '--cases', 'TC_004_1_CSMS,TC_023_1_CSMS', '--timeout', '3000'],
      out.io,
    );
    expect(code).toBe(1);
    expect(out.stderr()).toContain('FAIL TC_004_1_CSMS');
    expect(out.stderr()).toContain(
      'the CSMS answered Authorize, but idTagInfo.status is "Invalid", expected "Accepted"',
    );
    expect(out.stderr()).toContain('CSMS → station  Authorize answer {"idTagInfo":{"status":"Invalid"}}');
    expect(out.stdout()).toMatch(/^2 cases: 1 passed, 1 failed, 0 skipped/m);
  });

  it('skips the cases that need the CSMS to act when no --api is given, saying so', async () => {
    const { url } = await csms();
    const out = memoryIo();
    const json = join(dir, 'skipped.json');
    expect(await runCli(['test', url, '--cases', 'TC_012_CSMS', '--json', json], out.io)).toBe(0);
    const [only] = JSON.parse(await readFile(json, 'utf8')).cases;
    expect(only).toEqual({
      id: 'TC_012_CSMS',
      name: 'Remote Stop Charging Session',
      status: 'skipped',
      reason:
        'needs the CSMS to send RemoteStopTransaction (OCTT asks an operator): give a CSMS control to run it',
      durationMs: 0,
    });
  });
});

describe('ocpp-ws-io replay', () => {
  it('replays a recorded trace: exit 0 without differences, 1 with them listed', async () => {
    const recording = await csms();
    const trace = join(dir, 'recorded.jsonl');
    expect(
      await runCli(['test', recording.url, '--cases', 'TC_004_1_CSMS', '--trace', trace], memoryIo().io),
    ).toBe(0);

    const same = await csms();
    const ok = memoryIo();
    expect(await runCli(['replay', trace, same.url, '--timeout', '3000'], ok.io)).toBe(0);
    expect(ok.stdout()).toMatch(/calls of CP-SUITE replayed \(ocpp1\.6\): 0 difference\(s\)/);

    const broken = await csms({ everyIdTag: 'Blocked' });
    const bad = memoryIo();
    const json = join(dir, 'replay.json');
    expect(await runCli(['replay', trace, broken.url, '--json', json, '--timeout', '3000'], bad.io)).toBe(1);
    expect(bad.stdout()).toMatch(
      /^#\d+ Authorize: idTagInfo\.status is "Blocked", the recording has "Accepted"$/m,
    );
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.differences.map((d: { action: string }) => d.action)).toEqual([
      'Authorize',
      'StartTransaction',
    ]);
  });
});

describe('ocpp-ws-io simulate', () => {
  it('boots the stations and prints the summary line until the duration passed', async () => {
    const { url, reference } = await csms();
    const out = memoryIo();
    const trace = join(dir, 'fleet.jsonl');
    const code = await runCli(
      [
        'simulate',
        url,
        '--stations',
        '3',
        '--duration',
        '3',
        '--speed',
        '600',
        '--identity-prefix',
        'FLEET-',
        '--trace',
        trace,
      ],
      out.io,
    );
    expect(code).toBe(0);
    expect(out.stderr()).toMatch(
      /\/3 connected · \d accepted · \d charging · [\d.]+ kW · \d+ messages · \d+ errors/,
    );
    const boots = reference.received.filter((r) => r.action === 'BootNotification').map((r) => r.identity);
    expect(boots.sort()).toEqual(['FLEET-0001', 'FLEET-0002', 'FLEET-0003']);
    const identities = new Set(parseTrace(await readFile(trace, 'utf8')).map((l) => l.identity));
    expect([...identities].sort()).toEqual(['FLEET-0001', 'FLEET-0002', 'FLEET-0003']);
  });

  it('stops on the signal (Ctrl+C)', async () => {
    const { url } = await csms();
    const controller = new AbortController();
    const out = memoryIo({}, controller.signal);
    const running = runCli(['simulate', url, '--stations', '1'], out.io);
    setTimeout(() => controller.abort(), 500);
    expect(await running).toBe(0);
    expect(out.stderr()).toContain('Stopping…');
  });
});

describe('usage', () => {
  const usage = async (argv: string[], env: Record<string, string> = {}) => {
    const out = memoryIo(env);
    const code = await runCli(argv, out.io);
    return { code, stderr: out.stderr() };
  };

  it.each([
    [['test'], '<csms-url> is missing'],
    [['test', 'http://x'], '<csms-url> must be a ws:// or wss:// URL, got http://x'],
    [['test', 'ws://x', '--protocol', 'ocpp1.5'], '--protocol must be ocpp1.6 or ocpp2.0.1, got ocpp1.5'],
    [['test', 'ws://x', '--api', 'http://x'], '--api needs --api-token (or OCPP_API_TOKEN)'],
    [['test', 'ws://x', '--bogus'], "Unknown option '--bogus'"],
    [['simulate', 'ws://x', '--stations', '0'], '--stations must be a positive number, got 0'],
    [['simulate', 'ws://x', '--protocol', 'ocpp2.1'], '--protocol must be ocpp1.6 or ocpp2.0.1, got ocpp2.1'],
    [['replay', '/no/such/file.jsonl', 'ws://x'], 'cannot read /no/such/file.jsonl'],
    [['dance'], 'unknown command dance (test, simulate or replay)'],
  ])('%j → exit 2: %s', async (argv, message) => {
    const { code, stderr } = await usage(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('refuses a file that is not a trace, naming the line', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"v":1}\n');
    const { code, stderr } = await usage(['replay', bad, 'ws://x']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: Trace line 1: "time" must be an ISO 8601 date-time`);
  });

  it('prints help (exit 0) and the package version', async () => {
    const out = memoryIo();
    expect(await runCli(['--help'], out.io)).toBe(0);
    expect(out.stdout()).toContain('ocpp-ws-io test <csms-url>');
    const version = memoryIo();
    expect(await runCli(['--version'], version.io)).toBe(0);
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(version.stdout().trim()).toBe(manifest.version);
  });
});
