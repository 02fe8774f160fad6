// A CSMS that is wrong in one known way fails exactly the cases that way touches, each with a
// reason that says what the CSMS did.
import { nodeConnector } from '@ocpp-ws-io/node';
import { describe, expect, it } from 'vitest';
import { OCPP16_SUITE, OCPP201_SUITE, runSuite, type Suite } from '../src/index.js';
import { type Breakage, startReferenceCsms } from './helpers/reference-csms.js';

async function failures(breakage: Breakage, suite: Suite = OCPP16_SUITE) {
  const csms = await startReferenceCsms({ breakage });
  try {
    const report = await runSuite(suite, {
      endpoint: csms.url,
      identity: 'CP-BROKEN',
      connector: nodeConnector(),
      control: csms.control,
      csmsFeatures: ['certificateSigning'],
      answerTimeoutMs: 2_000,
    });
    return report.cases.filter((c) => c.status === 'failed');
  } finally {
    await csms.close();
  }
}

describe('a broken CSMS', () => {
  it('that refuses every idTag (Invalid) fails the cases that need an accepted one, and only those', async () => {
    const failed = await failures({ everyIdTag: 'Invalid' });
    expect(failed.map((c) => c.id)).toEqual([
      'TC_004_1_CSMS',
      'TC_004_2_CSMS',
      'TC_007_CSMS',
      'TC_010_CSMS',
      'TC_011_1_CSMS',
      'TC_011_2_CSMS',
      'TC_012_CSMS',
      'TC_023_2_CSMS',
      'TC_023_3_CSMS',
      'TC_024_CSMS',
      'TC_028_CSMS',
      'TC_032_1_CSMS',
      'TC_037_1_CSMS',
      'TC_039_CSMS',
      'TC_046_CSMS',
      'TC_057_CSMS',
      'TC_059_CSMS',
      'TC_067_CSMS',
    ]);
    const tc004 = failed.find((c) => c.id === 'TC_004_1_CSMS')!;
    expect(tc004.reason).toBe(
      'the CSMS answered Authorize, but idTagInfo.status is "Invalid", expected "Accepted"',
    );
    expect(tc004.step?.description).toBe('the CSMS accepts the idTag (Authorize)');
    expect(tc004.context?.join('\n')).toContain(
      'CSMS → station  Authorize answer {"idTagInfo":{"status":"Invalid"}}',
    );
    expect(failed.find((c) => c.id === 'TC_023_2_CSMS')?.reason).toBe(
      'the CSMS answered Authorize, but idTagInfo.status is "Invalid", expected "Expired"',
    );
  }, 240_000);

  it('that never answers StopTransaction fails the cases that wait for that answer, and only those', async () => {
    const failed = await failures({ silentOnStop: true });
    expect(failed.map((c) => c.id)).toEqual(['TC_012_CSMS', 'TC_032_1_CSMS', 'TC_039_CSMS']);
    for (const c of failed) expect(c.reason).toMatch(/^the CSMS did not answer StopTransaction within 2 s$/);
  }, 240_000);

  it('that refuses every idToken fails the 2.0.1 cases that need an accepted one, and only those', async () => {
    const failed = await failures({ everyIdTag: 'Invalid' }, OCPP201_SUITE);
    expect(failed.map((c) => c.id)).toEqual([
      'TC_B_21_CSMS',
      'TC_B_26_CSMS',
      'TC_B_27_CSMS',
      'TC_C_08_CSMS',
      'TC_E_02_CSMS',
      'TC_E_03_CSMS',
      'TC_E_04_CSMS',
      'TC_E_07_CSMS',
      'TC_E_08_CSMS',
      'TC_E_10_CSMS',
      'TC_E_11_CSMS',
      'TC_E_17_CSMS',
      'TC_E_19_CSMS',
      'TC_E_21_CSMS',
      'TC_E_22_CSMS',
      'TC_E_26_CSMS',
      'TC_J_03_CSMS',
      'TC_J_08_CSMS',
      'TC_J_09_CSMS',
      'TC_L_13_CSMS',
    ]);
    expect(failed.find((c) => c.id === 'TC_C_08_CSMS')?.reason).toBe(
      'the CSMS answered TransactionEvent, but idTokenInfo.status is "Invalid", expected "Accepted"',
    );
  }, 240_000);
});
