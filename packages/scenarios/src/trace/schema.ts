// The published JSON Schema of one trace line (draft 2020-12), also written to
// dist/schemas/trace-line.json at build time and exported as
// `@ocpp-ws-io/scenarios/schemas/trace-line.json`. A test checks that it agrees with
// traceLineProblem() on a catalogue of good and bad lines.

/**
 * JSON Schema (draft 2020-12) of one {@link TraceLine}.
 *
 * @example
 * ```ts
 * const validate = new Ajv2020().compile(TRACE_LINE_SCHEMA);
 * ```
 */
export const TRACE_LINE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ocpp-ws-io.dev/schemas/trace-line-1.json',
  title: 'ocpp-ws-io trace line, version 1',
  description:
    'One OCPP-J frame of one connection, as one side saw it. A trace is a JSON Lines file of these.',
  type: 'object',
  required: ['v', 'time', 'dir', 'side', 'identity', 'protocol'],
  additionalProperties: false,
  properties: {
    v: { const: 1, description: 'Format version.' },
    time: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
      description: 'When the recorder saw the frame (ISO 8601).',
    },
    dir: { enum: ['in', 'out'], description: 'Relative to the recorder: out = sent by `side`.' },
    side: { enum: ['station', 'csms'], description: 'Who recorded: the charging station or the CSMS.' },
    identity: { type: 'string', minLength: 1, description: "The station's identity." },
    protocol: { enum: ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] },
    frame: { type: 'array', description: 'The OCPP-J frame, parsed.' },
    raw: { type: 'string', description: 'The text of a frame that was not a JSON array.' },
  },
  oneOf: [{ required: ['frame'] }, { required: ['raw'] }],
} as const;
