// Proof on the CSMS people copy: the demo Worker CSMS (examples/cloudflare-csms) under wrangler dev
// passes every applicable 1.6 and 2.0.1 case, driven through its own admin API (commands where it has one,
// so it chooses e.g. which transaction to stop; the router's call route otherwise).
import { nodeConnector } from '@ocpp-ws-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCsmsControl, OCPP16_SUITE, OCPP201_SUITE, runSuite, type SuiteReport } from '../src/index.js';
import { API_TOKEN, ENROLMENT_SECRET, startWorkerCsms, type WorkerCsms } from './helpers/worker-csms.js';

let worker: WorkerCsms | undefined;
let report16: SuiteReport;
let report201: SuiteReport;

beforeAll(async () => {
  worker = await startWorkerCsms();
  const options = (identity: string) => ({
    endpoint: worker!.endpoint,
    identity,
    password: ENROLMENT_SECRET,
    connector: nodeConnector(),
    control: httpCsmsControl({ baseUrl: worker!.origin, token: API_TOKEN, commands: true }),
    answerTimeoutMs: 10_000,
  });
  report16 = await runSuite(OCPP16_SUITE, options('CP-SUITE-16'));
  report201 = await runSuite(OCPP201_SUITE, options('CP-SUITE-201'));
}, 600_000);
afterAll(() => worker?.stop());

describe('the demo Worker CSMS under wrangler dev', () => {
  it('passes every applicable 1.6 case (all automated ones but TC_077: the demo signs no certificates)', () => {
    const failed = report16.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.id}: ${c.reason}\n${c.context?.join('\n')}`)).toEqual([]);
    expect(report16.summary).toMatchObject({ passed: 54, failed: 0, total: 76 });
    expect(report16.cases.find((c) => c.id === 'TC_077_CSMS')?.reason).toMatch(
      /^needs a CSMS that signs station certificates/,
    );
  });

  it('passes every applicable 2.0.1 case (all automated ones but TC_A_14: the demo signs no certificates)', () => {
    const failed = report201.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => `${c.id}: ${c.reason}\n${c.context?.join('\n')}`)).toEqual([]);
    expect(report201.summary).toMatchObject({ passed: 64, failed: 0, total: 252 });
    expect(report201.cases.find((c) => c.id === 'TC_A_14_CSMS')?.reason).toMatch(/^needs a CSMS that signs/);
  });

  it('answered both suites without CALLERRORs or schema breaks anywhere', () => {
    const warnings = [...report16.cases, ...report201.cases].flatMap((c) =>
      (c.warnings ?? []).map((w) => `${c.id}: ${w}`),
    );
    expect(warnings.filter((w) => /CALLERROR|schema/.test(w))).toEqual([]);
  });
});
