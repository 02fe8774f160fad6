// checkScenario(): the scenario format's rules in code, with a path for every problem, so a
// scenario written by hand (or loaded from a file) fails before it runs, saying where.

import { isOCPPProtocol } from '@ocpp-ws-io/core';
import { SCENARIO_VERSION, type Scenario } from './types.js';

/**
 * A document that is not a valid scenario; `problems` lists each as "path: what is wrong".
 *
 * @example
 * ```ts
 * try { checkScenario(json); } catch (e) { if (e instanceof ScenarioFormatError) console.error(e.problems.join('\n')); }
 * ```
 */
export class ScenarioFormatError extends Error {
  override readonly name = 'ScenarioFormatError';
  constructor(readonly problems: readonly string[]) {
    super(`Not a valid scenario:\n  ${problems.join('\n  ')}`);
  }
}

type Rules = Readonly<Record<string, (value: unknown) => string | undefined>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const string = (v: unknown) => (typeof v === 'string' ? undefined : 'must be a string');
const nonEmpty = (v: unknown) =>
  typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty string';
const integer =
  (min: number) =>
  (v: unknown): string | undefined =>
    Number.isInteger(v) && (v as number) >= min ? undefined : `must be an integer ≥ ${min}`;
const number =
  (min: number, exclusive = false) =>
  (v: unknown): string | undefined =>
    typeof v === 'number' && (exclusive ? v > min : v >= min)
      ? undefined
      : `must be a number ${exclusive ? '>' : '≥'} ${min}`;
