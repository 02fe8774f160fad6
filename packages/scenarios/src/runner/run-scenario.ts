// Runs one scenario on a fresh virtual station against a live CSMS and says, step by step,
// whether the CSMS did what the scenario expects.

import { interpolate } from '../scenario/template.js';
import type { ActionStep, ExpectStep, Matchers, Scenario } from '../scenario/types.js';
import type { TraceLine } from '../trace/line.js';
import { recordTrace } from '../trace/record.js';
import { notApplicable } from './applicable.js';
import { awaitFrame } from './await-frame.js';
import { describeStep } from './describe.js';
import { DEFAULT_ID_TAGS, type RunOptions } from './options.js';
import { probeConnection } from './probe.js';
import type { ScenarioResult } from './result.js';
import { payloadProblem } from './schema-check.js';
import { Session } from './session.js';
import { StepFailure } from './step-failure.js';
import { triggerCsms } from './trigger.js';
import { Watcher } from './watcher.js';

/** Steps after which later expects look only at newer frames. */
const ACTING = new Set([
  'start',
  'stop',
  'powerCycle',
  'plugIn',
  'unplug',
  'presentToken',
  'stopCharging',
  'fault',
  'clearFault',
  'goOffline',
  'comeBack',
  'send',
  'trigger',
  'connect',
]);

let runCount = 0;

