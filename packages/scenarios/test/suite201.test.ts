// The 2.0.1 suite: every documented case is either a scenario or listed as manual with the reason;
// the tool's own messages are valid 2.0.1 messages; and against a correct CSMS every automated case
// passes.
import { nodeConnector } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';
import { OCPP201_SUITE, payloadProblem, runSuite } from '../src/index.js';
import { startReferenceCsms } from './helpers/reference-csms.js';

describe('the OCPP 2.0.1 suite', () => {
  const documented = OCPP201_SUITE.catalogue.filter((e) => e.documented).map((e) => e.id);

  it('has a scenario or a reason for each of the 69 documented cases, with their ids and names', () => {
    expect(documented).toHaveLength(69);
    const scenarios = OCPP201_SUITE.scenarios.map((s) => s.id);
    const manual = OCPP201_SUITE.manual.map((m) => m.id);
    expect([...scenarios, ...manual].sort()).toEqual([...documented].sort());
    expect(scenarios).toHaveLength(65);
    expect(manual.sort()).toEqual(['TC_A_07_CSMS', 'TC_A_08_CSMS', 'TC_B_02_CSMS', 'TC_C_39_CSMS']);
    for (const s of OCPP201_SUITE.scenarios)
      expect(s.name).toBe(OCPP201_SUITE.catalogue.find((e) => e.id === s.id)?.name);
  });

  it('sends only valid 2.0.1 messages of its own and plans only valid answers (variables aside)', () => {
    const problems: string[] = [];
    for (const s of OCPP201_SUITE.scenarios)
      for (const step of s.steps) {
        if (!('do' in step) || (step.do !== 'send' && step.do !== 'respond' && step.do !== 'trigger'))
          continue;
        const payload = step.do === 'respond' ? step.with : step.do === 'send' ? step.payload : step.params;
        // Variables stand for values of the right type at run time: fill them with samples.
        const sample = JSON.parse(
          JSON.stringify(payload)
            .replace(/"\$\{now[^}]*\}"/g, '"2025-03-01T10:00:00.000Z"')
            .replace(/"\$\{(requestId|firstRequestId|secondRequestId)\}"/g, '7')
            .replace(/\$\{[^}]+\}/g, 'X'),
        );
        const kind = step.do === 'respond' ? 'response' : 'request';
        const problem = payloadProblem('ocpp2.0.1', step.action, kind, sample);
        if (problem) problems.push(`${s.id} ${step.do} ${step.action}: ${problem}`);
      }
    expect(problems).toEqual([]);
  });

  it('passes every automated case against a correct 2.0.1 CSMS, on the station’s 2.0.1 profile', async () => {
    const csms = await startReferenceCsms({ password: 'a-16-char-secret' });
    try {
      const report = await runSuite(OCPP201_SUITE, {
        endpoint: csms.url,
        identity: 'CP-201',
        password: 'a-16-char-secret',
        connector: nodeConnector(),
        control: csms.control,
        // It signs CSRs (with a certificate of the suite's): TC_A_14 runs.
        csmsFeatures: ['certificateSigning'],
        answerTimeoutMs: 5_000,
      });
      expect(report.cases.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.reason}`)).toEqual(
        [],
      );
      expect(report.summary).toEqual({ passed: 65, failed: 0, skipped: 187, total: 252 });
    } finally {
      await csms.close();
    }
  }, 120_000);
});
