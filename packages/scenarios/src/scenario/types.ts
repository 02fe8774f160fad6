// The scenario format, version 1: a JSON document of steps that drive a virtual station and
// expect what the CSMS does. These types are the format; SCENARIO_SCHEMA (schema.ts) is the same
// format as a published JSON Schema, and checkScenario() (check.ts) the same rules in code.

import type { OCPPProtocol } from '@ocpp-ws-io/core';

/**
 * The scenario format's version.
 *
 * @example
 * ```ts
 * const doc: Scenario = { version: SCENARIO_VERSION, id: 'x', name: 'X', protocol: 'ocpp1.6', steps: [{ do: 'start' }] };
 * ```
 */
export const SCENARIO_VERSION = 1;

/**
 * What a field must be. A plain value (string, number, boolean, null) must be equal; an object
 * names one test. Strings may hold variables (`"${transactionId}"`, see {@link Scenario}).
 *
 * @example
 * ```ts
 * const m: Matchers = { 'idTagInfo.status': 'Accepted', interval: { gt: 0 }, 'key': { absent: true } };
 * ```
 */
export type Matcher =
  | string
  | number
  | boolean
  | null
  | { readonly equals: unknown }
  | { readonly oneOf: readonly unknown[] }
  | { readonly present: true }
  | { readonly absent: true }
  | { readonly gt: number | string }
  | { readonly gte: number | string }
  | { readonly lt: number | string }
  | { readonly lte: number | string }
  | { readonly matches: string }
  | { readonly length: number }
  | { readonly minLength: number };

/**
 * Matchers by field path: dots between keys, a number for an array element, `*` for every
 * element of an array (`localAuthorizationList.*.idTagInfo`), and `$` for the payload itself.
 *
 * @example
 * ```ts
 * const m: Matchers = { 'localAuthorizationList.*.idTagInfo': { present: true } };
 * ```
 */
export type Matchers = Readonly<Record<string, Matcher>>;

/** Common to every step. */
interface StepBase {
  /** What the step stands for in the test case, for reports ("the CSMS accepts the boot"). */
  readonly note?: string;
}

/**
 * The station starts: connects, sends BootNotification, reports its connectors.
 *
 * @example
 * ```ts
 * const step: StartStep = { do: 'start' };
 * ```
 */
export interface StartStep extends StepBase {
  readonly do: 'start';
}
/**
 * The station stops: running transactions end (reason Other), the connection closes.
 *
 * @example
 * ```ts
 * const step: StopStep = { do: 'stop' };
 * ```
 */
export interface StopStep extends StepBase {
  readonly do: 'stop';
}
/**
 * The power goes and comes back: nothing is sent on the way down; the station boots again.
 *
 * @example
 * ```ts
 * const step: PowerCycleStep = { do: 'powerCycle', note: 'the power goes' };
 * ```
 */
export interface PowerCycleStep extends StepBase {
  readonly do: 'powerCycle';
}
/**
 * A car is plugged in.
 *
 * @example
 * ```ts
 * const step: PlugInStep = { do: 'plugIn', connectorId: 1, socPercent: 20 };
 * ```
 */
export interface PlugInStep extends StepBase {
  readonly do: 'plugIn';
  readonly connectorId?: number;
  readonly socPercent?: number;
}
/**
 * The cable is pulled out.
 *
 * @example
 * ```ts
 * const step: UnplugStep = { do: 'unplug', connectorId: 1 };
 * ```
 */
export interface UnplugStep extends StepBase {
  readonly do: 'unplug';
  readonly connectorId?: number;
}
/**
 * A driver presents a token (starts, or stops their own transaction).
 *
 * @example
 * ```ts
 * const step: PresentTokenStep = { do: 'presentToken', idTag: '${validIdTag}' };
 * ```
 */
export interface PresentTokenStep extends StepBase {
  readonly do: 'presentToken';
  readonly idTag: string;
  readonly connectorId?: number;
}
/**
 * The stop button.
 *
 * @example
 * ```ts
 * const step: StopChargingStep = { do: 'stopCharging', connectorId: 1, reason: 'Local' };
 * ```
 */
