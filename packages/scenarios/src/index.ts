// @ocpp-ws-io/scenarios — traces, scenarios, replay and the CSMS test suite. Runtime-agnostic:
// it depends on the core, the schemas and the station; the caller brings the adapter's connector.

export type { CsmsControl, TriggerRequest } from './control/control.js';
export { type HttpCsmsControlOptions, httpCsmsControl } from './control/http-control.js';
export { type Answer, type AnswerDifference, compareAnswers, statusFields } from './replay/compare.js';
export {
  type ReplayDifference,
  type ReplayOptions,
  type ReplayReport,
  replayTrace,
} from './replay/replay.js';
export { retime } from './replay/retime.js';
export { decodeReport, encodeReport } from './report/encode.js';
export { toJUnit } from './report/junit.js';
export { type CaseReport, REPORT_VERSION, type SuiteReport, summarize } from './report/report.js';
export { formatReportTable } from './report/table.js';
export { notApplicable } from './runner/applicable.js';
export { describeStep } from './runner/describe.js';
export { JumpClock } from './runner/jump-clock.js';
export {
  type CsmsFeature,
  DEFAULT_ID_TAGS,
  type IdTags,
  type RunOptions,
  type StepProgress,
} from './runner/options.js';
export type { CaseStatus, ScenarioResult } from './runner/result.js';
export { runScenario } from './runner/run-scenario.js';
export { payloadProblem } from './runner/schema-check.js';
export {
  type ErrorFields,
  type ExpectOptions,
  type Macro,
  type PayloadPath,
  ScenarioBuilder,
  type ScenarioHead,
  scenario,
  type Templated,
  type TypedMatchers,
  type Variable,
  v,
} from './scenario/builder.js';
export { checkScenario, ScenarioFormatError } from './scenario/check.js';
export { checkMatchers, valuesAt } from './scenario/match.js';
export { SCENARIO_SCHEMA } from './scenario/schema.js';
export { interpolate, MissingVariableError } from './scenario/template.js';
export type * from './scenario/types.js';
export { SCENARIO_VERSION } from './scenario/types.js';
export type { CatalogueEntry } from './suite/catalogue-entry.js';
export type { ManualCase } from './suite/define.js';
export { OCPP16_SUITE } from './suite/ocpp16/index.js';
export { OCPP201_SUITE } from './suite/ocpp201/index.js';
export { type CaseProgress, runSuite, type SuiteRunOptions } from './suite/run-suite.js';
export { selects } from './suite/select.js';
export type { Suite } from './suite/suite.js';
export { describeFrame, type Frame, FrameLog } from './trace/frames.js';
export { parseTrace, TraceFormatError, traceLineProblem, traceToJsonl } from './trace/jsonl.js';
export { senderOf, TRACE_VERSION, type TraceLine, traceLine } from './trace/line.js';
export { type RecordTraceOptions, recordTrace, type TraceSink } from './trace/record.js';
export { TRACE_LINE_SCHEMA } from './trace/schema.js';
