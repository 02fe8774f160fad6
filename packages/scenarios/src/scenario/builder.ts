// The typed way to write a scenario: action names and payloads checked against the protocol's
// schemas, matcher paths against the payload's fields. build() gives the plain JSON document.

import type { ActionName, OCPPProtocol, RequestOf, ResponseOf } from '@ocpp-ws-io/core';
import {
  type ExpectStep,
  type Matcher,
  SCENARIO_VERSION,
  type Scenario,
  type ScenarioNeed,
  type StationSetup,
  type Step,
} from './types.js';

/**
 * A variable reference in a string: `${name}`, `${now+5m}`.
 *
 * @example
 * ```ts
 * const tx: Variable = v('transactionId'); // '${transactionId}'
 * ```
 */
export type Variable = `\${${string}}`;

/**
 * A reference to variable `name` (a run setting, a capture, or `now+5m`), for builder payloads.
 *
 * @example
 * ```ts
 * builder.trigger('RemoteStopTransaction', { transactionId: v('transactionId') });
 * ```
 */
export function v(name: string): Variable {
  return `\${${name}}`;
}

/**
 * `T` where any value may also be a {@link Variable}.
 *
 * @example
 * ```ts
 * const stop: Templated<{ transactionId: number }> = { transactionId: v('transactionId') };
 * ```
 */
export type Templated<T> = T extends string
  ? T | Variable
  : T extends number | boolean
    ? T | Variable
    : T extends readonly (infer U)[]
      ? readonly Templated<U>[] | Variable
      : T extends object
        ? { readonly [K in keyof T]: Templated<T[K]> } | Variable
        : T;

type Depth = [never, 0, 1, 2, 3, 4];

/**
 * Field paths of a payload, as matchers and captures take them (`a.b`, `list.*.c`, `list.0`).
 *
 * @example
 * ```ts
 * const path: PayloadPath<{ idTagInfo: { status: string } }> = 'idTagInfo.status';
 * ```
 */
export type PayloadPath<T, D extends number = 5> = [D] extends [never]
  ? never
  : T extends readonly (infer U)[]
    ?
        | '*'
        | `${number}`
        | `*.${PayloadPath<NonNullable<U>, Depth[D]>}`
        | `${number}.${PayloadPath<NonNullable<U>, Depth[D]>}`
    : T extends object
      ? { [K in keyof T & string]: K | `${K}.${PayloadPath<NonNullable<T[K]>, Depth[D]>}` }[keyof T & string]
      : never;

/**
 * Matchers keyed by the fields of `T` (or `$` for the whole payload).
 *
 * @example
 * ```ts
 * const m: TypedMatchers<{ interval: number }> = { interval: { gt: 0 } };
 * ```
 */
export type TypedMatchers<T> = { readonly [P in PayloadPath<T> | '$']?: Matcher };

/**
 * Options of the expect methods; matcher and capture paths are typed by the payload.
 *
 * @example
 * ```ts
 * builder.expectResult('StartTransaction', { match: { 'idTagInfo.status': 'Accepted' }, capture: { transactionId: 'transactionId' } });
 * ```
 */
export interface ExpectOptions<T> {
  readonly match?: TypedMatchers<T>;
  readonly should?: TypedMatchers<T>;
  readonly capture?: Readonly<Record<string, PayloadPath<T> | '$'>>;
  readonly within?: number;
  readonly stationWithin?: number;
  readonly note?: string;
}

/**
 * The fields of a CALLERROR an `error` expect matches.
 *
 * @example
 * ```ts
 * builder.expectError('DataTransfer', { match: { code: 'NotImplemented' } });
 * ```
 */
