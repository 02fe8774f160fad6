// The published JSON Schema of a scenario (draft 2020-12), written to dist/schemas/scenario.json
// at build time and exported as `@ocpp-ws-io/scenarios/schemas/scenario.json`. A test checks it
// against checkScenario() and against every scenario of the built-in suites.

const text = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const connectorId = { type: 'integer', minimum: 0 } as const;
const payload = { type: 'object' } as const;
const note = { type: 'string', description: 'What the step stands for, for reports.' } as const;

const matcher = {
  description: 'A plain value must be equal; an object names one test.',
  anyOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    obj({ equals: {} }, ['equals']),
    obj({ oneOf: { type: 'array' } }, ['oneOf']),
    obj({ present: { const: true } }, ['present']),
    obj({ absent: { const: true } }, ['absent']),
    obj({ gt: { type: ['number', 'string'] } }, ['gt']),
    obj({ gte: { type: ['number', 'string'] } }, ['gte']),
    obj({ lt: { type: ['number', 'string'] } }, ['lt']),
    obj({ lte: { type: ['number', 'string'] } }, ['lte']),
    obj({ matches: text }, ['matches']),
    obj({ length: { type: 'integer', minimum: 0 } }, ['length']),
    obj({ minLength: { type: 'integer', minimum: 0 } }, ['minLength']),
  ],
} as const;

const matchers = { type: 'object', additionalProperties: { $ref: '#/$defs/matcher' } } as const;

function obj<P extends Record<string, unknown>, R extends readonly string[]>(properties: P, required: R) {
  return { type: 'object', properties, required, additionalProperties: false } as const;
}

/** A `do` step with its own fields (plus `do` and `note`). */
function act<P extends Record<string, unknown>, R extends readonly string[]>(
  name: string | readonly string[],
  properties: P,
  required: R,
) {
  return obj({ do: typeof name === 'string' ? { const: name } : { enum: name }, note, ...properties }, [
    'do',
    ...required,
  ] as const);
}

/**
 * JSON Schema (draft 2020-12) of a {@link Scenario}, version 1.
 *
 * @example
 * ```ts
 * const validate = new Ajv2020().compile(SCENARIO_SCHEMA);
 * validate(JSON.parse(await readFile('my-scenario.json', 'utf8')));
 * ```
 */
export const SCENARIO_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ocpp-ws-io.dev/schemas/scenario-1.json',
  title: 'ocpp-ws-io scenario, version 1',
  type: 'object',
  required: ['version', 'id', 'name', 'protocol', 'steps'],
  additionalProperties: false,
  properties: {
    $schema: text,
    version: { const: 1 },
    id: nonEmpty,
    name: nonEmpty,
    protocol: { enum: ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] },
    description: text,
    requirements: { type: 'array', items: text },
    needs: { type: 'array', items: { enum: ['csmsControl', 'password', 'certificateSigning'] } },
    station: obj(
      {
        connectors: { type: 'integer', minimum: 1 },
        config: { type: 'object', additionalProperties: text },
        failTransfers: { type: 'boolean' },
        securityEvents: { type: 'boolean' },
      },
      [],
    ),
    steps: { type: 'array', minItems: 1, items: { $ref: '#/$defs/step' } },
  },
  $defs: {
    matcher,
    step: {
      oneOf: [
        act(['start', 'stop', 'powerCycle', 'goOffline', 'comeBack'], {}, []),
        act('plugIn', { connectorId, socPercent: { type: 'number', minimum: 0, maximum: 100 } }, []),
        act(['unplug', 'clearFault'], { connectorId }, []),
        act('presentToken', { idTag: nonEmpty, connectorId }, ['idTag']),
        act('stopCharging', { connectorId, reason: nonEmpty }, []),
        act('fault', { connectorId, errorCode: nonEmpty, info: text }, ['errorCode']),
        act('wait', { ms: { type: 'number', minimum: 0 }, clock: { enum: ['station', 'real'] } }, ['ms']),
        act('send', { action: nonEmpty, payload }, ['action', 'payload']),
        act('trigger', { action: nonEmpty, params: payload, intent: nonEmpty }, ['action', 'params']),
        act('respond', { action: nonEmpty, with: payload, times: { type: 'integer', minimum: 1 } }, [
          'action',
          'with',
        ]),
        act('connect', { password: text, username: text, outcome: { enum: ['accepted', 'rejected'] } }, [
          'outcome',
        ]),
        act('set', { vars: { type: 'object' } }, ['vars']),
        obj(
          {
            expect: { enum: ['call', 'result', 'error'] },
            action: nonEmpty,
            from: { enum: ['csms', 'station'] },
            note,
            match: matchers,
            should: matchers,
            capture: { type: 'object', additionalProperties: nonEmpty },
            within: { type: 'number', exclusiveMinimum: 0 },
            stationWithin: { type: 'number', exclusiveMinimum: 0 },
          },
          ['expect', 'action'],
        ),
      ],
    },
  },
} as const;