export interface StopChargingStep extends StepBase {
  readonly do: 'stopCharging';
  readonly connectorId?: number;
  readonly reason?: string;
}
/**
 * A fault on a connector (0: the station).
 *
 * @example
 * ```ts
 * const step: FaultStep = { do: 'fault', connectorId: 1, errorCode: 'ConnectorLockFailure' };
 * ```
 */
export interface FaultStep extends StepBase {
  readonly do: 'fault';
  readonly connectorId?: number;
  readonly errorCode: string;
  readonly info?: string;
}
/**
 * The fault is gone.
 *
 * @example
 * ```ts
 * const step: ClearFaultStep = { do: 'clearFault', connectorId: 1 };
 * ```
 */
export interface ClearFaultStep extends StepBase {
  readonly do: 'clearFault';
  readonly connectorId?: number;
}
/**
 * The network drops / comes back.
 *
 * @example
 * ```ts
 * const steps: NetworkStep[] = [{ do: 'goOffline' }, { do: 'comeBack' }];
 * ```
 */
export interface NetworkStep extends StepBase {
  readonly do: 'goOffline' | 'comeBack';
}
/**
 * Time passes: on the station's clock (default; skipped ahead at once) or in real time.
 *
 * @example
 * ```ts
 * const step: WaitStep = { do: 'wait', ms: 60_000 }; // station time, skipped at once
 * ```
 */
export interface WaitStep extends StepBase {
  readonly do: 'wait';
  readonly ms: number;
  readonly clock?: 'station' | 'real';
}
/**
 * The station sends a message of the scenario's own, past its own logic (a test tool's move).
 *
 * @example
 * ```ts
 * const step: SendStep = { do: 'send', action: 'DataTransfer', payload: { vendorId: 'org.example' } };
 * ```
 */
export interface SendStep extends StepBase {
  readonly do: 'send';
  readonly action: string;
  readonly payload: Readonly<Record<string, unknown>>;
}
/**
 * The CSMS is made to send a call, through the run's CSMS control (OCTT asks an operator). The
 * control decides how: a pass-through API sends `params` as they are, a CSMS with its own
 * commands picks its own. `intent` names the operator's action where a control needs it.
 *
 * @example
 * ```ts
 * const step: TriggerStep = { do: 'trigger', action: 'Reset', params: { type: 'Soft' } };
 * ```
 */
export interface TriggerStep extends StepBase {
  readonly do: 'trigger';
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly intent?: string;
}
/**
 * The station answers the next `times` (default 1) calls of `action` with `with`, not by its own logic.
 *
 * @example
 * ```ts
 * const step: RespondStep = { do: 'respond', action: 'UnlockConnector', with: { status: 'NotSupported' } };
 * ```
 */
export interface RespondStep extends StepBase {
  readonly do: 'respond';
  readonly action: string;
  readonly with: Readonly<Record<string, unknown>>;
  readonly times?: number;
}
/**
 * A second connection under the station's identity, to see the CSMS accept or refuse a credential.
 *
 * @example
 * ```ts
 * const step: ConnectStep = { do: 'connect', password: '${stationPassword}', outcome: 'accepted' };
 * ```
 */
export interface ConnectStep extends StepBase {
  readonly do: 'connect';
  /** The password to present (default: the run's). */
  readonly password?: string;
  /** A Basic-auth username other than the identity. */
  readonly username?: string;
  readonly outcome: 'accepted' | 'rejected';
}
/**
 * Sets variables for later steps.
 *
 * @example
 * ```ts
 * const step: SetStep = { do: 'set', vars: { transactionId: 'TX-1' } };
 * ```
 */
export interface SetStep extends StepBase {
  readonly do: 'set';
  readonly vars: Readonly<Record<string, unknown>>;
}

/**
 * A step that acts.
 *
 * @example
 * ```ts
 * const acts = scenario.steps.filter((s): s is ActionStep => 'do' in s);
 * ```
 */