/**
 * Runs `scenario` against the CSMS in `options` on a fresh virtual station and resolves with its
 * result (it never rejects for a failing CSMS: that is a `failed` result with the reason, the
 * step and the frames around it).
 *
 * @example
 * ```ts
 * import { nodeConnector } from '@ocpp-ws-io/node';
 * const result = await runScenario(bootScenario, { endpoint: 'ws://127.0.0.1:9000/ocpp', identity: 'CP-1', connector: nodeConnector() });
 * console.log(result.status, result.reason ?? '');
 * ```
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const base = { id: scenario.id, name: scenario.name, protocol: scenario.protocol };
  const skip = notApplicable(scenario, options);
  if (skip)
    return { ...base, status: 'skipped', reason: skip, warnings: [], durationMs: 0, trace: [], captured: {} };
  return new ScenarioRun(scenario, options).run(started);
}

class ScenarioRun {
  readonly #answerMs: number;
  readonly #session: Session;
  readonly #watcher = new Watcher();
  readonly #trace: TraceLine[] = [];
  readonly #vars: Record<string, unknown>;
  readonly #captured: Record<string, unknown> = {};
  readonly #warnings: string[] = [];
  readonly #background: Promise<unknown>[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly options: RunOptions,
  ) {
    this.#answerMs = options.answerTimeoutMs ?? 30_000;
    const idTags = { ...DEFAULT_ID_TAGS, ...options.idTags };
    this.#vars = {
      identity: options.identity,
      password: options.password,
      validIdTag: idTags.valid,
      invalidIdTag: idTags.invalid,
      blockedIdTag: idTags.blocked,
      expiredIdTag: idTags.expired,
      // Unique per run (ids a CSMS keeps must not repeat across runs): time, base 36.
      runId: `${Date.now().toString(36)}${(runCount++).toString(36)}`,
      ...options.vars,
    };
    this.#session = new Session({
      endpoint: options.endpoint,
      identity: options.identity,
      password: options.password,
      protocol: scenario.protocol,
      connector: options.connector,
      answerTimeoutMs: this.#answerMs,
      vendor: options.vendor ?? 'ocpp-ws-io',
      model: options.model ?? 'VirtualStation',
      setup: scenario.station ?? {},
    });
  }

  async run(started: number): Promise<ScenarioResult> {
    const stopRecording = recordTrace(
      this.#session.client,
      (line) => {
        this.#trace.push(line);
        this.#watcher.add(line);
        if (this.options.trace) {
          if (typeof this.options.trace === 'function') this.options.trace(line);
          else this.options.trace.write(line);
        }
      },
      { now: () => this.#session.clock.now() },
    );
    let failure: Pick<ScenarioResult, 'reason' | 'step' | 'context'> | undefined;
    const steps = this.scenario.steps;
    for (let index = 0; index < steps.length && !failure; index++) {
      const step = steps[index]!;
      const description = describeStep(step);
      this.options.onStep?.({ caseId: this.scenario.id, index, description });
      try {
        if (!('do' in step)) await this.#expect(step);
        else {
          if (ACTING.has(step.do)) this.#watcher.markNow();
          await this.#act(step);
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failure = {
          reason: error instanceof StepFailure ? reason : `${description}: ${reason}`,
          step: { index, description },
          context: this.#watcher.context(this.#watcher.log.frames.length),
        };
      }
    }
    await this.#session.close(Math.min(this.#answerMs, 5_000));
    await Promise.allSettled(this.#background);
    stopRecording();
    const warnings = [...this.#warnings, ...this.#watcher.leftovers()];
    for (const error of this.#session.errors)
      if (!failure) warnings.push(`the station reported: ${error.message}`);
    return {
      id: this.scenario.id,
      name: this.scenario.name,
      protocol: this.scenario.protocol,
      status: failure ? 'failed' : 'passed',
      ...failure,
      warnings: [...new Set(warnings)],
      durationMs: Date.now() - started,
      trace: this.#trace,
      captured: this.#captured,
    };
  }

  #fill<T>(value: T): T {
    return interpolate(value, this.#vars, this.#session.clock.now());
  }

  /** Runs `work` in the background (a driver's action takes its course); its failure is a warning. */
  #background_(work: Promise<unknown>, what: string): void {
    this.#background.push(
      work.catch((error: unknown) => this.#warnings.push(`${what}: ${(error as Error)?.message ?? error}`)),
    );
  }

  async #act(step: ActionStep): Promise<void> {
    const { station, client } = this.#session;
    const connectorId = 'connectorId' in step && step.connectorId !== undefined ? step.connectorId : 1;
    switch (step.do) {
      case 'start':
        try {
          await station.start();
        } catch (error) {
          throw new StepFailure(`the station could not connect and boot: ${(error as Error).message}`);
        }
        return;
      case 'stop':
        return station.stop({ deliveryTimeoutMs: this.#answerMs });
      case 'powerCycle':
        await station.stop({ powerCut: true });
        await station.start();
        return;
      case 'plugIn':
        return station.plugIn(
          connectorId,
          step.socPercent === undefined ? {} : { socPercent: step.socPercent },
        );
      case 'unplug':
        return station.unplug(connectorId);
      case 'presentToken':
        return this.#background_(
          station.presentToken(this.#fill(step.idTag), step.connectorId),
          `presenting ${step.idTag}`,
        );
      case 'stopCharging':
        return this.#background_(
          station.stopCharging(connectorId, (step.reason ?? 'Local') as never),
          'stopping the transaction',
        );
      case 'fault':
        return station.fault(connectorId, {
          errorCode: step.errorCode,
          ...(step.info ? { info: step.info } : {}),
        });
      case 'clearFault':
        return station.clearFault(connectorId);
      case 'goOffline':
        return station.goOffline();
      case 'comeBack':
        return station.comeBack();
      case 'wait':
        if (step.clock === 'real') await new Promise((resolve) => setTimeout(resolve, step.ms));
        else await this.#session.skipTo(this.#session.clock.now() + step.ms, this.#answerMs);
        return;
      case 'send': {
        const payload = this.#fill(step.payload);
        const problem = payloadProblem(this.scenario.protocol, step.action, 'request', payload);
        if (problem) throw new StepFailure(`the scenario's ${step.action} is invalid: ${problem}`);
        const call = client.call as (action: string, params: unknown) => Promise<unknown>;
        // What the CSMS answers (or not) is in the frames, for the expects and the warnings.
        call.call(client, step.action, payload).catch(() => undefined);
        return;
      }
      case 'trigger':
        return this.#trigger(step);
      case 'respond': {
        const response = this.#fill(step.with);
        const problem = payloadProblem(this.scenario.protocol, step.action, 'response', response);
        if (problem) throw new StepFailure(`the scenario's answer to ${step.action} is invalid: ${problem}`);
        return this.#session.responder.plan(step.action, response, step.times ?? 1);
      }
      case 'connect':
        return this.#probe(step);
      case 'set':
        Object.assign(this.#vars, this.#fill(step.vars));
        return;
    }
  }

  #trigger(step: Extract<ActionStep, { do: 'trigger' }>): Promise<void> {
    const request = {
      identity: this.options.identity,
      protocol: this.scenario.protocol,
      action: step.action,
      params: this.#fill(step.params),
      ...(step.intent ? { intent: step.intent } : {}),
      caseId: this.scenario.id,
    };
    return triggerCsms(this.options.control!, request, this.#answerMs);
  }

  async #probe(step: Extract<ActionStep, { do: 'connect' }>): Promise<void> {
    const { accepted, why } = await probeConnection({
      endpoint: this.options.endpoint,
      identity: this.options.identity,
      protocol: this.scenario.protocol,
      connector: this.options.connector,
      password: step.password === undefined ? this.options.password : this.#fill(step.password),
      username: step.username === undefined ? undefined : this.#fill(step.username),
      timeoutMs: this.#answerMs,
    });
    if (accepted && step.outcome === 'rejected')
      throw new StepFailure('the CSMS accepted a connection it should have refused');
    if (!accepted && step.outcome === 'accepted')
      throw new StepFailure(`the CSMS refused the connection: ${why}`);
  }

  async #expect(step: ExpectStep): Promise<void> {
    const found = await awaitFrame(
      step,
      this.#fill(step.match ?? {}) as Matchers,
      this.#fill(step.should ?? {}) as Matchers,
      { watcher: this.#watcher, session: this.#session, answerMs: this.#answerMs },
    );
    this.#warnings.push(...found.warnings);
    Object.assign(this.#vars, found.captured);
    Object.assign(this.#captured, found.captured);
  }
}