export interface ErrorFields {
  readonly code: string;
  readonly description: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * What a scenario is, apart from its steps.
 *
 * @example
 * ```ts
 * const head: ScenarioHead<'ocpp1.6'> = { id: 'boot', name: 'The CSMS accepts a boot', protocol: 'ocpp1.6' };
 * ```
 */
export interface ScenarioHead<TProtocol extends OCPPProtocol> {
  readonly id: string;
  readonly name: string;
  readonly protocol: TProtocol;
  readonly description?: string;
  readonly requirements?: readonly string[];
  readonly needs?: readonly ScenarioNeed[];
  readonly station?: StationSetup;
}

/**
 * A reusable sequence of steps (a "reusable state" of a test case document).
 *
 * @example
 * ```ts
 * const booted: Macro<'ocpp1.6'> = (b) => b.start().expectResult('BootNotification', { match: { status: 'Accepted' } });
 * scenario(head).use(booted).build();
 * ```
 */
export type Macro<TProtocol extends OCPPProtocol> = (builder: ScenarioBuilder<TProtocol>) => unknown;

type Req<P extends OCPPProtocol, A extends string> = RequestOf<P, A>;
type Res<P extends OCPPProtocol, A extends string> = ResponseOf<P, A>;

/**
 * Builds a {@link Scenario} step by step, typed for protocol `TProtocol`. See {@link scenario}.
 *
 * @example
 * ```ts
 * const builder: ScenarioBuilder<'ocpp1.6'> = scenario({ id: 'x', name: 'X', protocol: 'ocpp1.6' });
 * builder.start().plugIn(1).presentToken(v('validIdTag'));
 * ```
 */
export class ScenarioBuilder<TProtocol extends OCPPProtocol> {
  readonly #head: ScenarioHead<TProtocol>;
  readonly #steps: Step[] = [];

  constructor(head: ScenarioHead<TProtocol>) {
    this.#head = head;
  }

  #add(step: Step): this {
    this.#steps.push(step);
    return this;
  }

