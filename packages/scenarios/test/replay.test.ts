// Replay: a trace recorded by a suite case, played against live CSMSs — the same kind (no
// difference, the live transaction ids mapped in), a CSMS that refuses every idTag (status
// differences), one that answers outside the schema, one that stays silent.
import { nodeConnector, OCPPServer } from '@ocpp-ws-io/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  compareAnswers,
  OCPP16_SUITE,
  parseTrace,
  replayTrace,
  retime,
  runScenario,
  statusFields,
  type TraceLine,
  traceToJsonl,
} from '../src/index.js';
import { type Breakage, startReferenceCsms } from './helpers/reference-csms.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function reference(breakage?: Breakage) {
  // Other transaction ids than the recording's CSMS (which started at 1).
  const csms = await startReferenceCsms({ firstTransactionId: 500, ...(breakage ? { breakage } : {}) });
  closers.push(() => csms.close());
  return csms;
}

let recorded: TraceLine[];
beforeAll(async () => {
  // TC_012: boot, a charging session, a remote stop by the CSMS, the cable out.
  const csms = await startReferenceCsms();
  const scenario = OCPP16_SUITE.scenarios.find((s) => s.id === 'TC_012_CSMS')!;
  const result = await runScenario(scenario, {
    endpoint: csms.url,
    identity: 'CP-REC',
    connector: nodeConnector(),
    control: csms.control,
    answerTimeoutMs: 3_000,
  });
  await csms.close();
  expect(result.status).toBe('passed');
  // Saved and read back, as a file would be.
  recorded = parseTrace(traceToJsonl(result.trace));
}, 30_000);

const replay = (endpoint: string, extra: { answerTimeoutMs?: number } = {}) =>
  replayTrace(recorded, { endpoint, connector: nodeConnector(), answerTimeoutMs: 2_000, ...extra });

describe('replayTrace', () => {
  it('finds no difference against a CSMS that answers as the recorded one did', async () => {
    const csms = await reference();
    const report = await replay(csms.url);
    expect(report.differences).toEqual([]);
    expect(report.calls).toBe(recorded.filter((l) => l.dir === 'out' && l.frame?.[0] === 2).length);
    // The StopTransaction went out with the transaction id the live CSMS assigned, and the
    // recorded instants were moved forward to now.
    const stop = csms.received.find((r) => r.action === 'StopTransaction')!;
    expect(stop.params.transactionId).toBe(500);
    const recordedStart = recorded.find((l) => l.frame?.[2] === 'StartTransaction')!.frame![3] as {
      timestamp: string;
    };
    const liveStart = csms.received.find((r) => r.action === 'StartTransaction')!.params as {
      timestamp: string;
    };
    expect(Date.parse(liveStart.timestamp)).toBeGreaterThan(Date.parse(recordedStart.timestamp));
    expect(report.csmsCalls).toEqual({ recorded: ['RemoteStopTransaction'], live: [] });
  });

  it('reports the status fields a CSMS answers differently, at the call they concern', async () => {
    const csms = await reference({ everyIdTag: 'Invalid' });
    const report = await replay(csms.url);
    expect(report.differences.map((d) => [d.action, d.kind, d.path, d.recorded, d.live])).toEqual([
      ['Authorize', 'status', 'idTagInfo.status', 'Accepted', 'Invalid'],
      ['StartTransaction', 'status', 'idTagInfo.status', 'Accepted', 'Invalid'],
    ]);
    expect(report.differences[0]?.message).toBe(
      'Authorize: idTagInfo.status is "Invalid", the recording has "Accepted"',
    );
    expect(recorded[report.differences[0]!.index]?.frame?.[2]).toBe('Authorize');
  });

  it('reports an answer outside the schema, and one that never comes', async () => {
    const server = new OCPPServer({ protocols: ['ocpp1.6'], strictMode: false, path: '/ocpp' });
    server.handle('BootNotification', () => ({ status: 'Fine', currentTime: 'now', interval: 60 }) as never);
    server.handle('StatusNotification', () => ({}));
    const { port } = await server.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => server.close());
    const report = await replay(`ws://127.0.0.1:${port}/ocpp`, { answerTimeoutMs: 300 });
    const boot = report.differences.filter((d) => d.action === 'BootNotification');
    expect(boot.map((d) => d.kind)).toEqual(['schema', 'status']);
    expect(boot[0]?.message).toMatch(/^the CSMS's answer to BootNotification breaks the ocpp1\.6 schema: /);
    expect(report.differences.find((d) => d.action === 'Authorize')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^the CSMS answered Authorize with CALLERROR NotSupported/),
    });
  });
});

describe('the pieces of replay', () => {
  it('statusFields finds every status-like field', () => {
    expect([
      ...statusFields({
        status: 'A',
        idTagInfo: { status: 'B' },
        setVariableResult: [{ attributeStatus: 'C' }],
        statusInfo: { reasonCode: 'x' },
      }),
    ]).toEqual([
      ['status', 'A'],
      ['idTagInfo.status', 'B'],
      ['setVariableResult.0.attributeStatus', 'C'],
    ]);
  });
  it('compareAnswers ignores what is no status, and compares CALLERROR codes', () => {
    const result = (payload: unknown) => ({ kind: 'result', payload }) as const;
    expect(
      compareAnswers(
        'ocpp1.6',
        'Heartbeat',
        result({ currentTime: '2025-01-01T00:00:00Z' }),
        result({ currentTime: '2026-01-01T00:00:00Z' }),
      ),
    ).toEqual([]);
    expect(
      compareAnswers(
        'ocpp1.6',
        'Heartbeat',
        { kind: 'error', code: 'NotSupported' },
        { kind: 'error', code: 'NotImplemented' },
      )[0]?.message,
    ).toBe('the CSMS answered Heartbeat with CALLERROR NotImplemented, the recording has NotSupported');
    expect(compareAnswers('ocpp1.6', 'Heartbeat', { kind: 'none' }, { kind: 'none' })).toEqual([]);
  });
  it('retime moves instants and maps transaction ids', () => {
    expect(
      retime(
        {
          timestamp: '2025-01-01T00:00:00.000Z',
          transactionId: 5,
          meterValue: [{ timestamp: '2025-01-01T00:00:01Z' }],
          note: 'x',
        },
        60_000,
        new Map([[5, 17]]),
      ),
    ).toEqual({
      timestamp: '2025-01-01T00:01:00.000Z',
      transactionId: 17,
      meterValue: [{ timestamp: '2025-01-01T00:01:01.000Z' }],
      note: 'x',
    });
  });
});
