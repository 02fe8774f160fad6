// The 1.6 suite against a CSMS that does everything right (a small reference CSMS on
// @ocpp-ws-io/node with an in-process CSMS control): every automated case passes, and the report
// has one entry per catalogue case — documented ones automated or skipped with the reason they
// cannot be, undocumented ones skipped as such.
import { nodeConnector } from '@ocpp-ws-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCPP16_SUITE, runSuite, type SuiteReport } from '../src/index.js';
import { type ReferenceCsms, startReferenceCsms } from './helpers/reference-csms.js';

const PASSWORD = 'a-16-char-secret';
let csms: ReferenceCsms;
let report: SuiteReport;

beforeAll(async () => {
  csms = await startReferenceCsms({ password: PASSWORD });
  report = await runSuite(OCPP16_SUITE, {
    endpoint: csms.url,
    identity: 'CP-REF',
    password: PASSWORD,
    connector: nodeConnector(),
    control: csms.control,
    // It answers SignCertificate Accepted (the control then sends a certificate): TC_077 runs.
    csmsFeatures: ['certificateSigning'],
    answerTimeoutMs: 5_000,
  });
}, 240_000);
afterAll(() => csms?.close());

describe('the OCPP 1.6 suite against a correct CSMS', () => {
  it('passes every automated case', () => {
    const notPassed = report.cases.filter((c) => c.status === 'failed');
    expect(notPassed.map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    expect(report.summary).toEqual({ passed: 55, failed: 0, skipped: 21, total: 76 });
  });

  it('lists the 3 documented cases it cannot automate, with the reason, and the 18 undocumented ones', () => {
    const skipped = report.cases.filter((c) => c.status === 'skipped');
    expect(skipped.filter((c) => c.reason?.startsWith('not automated')).map((c) => c.id)).toEqual([
      'TC_074_CSMS',
      'TC_083_CSMS',
      'TC_086_CSMS',
    ]);
    expect(skipped.filter((c) => c.reason?.startsWith('not documented')).map((c) => c.id)).toEqual(
      OCPP16_SUITE.catalogue.filter((e) => !e.documented).map((e) => e.id),
    );
  });

  it('reports the catalogue in its order, with its names', () => {
    expect(report.cases.map((c) => [c.id, c.name])).toEqual(
      OCPP16_SUITE.catalogue.map((e) => [e.id, e.name]),
    );
  });

  it('ran the cases as the CSMS saw them: e.g. TC_012 stopped the transaction it started, reason Remote', () => {
    const stops = csms.received.filter((r) => r.action === 'StopTransaction' && r.params.reason === 'Remote');
    expect(stops.length).toBeGreaterThanOrEqual(1);
  });
});
