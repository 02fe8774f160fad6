// The 1.6 suite against a CSMS built on ocpp-rpc (another library; its handlers are ours, see
// helpers/ocpp-rpc-csms.ts). The Core and firmware cases pass; what fails is what that small
// CSMS does not implement (the security extension), each failure saying so; TC_077 is not
// applicable (it signs no certificates). The per-case result is printed for the report.
import { nodeConnector } from '@ocpp-ws-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportTable, OCPP16_SUITE, runSuite, type SuiteReport } from '../src/index.js';
import { type OcppRpcCsms, startOcppRpcCsms } from './helpers/ocpp-rpc-csms.js';

const PASSWORD = 'a-16-char-secret';
let csms: OcppRpcCsms;
let report: SuiteReport;

beforeAll(async () => {
  csms = await startOcppRpcCsms(PASSWORD);
  report = await runSuite(OCPP16_SUITE, {
    endpoint: csms.url,
    identity: 'CP-RPC',
    password: PASSWORD,
    connector: nodeConnector(),
    control: csms.control,
    answerTimeoutMs: 3_000,
  });
  console.log(`ocpp-rpc CSMS, OCPP 1.6 suite:\n${formatReportTable(report, 200)}`);
}, 300_000);
afterAll(() => csms?.close());

describe('a CSMS on ocpp-rpc', () => {
  it('passes the cases its handlers cover', () => {
    const passed = report.cases.filter((c) => c.status === 'passed').map((c) => c.id);
    for (const id of [
      'TC_001_CSMS',
      'TC_004_1_CSMS',
      'TC_012_CSMS',
      'TC_032_1_CSMS',
      'TC_039_CSMS',
      'TC_073_CSMS',
    ])
      expect(passed).toContain(id);
  });

  it('fails only cases of the security extension it does not implement, each saying which message', () => {
    const failed = report.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.id)).toEqual(['TC_078_CSMS', 'TC_080_CSMS', 'TC_081_CSMS']);
    for (const c of failed)
      expect(c.reason).toMatch(/SecurityEventNotification|SignedFirmwareStatusNotification/);
  });
});