const oneOf =
  (...values: readonly unknown[]) =>
  (v: unknown): string | undefined =>
    values.includes(v) ? undefined : `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
const object = (v: unknown) => (isObject(v) ? undefined : 'must be an object');
const stringMap =
  (inner: (v: unknown) => string | undefined) =>
  (v: unknown): string | undefined => {
    if (!isObject(v)) return 'must be an object';
    for (const [k, x] of Object.entries(v)) {
      const p = inner(x);
      if (p) return `${k} ${p}`;
    }
    return undefined;
  };

const MATCHER_KEYS: Rules = {
  equals: () => undefined,
  oneOf: (v) => (Array.isArray(v) ? undefined : 'must be an array'),
  present: oneOf(true),
  absent: oneOf(true),
  gt: (v) => (typeof v === 'number' || typeof v === 'string' ? undefined : 'must be a number or a string'),
  gte: (v) => MATCHER_KEYS.gt!(v),
  lt: (v) => MATCHER_KEYS.gt!(v),
  lte: (v) => MATCHER_KEYS.gt!(v),
  matches: (v) => {
    if (typeof v !== 'string') return 'must be a string';
    try {
      new RegExp(v);
      return undefined;
    } catch {
      return 'must be a regular expression';
    }
  },
  length: integer(0),
  minLength: integer(0),
};

function matcher(v: unknown): string | undefined {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return undefined;
  if (!isObject(v)) return 'must be a value or a matcher object';
  const keys = Object.keys(v);
  if (keys.length !== 1 || !MATCHER_KEYS[keys[0]!])
    return `must have exactly one of ${Object.keys(MATCHER_KEYS).join(', ')}`;
  const p = MATCHER_KEYS[keys[0]!]!(v[keys[0]!]);
  return p ? `${keys[0]} ${p}` : undefined;
}

const connectorId = integer(0);
const NEEDS: readonly unknown[] = ['csmsControl', 'password', 'certificateSigning'];
const NOTE: Rules = { note: string };
const ACTIONS: Readonly<Record<string, { rules: Rules; required: readonly string[] }>> = {
  start: { rules: {}, required: [] },
  stop: { rules: {}, required: [] },
  powerCycle: { rules: {}, required: [] },
  goOffline: { rules: {}, required: [] },
  comeBack: { rules: {}, required: [] },
  plugIn: { rules: { connectorId, socPercent: number(0) }, required: [] },
  unplug: { rules: { connectorId }, required: [] },
  clearFault: { rules: { connectorId }, required: [] },
  presentToken: { rules: { idTag: nonEmpty, connectorId }, required: ['idTag'] },
  stopCharging: { rules: { connectorId, reason: nonEmpty }, required: [] },
  fault: { rules: { connectorId, errorCode: nonEmpty, info: string }, required: ['errorCode'] },
  wait: { rules: { ms: number(0), clock: oneOf('station', 'real') }, required: ['ms'] },
  send: { rules: { action: nonEmpty, payload: object }, required: ['action', 'payload'] },
  trigger: { rules: { action: nonEmpty, params: object, intent: nonEmpty }, required: ['action', 'params'] },
  respond: { rules: { action: nonEmpty, with: object, times: integer(1) }, required: ['action', 'with'] },
  connect: {
    rules: { password: string, username: string, outcome: oneOf('accepted', 'rejected') },
    required: ['outcome'],
  },
  set: { rules: { vars: object }, required: ['vars'] },
};
const EXPECT: Rules = {
  expect: oneOf('call', 'result', 'error'),
  action: nonEmpty,
  from: oneOf('csms', 'station'),
  match: stringMap(matcher),
  should: stringMap(matcher),
  capture: stringMap(nonEmpty),
  within: number(0, true),
  stationWithin: number(0, true),
};

function fields(
  at: string,
  value: Record<string, unknown>,
  rules: Rules,
  required: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const key of required) if (!(key in value)) problems.push(`${at}.${key}: is required`);
  for (const [key, v] of Object.entries(value)) {
    const rule = rules[key];
    if (!rule) problems.push(`${at}.${key}: is not a field here`);
    else {
      const p = rule(v);
      if (p) problems.push(`${at}.${key}: ${p}`);
    }
  }
  return problems;
}

function step(at: string, value: unknown): string[] {
  if (!isObject(value)) return [`${at}: must be an object`];
  if (!('do' in value)) return fields(at, value, { ...EXPECT, ...NOTE }, ['expect', 'action']);
  const kind = ACTIONS[String(value.do)];
  if (!kind) return [`${at}.do: must be one of ${Object.keys(ACTIONS).join(', ')} (or the step an "expect")`];
  return fields(at, value, { do: () => undefined, ...NOTE, ...kind.rules }, kind.required);
}

/**
 * Checks that `value` is a scenario of format version 1 and returns it typed; throws
 * {@link ScenarioFormatError} with every problem found.
 *
 * @example
 * ```ts
 * const scenario = checkScenario(JSON.parse(await readFile('boot.json', 'utf8')));
 * ```
 */
export function checkScenario(value: unknown): Scenario {
  if (!isObject(value)) throw new ScenarioFormatError(['$: must be an object']);
  const problems = fields(
    '$',
    value,
    {
      $schema: string,
      version: oneOf(SCENARIO_VERSION),
      id: nonEmpty,
      name: nonEmpty,
      protocol: (v) =>
        typeof v === 'string' && isOCPPProtocol(v) ? undefined : 'must be ocpp1.6, ocpp2.0.1 or ocpp2.1',
      description: string,
      requirements: (v) =>
        Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be an array of strings',
      needs: (v) =>
        Array.isArray(v) && v.every((x) => NEEDS.includes(x))
          ? undefined
          : `must be an array of ${NEEDS.map((n) => `"${n}"`).join(' / ')}`,
      station: (v) => {
        if (!isObject(v)) return 'must be an object';
        const p = fields(
          '',
          v,
          {
            connectors: integer(1),
            config: stringMap(string),
            failTransfers: oneOf(true, false),
            securityEvents: oneOf(true, false),
          },
          [],
        );
        return p[0]?.slice(1);
      },
      steps: (v) => (Array.isArray(v) && v.length > 0 ? undefined : 'must be a non-empty array'),
    },
    ['version', 'id', 'name', 'protocol', 'steps'],
  );
  if (Array.isArray(value.steps))
    for (const [i, s] of value.steps.entries()) problems.push(...step(`$.steps[${i}]`, s));
  if (problems.length > 0) throw new ScenarioFormatError(problems);
  return value as unknown as Scenario;
}
