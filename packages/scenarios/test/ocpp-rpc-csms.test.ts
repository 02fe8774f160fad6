// Both suites against a CSMS built on ocpp-rpc (another library; its handlers are ours, see
// helpers/ocpp-rpc-csms.ts). What it implements passes; what fails is what that small CSMS has no
// handler for (1.6 security extension, 2.0.1 customer information and data transfer), each failure
// saying so; the certificate-signing cases are not applicable. The per-case results are printed.
import { nodeConnector } from '@ocpp-ws-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReportTable, OCPP16_SUITE, OCPP201_SUITE, runSuite, type SuiteReport } from '../src/index.js';
import { type OcppRpcCsms, startOcppRpcCsms } from './helpers/ocpp-rpc-csms.js';

const PASSWORD = 'a-16-char-secret';
let csms: OcppRpcCsms;
let csms201: OcppRpcCsms;
let report: SuiteReport;
let report201: SuiteReport;

beforeAll(async () => {
  // One CSMS per suite: TC_073 / TC_A_09 change the station's password on the CSMS they run on.
  csms = await startOcppRpcCsms(PASSWORD);
  csms201 = await startOcppRpcCsms(PASSWORD);
  const options = (target: OcppRpcCsms, identity: string) => ({
    endpoint: target.url,
    identity,
    password: PASSWORD,
    connector: nodeConnector(),
    control: target.control,
    answerTimeoutMs: 3_000,
  });
  report = await runSuite(OCPP16_SUITE, options(csms, 'CP-RPC'));
  report201 = await runSuite(OCPP201_SUITE, options(csms201, 'CP-RPC-201'));
  console.log(`ocpp-rpc CSMS, OCPP 1.6 suite:\n${formatReportTable(report, 200)}`);
  console.log(`ocpp-rpc CSMS, OCPP 2.0.1 suite:\n${formatReportTable(report201, 200)}`);
}, 300_000);
afterAll(async () => {
  await csms?.close();
  await csms201?.close();
});

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

  it('passes the 2.0.1 cases its handlers cover, and fails only where it has no handler', () => {
    const failed = report201.cases.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.id)).toEqual(['TC_N_28_CSMS', 'TC_N_31_CSMS', 'TC_P_02_CSMS']);
    for (const c of failed)
      expect(c.reason).toMatch(/CALLERROR NotImplemented.*(NotifyCustomerInformation|DataTransfer)/);
    expect(report201.summary.passed).toBe(61);
  });
});
