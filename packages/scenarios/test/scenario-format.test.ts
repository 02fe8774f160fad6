// biome-ignore-all lint/suspicious/noTemplateCurlyInString: scenario variables are `${…}` in plain strings, on purpose
// The scenario format: checkScenario() and the published JSON Schema agree on a catalogue of good
// and bad documents, and every scenario of the built-in suites is a valid document.
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  checkScenario,
  OCPP16_SUITE,
  OCPP201_SUITE,
  SCENARIO_SCHEMA,
  ScenarioFormatError,
} from '../src/index.js';

const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(SCENARIO_SCHEMA);
const ok = (value: unknown) => {
  try {
    checkScenario(value);
    return true;
  } catch (error) {
    if (error instanceof ScenarioFormatError) return false;
    throw error;
  }
};

const head = { version: 1, id: 'x', name: 'X', protocol: 'ocpp1.6' };
const doc = (...steps: unknown[]) => ({ ...head, steps });

const CATALOGUE: Array<[string, unknown, boolean]> = [
  [
    'a start and an expect',
    doc({ do: 'start' }, { expect: 'result', action: 'BootNotification', match: { status: 'Accepted' } }),
    true,
  ],
  [
    'every acting step',
    doc(
      { do: 'start' },
      { do: 'stop' },
      { do: 'powerCycle' },
      { do: 'goOffline' },
      { do: 'comeBack' },
      { do: 'plugIn', connectorId: 1, socPercent: 20 },
      { do: 'unplug' },
      { do: 'clearFault', connectorId: 0 },
      { do: 'presentToken', idTag: 'A' },
      { do: 'stopCharging', reason: 'Local' },
      { do: 'fault', errorCode: 'GroundFailure' },
      { do: 'wait', ms: 10, clock: 'real' },
      { do: 'send', action: 'Heartbeat', payload: {} },
      { do: 'trigger', action: 'Reset', params: { type: 'Soft' }, intent: 'reset' },
      { do: 'respond', action: 'Reset', with: { status: 'Rejected' }, times: 2 },
      { do: 'connect', outcome: 'rejected', username: 'other', password: 'p' },
      { do: 'set', vars: { a: 1 } },
    ),
    true,
  ],
  [
    'every matcher',
    doc({
      expect: 'call',
      action: 'A',
      from: 'station',
      within: 1,
      stationWithin: 2,
      capture: { x: 'a.b' },
      match: {
        a: 1,
        b: 's',
        c: true,
        d: null,
        e: { equals: [1] },
        f: { oneOf: [1, 2] },
        g: { present: true },
        h: { absent: true },
        i: { gt: 1 },
        j: { gte: '${x}' },
        k: { lt: 2 },
        l: { lte: 2 },
        m: { matches: '^a' },
        n: { length: 1 },
        o: { minLength: 0 },
      },
      should: { p: 'q' },
    }),
    true,
  ],
  [
    'a station setup',
    {
      ...doc({ do: 'start' }),
      station: { connectors: 2, config: { A: 'b' }, failTransfers: true, securityEvents: false },
      needs: ['csmsControl', 'password'],
      requirements: ['§4.2'],
      description: 'd',
    },
    true,
  ],
  ['no steps', doc(), false],
  ['another version', { ...doc({ do: 'start' }), version: 2 }, false],
  ['an unknown protocol', { ...doc({ do: 'start' }), protocol: 'ocpp1.5' }, false],
  ['an unknown step', doc({ do: 'dance' }), false],
  ['a step field of another step', doc({ do: 'start', idTag: 'A' }), false],
  ['a missing idTag', doc({ do: 'presentToken' }), false],
  ['a negative wait', doc({ do: 'wait', ms: -1 }), false],
  ['an expect of something else', doc({ expect: 'silence', action: 'A' }), false],
  ['an expect without action', doc({ expect: 'call' }), false],
  ['a matcher with two tests', doc({ expect: 'call', action: 'A', match: { a: { gt: 1, lt: 2 } } }), false],
  ['an unknown matcher', doc({ expect: 'call', action: 'A', match: { a: { near: 1 } } }), false],
  ['a zero time limit', doc({ expect: 'call', action: 'A', within: 0 }), false],
  ['an unknown top-level field', { ...doc({ do: 'start' }), extra: 1 }, false],
  ['an unknown need', { ...doc({ do: 'start' }), needs: ['luck'] }, false],
  ['zero connectors', { ...doc({ do: 'start' }), station: { connectors: 0 } }, false],
  ['a connect without outcome', doc({ do: 'connect' }), false],
];

describe('checkScenario and the JSON Schema', () => {
  it.each(CATALOGUE)('agree on %s', (_, value, valid) => {
    expect(ok(value)).toBe(valid);
    expect(validate(value)).toBe(valid);
  });

  it('say where a document is wrong', () => {
    expect(() => checkScenario(doc({ do: 'presentToken', idTag: '' }, { expect: 'call' }))).toThrow(
      /\$\.steps\[0\]\.idTag: must be a non-empty string\n {2}\$\.steps\[1\]\.action: is required/,
    );
  });

  it('accept every scenario of the 1.6 and 2.0.1 suites, and the scenarios survive JSON', () => {
    for (const scenario of [...OCPP16_SUITE.scenarios, ...OCPP201_SUITE.scenarios]) {
      const copy = JSON.parse(JSON.stringify(scenario));
      expect(copy).toEqual(scenario);
      expect(checkScenario(copy)).toBe(copy);
      expect(validate(copy), `${scenario.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