export type ActionStep =
  | StartStep
  | StopStep
  | PowerCycleStep
  | PlugInStep
  | UnplugStep
  | PresentTokenStep
  | StopChargingStep
  | FaultStep
  | ClearFaultStep
  | NetworkStep
  | WaitStep
  | SendStep
  | TriggerStep
  | RespondStep
  | ConnectStep
  | SetStep;

/**
 * A step that waits for a frame: a `call`, a `result` (CALLRESULT) or an `error` (CALLERROR)
 * sent by `from` (default `csms`) for `action`. It searches the frames since the last acting
 * step that no earlier expect took, in order, and passes with the first that matches.
 *
 * @example
 * ```ts
 * const step: ExpectStep = { expect: 'result', action: 'Authorize', match: { 'idTagInfo.status': 'Accepted' } };
 * ```
 */
export interface ExpectStep extends StepBase {
  readonly expect: 'call' | 'result' | 'error';
  readonly action: string;
  readonly from?: 'csms' | 'station';
  /** Must hold, or the step fails. */
  readonly match?: Matchers;
  /** Should hold: when not, the case passes with a warning. */
  readonly should?: Matchers;
  /** Variables to take from the frame's payload: name → field path. */
  readonly capture?: Readonly<Record<string, string>>;
  /** Real milliseconds to wait (default: the run's answer timeout). */
  readonly within?: number;
  /**
   * Milliseconds on the station's clock: the runner moves the station's time ahead (timer by
   * timer) until the frame comes or this much station time passed.
   */
  readonly stationWithin?: number;
}

/**
 * Any step.
 *
 * @example
 * ```ts
 * const steps: Step[] = [{ do: 'start' }, { expect: 'result', action: 'BootNotification' }];
 * ```
 */
export type Step = ActionStep | ExpectStep;

/**
 * The station a scenario runs on.
 *
 * @example
 * ```ts
 * const station: StationSetup = { connectors: 2, config: { ConnectionTimeOut: '30' } };
 * ```
 */
export interface StationSetup {
  /** Connectors (default 1). */
  readonly connectors?: number;
  /** Configuration the station starts with (1.6 keys, e.g. `{ LocalPreAuthorize: 'true' }`). */
  readonly config?: Readonly<Record<string, string>>;
  /** Every simulated download and upload fails. */
  readonly failTransfers?: boolean;
  /** Push the security extension's boot events (default false: OCTT's station sends none). */
  readonly securityEvents?: boolean;
}

/**
 * What a scenario needs from the run; without it the scenario is not applicable. `csmsControl`:
 * a CSMS control; `password`: the station's password; `certificateSigning`: a CSMS that signs
 * station certificates (security profile 3), which the run must declare (`csmsFeatures`).
 *
 * @example
 * ```ts
 * const needs: ScenarioNeed[] = ['csmsControl'];
 * ```
 */
export type ScenarioNeed = 'csmsControl' | 'password' | 'certificateSigning';

/**
 * A scenario, version 1. Strings anywhere in steps may use variables: `${name}` for a run
 * setting (`identity`, `validIdTag`, `invalidIdTag`, `blockedIdTag`, `expiredIdTag`,
 * `password`, `runId` — unique per run) or a captured value; `${now}` and `${now+90s}` / `${now-5m}` / `${now+1h}` for
 * times on the station's clock (ISO 8601). A string that is a single variable keeps its type.
 *
 * @example
 * ```json
 * { "version": 1, "id": "my-boot", "name": "The CSMS accepts a boot", "protocol": "ocpp1.6",
 *   "steps": [{ "do": "start" }, { "expect": "result", "action": "BootNotification", "match": { "status": "Accepted" } }] }
 * ```
 */
export interface Scenario {
  readonly $schema?: string;
  readonly version: typeof SCENARIO_VERSION;
  readonly id: string;
  readonly name: string;
  readonly protocol: OCPPProtocol;
  readonly description?: string;
  /** Spec clauses the scenario checks (e.g. "OCPP 1.6 §4.2", "B01.FR.02"). */
  readonly requirements?: readonly string[];
  readonly needs?: readonly ScenarioNeed[];
  readonly station?: StationSetup;
  readonly steps: readonly Step[];
}