  #note<T extends object>(step: T, note: string | undefined): T {
    return note === undefined ? step : { ...step, note };
  }

  /** The station connects, boots and reports its connectors. */
  start(note?: string): this {
    return this.#add(this.#note({ do: 'start' }, note));
  }
  /** The station stops (transactions end with reason Other). */
  stop(note?: string): this {
    return this.#add(this.#note({ do: 'stop' }, note));
  }
  /** Power off and on: the station boots again and ends what was running with PowerLoss. */
  powerCycle(note?: string): this {
    return this.#add(this.#note({ do: 'powerCycle' }, note));
  }
  plugIn(connectorId = 1, note?: string): this {
    return this.#add(this.#note({ do: 'plugIn', connectorId }, note));
  }
  unplug(connectorId = 1, note?: string): this {
    return this.#add(this.#note({ do: 'unplug', connectorId }, note));
  }
  presentToken(idTag: string, connectorId?: number, note?: string): this {
    return this.#add(
      this.#note({ do: 'presentToken', idTag, ...(connectorId === undefined ? {} : { connectorId }) }, note),
    );
  }
  stopCharging(connectorId = 1, reason?: string, note?: string): this {
    return this.#add(this.#note({ do: 'stopCharging', connectorId, ...(reason ? { reason } : {}) }, note));
  }
  fault(connectorId: number, errorCode: string, note?: string): this {
    return this.#add(this.#note({ do: 'fault', connectorId, errorCode }, note));
  }
  clearFault(connectorId: number, note?: string): this {
    return this.#add(this.#note({ do: 'clearFault', connectorId }, note));
  }
  goOffline(note?: string): this {
    return this.#add(this.#note({ do: 'goOffline' }, note));
  }
  comeBack(note?: string): this {
    return this.#add(this.#note({ do: 'comeBack' }, note));
  }
  /** Time passes: `ms` on the station's clock (skipped at once), or in real time. */
  wait(ms: number, clock: 'station' | 'real' = 'station', note?: string): this {
    return this.#add(this.#note({ do: 'wait', ms, ...(clock === 'real' ? { clock } : {}) }, note));
  }
  /** The station sends `action` with `payload`, past its own logic. */
  send<A extends ActionName<TProtocol>>(
    action: A,
    payload: Templated<Req<TProtocol, A>>,
    note?: string,
  ): this {
    return this.#add(this.#note({ do: 'send', action, payload: payload as Record<string, unknown> }, note));
  }
  /** The CSMS is made to send `action` (through the run's CSMS control). */
  trigger<A extends ActionName<TProtocol>>(
    action: A,
    params: Templated<Req<TProtocol, A>>,
    options: { readonly intent?: string; readonly note?: string } = {},
  ): this {
    return this.#add(
      this.#note(
        {
          do: 'trigger',
          action,
          params: params as Record<string, unknown>,
          ...(options.intent ? { intent: options.intent } : {}),
        },
        options.note,
      ),
    );
  }
  /** The station answers the next `times` calls of `action` with `response`. */
  respond<A extends ActionName<TProtocol>>(
    action: A,
    response: Templated<Res<TProtocol, A>>,
    options: { readonly times?: number; readonly note?: string } = {},
  ): this {
    return this.#add(
      this.#note(
        {
          do: 'respond',
          action,
          with: response as Record<string, unknown>,
          ...(options.times ? { times: options.times } : {}),
        },
        options.note,
      ),
    );
  }
  /** A second connection under the station's identity: the CSMS must accept or refuse it. */
  connect(
    outcome: 'accepted' | 'rejected',
    options: { readonly password?: string; readonly username?: string; readonly note?: string } = {},
  ): this {
    const { note, ...rest } = options;
    return this.#add(this.#note({ do: 'connect', outcome, ...rest }, note));
  }
  /** Sets variables for later steps. */
  set(vars: Readonly<Record<string, unknown>>, note?: string): this {
    return this.#add(this.#note({ do: 'set', vars }, note));
  }

  #expect(kind: ExpectStep['expect'], from: 'csms' | 'station', action: string, options: object): this {
    const step = { expect: kind, action, ...(from === 'station' ? { from } : {}), ...options } as ExpectStep;
    return this.#add(step);
  }

  /** The CSMS sends a call of `action`. */
  expectCall<A extends ActionName<TProtocol>>(
    action: A,
    options: ExpectOptions<Req<TProtocol, A>> = {},
  ): this {
    return this.#expect('call', 'csms', action, options);
  }
  /** The CSMS answers the station's `action` (a CALLRESULT). */
  expectResult<A extends ActionName<TProtocol>>(
    action: A,
    options: ExpectOptions<Res<TProtocol, A>> = {},
  ): this {
    return this.#expect('result', 'csms', action, options);
  }
  /** The CSMS answers the station's `action` with a CALLERROR. */
  expectError<A extends ActionName<TProtocol>>(action: A, options: ExpectOptions<ErrorFields> = {}): this {
    return this.#expect('error', 'csms', action, options);
  }
  /** The station sends a call of `action` (what the virtual station must do for the case). */
  expectStationCall<A extends ActionName<TProtocol>>(
    action: A,
    options: ExpectOptions<Req<TProtocol, A>> = {},
  ): this {
    return this.#expect('call', 'station', action, options);
  }
  /** The station answers the CSMS's `action`. */
  expectStationResult<A extends ActionName<TProtocol>>(
    action: A,
    options: ExpectOptions<Res<TProtocol, A>> = {},
  ): this {
    return this.#expect('result', 'station', action, options);
  }
  /** The station sends `action` and the CSMS answers it: the call, then its result. */
  exchange<A extends ActionName<TProtocol>>(
    action: A,
    call: ExpectOptions<Req<TProtocol, A>> = {},
    result: ExpectOptions<Res<TProtocol, A>> = {},
  ): this {
    return this.expectStationCall(action, call).expectResult(action, result);
  }

  /** Adds the steps of a macro (a reusable state such as "Charging"). */
  use(macro: Macro<TProtocol>): this {
    macro(this);
    return this;
  }

  /** The scenario as a plain JSON document. */
  build(): Scenario {
    const { id, name, protocol, description, requirements, needs, station } = this.#head;
    return {
      version: SCENARIO_VERSION,
      id,
      name,
      protocol,
      ...(description ? { description } : {}),
      ...(requirements?.length ? { requirements } : {}),
      ...(needs?.length ? { needs } : {}),
      ...(station ? { station } : {}),
      steps: [...this.#steps],
    };
  }
}

/**
 * Starts a typed scenario for `protocol`: actions and payloads are checked against that version's
 * schemas, matcher paths against the payload's fields.
 *
 * @example
 * ```ts
 * const boot = scenario({ id: 'boot', name: 'The CSMS accepts a boot', protocol: 'ocpp1.6' })
 *   .start()
 *   .expectResult('BootNotification', { match: { status: 'Accepted', interval: { gt: 0 } } })
 *   .build();
 * ```
 */
export function scenario<TProtocol extends OCPPProtocol>(
  head: ScenarioHead<TProtocol>,
): ScenarioBuilder<TProtocol> {
  return new ScenarioBuilder(head);
}
