import type { OCPPClient } from '@ocpp-ws-io/core';
import { NO_REPLY } from '@ocpp-ws-io/core';
import type { ActionMap } from '@ocpp-ws-io/schemas';
import type { BootStatus, StopReason } from '../model/state.js';
import type {
  ConfigChangeStatus,
  ConfigKeyInfo,
  ProtocolProfile,
  StationContext,
  TokenOutcome,
} from '../profile.js';
import { AlignedSampler } from './aligned.js';
import { Authorizer } from './auth.js';
import { BootSequence } from './boot.js';
import { Certificates } from './certificates.js';
import { COVERAGE_21, COVERAGE_201 } from './coverage.js';
import { DerControls } from './der.js';
import { DeviceModel } from './device-model/model.js';
import { configKey } from './device-model/types.js';
import { DisplayMessages } from './display-messages.js';
import { installHandlers } from './handlers/index.js';
import { configKeys, configure } from './local-config.js';
import { Monitoring } from './monitoring.js';
import { Network } from './network.js';
import { Operations } from './operations.js';
import { Reservations } from './reservations.js';
import { Resets } from './resets.js';
import { Sampler } from './sampling.js';
import { Sessions } from './sessions.js';
import { type Ocpp2State, ocpp2State } from './state.js';
import { StatusReporter } from './status.js';
import { Streams } from './streams.js';
import { Tariffs } from './tariffs.js';
import { triggerMessage } from './trigger.js';
import { Uploads } from './uploads.js';

export type Ocpp2Protocol = 'ocpp2.0.1' | 'ocpp2.1';
type Actions201 = ActionMap['ocpp2.0.1'];
type Actions21 = ActionMap['ocpp2.1'];
/** Station-initiated actions both versions share (typed by 2.0.1, whose payloads 2.1 accepts). */
export type Outbound2 = keyof Actions201 & string;
/** Actions only 2.1 has. */
export type Outbound21 = Exclude<keyof Actions21 & string, Outbound2 | 'NotifyPeriodicEventStream'>;

/** How a station-initiated message may go. */
export interface SendOptions {
  /** The CSMS asked for it (a trigger, a report): it may go while the boot is Pending (B02). */
  readonly requested?: boolean;
  /** Called once a durable message is in the client's store. */
  readonly onStored?: () => void;
}

/** The configuration key of the write-only Basic-auth password (never in snapshots). */
const BASIC_AUTH_PASSWORD = configKey({ component: 'SecurityCtrlr', variable: 'BasicAuthPassword' });

/**
 * The OCPP 2.0.1 and 2.1 profile: handlers for every CSMS-initiated action of the negotiated
 * version and the station-initiated messages, built from parts that each own one functional block.
 * The two versions share it; 2.1 adds its own actions (tariffs, DER, periodic event streams…).
 */
export class Ocpp2 implements ProtocolProfile {
  readonly coverage;
  readonly hiddenConfigKeys = [BASIC_AUTH_PASSWORD];
  readonly client: OCPPClient<'ocpp2.0.1'>;
  readonly data: Ocpp2State;
  readonly device: DeviceModel;
  readonly status: StatusReporter;
  readonly bootSequence: BootSequence;
  readonly auth: Authorizer;
  readonly sessions: Sessions;
  readonly reservations: Reservations;
  readonly operations: Operations;
  readonly certificates: Certificates;
  readonly monitoring: Monitoring;
  readonly displays: DisplayMessages;
  readonly network: Network;
  readonly meterClock: AlignedSampler;
  readonly sampler: Sampler;
  readonly uploads: Uploads;
  readonly resets: Resets;
  readonly tariffs: Tariffs;
  readonly der: DerControls;
  readonly streams: Streams;

  constructor(
    readonly ctx: StationContext,
    readonly protocol: Ocpp2Protocol,
  ) {
    this.coverage = protocol === 'ocpp2.1' ? COVERAGE_21 : COVERAGE_201;
    this.client = ctx.client as OCPPClient<'ocpp2.0.1'>;
    this.data = ocpp2State(ctx.state);
    this.device = new DeviceModel(this);
    this.device.seed();
    this.status = new StatusReporter(this);
    this.bootSequence = new BootSequence(this);
    this.auth = new Authorizer(this);
    this.sessions = new Sessions(this);
    this.reservations = new Reservations(this);
    this.operations = new Operations(this);
    this.certificates = new Certificates(this);
    this.monitoring = new Monitoring(this);
    this.displays = new DisplayMessages(this);
    this.network = new Network(this);
    this.meterClock = new AlignedSampler(this);
    this.sampler = new Sampler(this);
    this.uploads = new Uploads(this);
    this.resets = new Resets(this);
    this.tariffs = new Tariffs(this);
    this.der = new DerControls(this);
    this.streams = new Streams(this);
  }

  /** The CSMS accepted this run's BootNotification (B01). */
  get accepted(): boolean {
    return this.ctx.state.boot.status === 'Accepted';
  }

  /** A device-model setting of the station's own, by component and variable. */
  setting(component: string, variable: string, variableInstance?: string): string {
    return this.device.setting(component, variable, variableInstance);
  }

  /** A boolean setting (`true` only when it reads exactly that). */
  flag(component: string, variable: string, variableInstance?: string): boolean {
    return this.setting(component, variable, variableInstance) === 'true';
  }

  /** A numeric setting (0 when not a number). */
  number(component: string, variable: string, variableInstance?: string): number {
    const n = Number(this.setting(component, variable, variableInstance));
    return Number.isFinite(n) ? n : 0;
  }

  /** A list setting (MemberList / SequenceList). */
  list(component: string, variable: string, variableInstance?: string): string[] {
    return this.setting(component, variable, variableInstance)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /**
   * Sends a station-initiated message. Before the CSMS accepted the boot nothing but
   * BootNotification goes (B02: Pending; B03: Rejected), except what the CSMS asked for while
   * Pending (`requested`). Failures go to the station's `error` event; the promise resolves
   * undefined then.
   */
  send<A extends Outbound2>(
    action: A,
    params: Actions201[A]['request'],
    options: SendOptions = {},
  ): Promise<Actions201[A]['response'] | undefined> {
    return this.#call(action, params, options) as Promise<Actions201[A]['response'] | undefined>;
  }

  /** {@link Ocpp2.send} for an action only OCPP 2.1 has. */
  send21<A extends Outbound21>(
    action: A,
    params: Actions21[A]['request'],
    options: SendOptions = {},
  ): Promise<Actions21[A]['response'] | undefined> {
    return this.#call(action, params, options) as Promise<Actions21[A]['response'] | undefined>;
  }

  async #call(action: string, params: unknown, options: SendOptions): Promise<unknown> {
    const status = this.ctx.state.boot.status;
    if (action !== 'BootNotification' && (status === 'Rejected' || (!this.accepted && !options.requested)))
      return undefined;
    try {
      const call = this.client.call as (a: string, p: unknown, o?: object) => Promise<unknown>;
      return await call.call(
        this.client,
        action,
        params,
        options.onStored ? { onStored: options.onStored } : undefined,
      );
    } catch (error) {
      this.ctx.fail(error);
      return undefined;
    }
  }

  /**
   * Registers a handler. While the CSMS has rejected the station it answers nothing at all (B03:
   * the station sends no message until the retry interval expired; the CSMS should not call it).
   */
  handle<A extends keyof Actions201 & string>(
    action: A,
    handler: (
      params: Actions201[A]['request'],
    ) => Actions201[A]['response'] | Promise<Actions201[A]['response']>,
  ): () => void {
    return this.#register(action, handler as (params: unknown) => unknown);
  }

  /** {@link Ocpp2.handle} for an action only OCPP 2.1 has (or its 2.1 payload). */
  handle21<A extends keyof Actions21 & string>(
    action: A,
    handler: (
      params: Actions21[A]['request'],
    ) => Actions21[A]['response'] | Promise<Actions21[A]['response']>,
  ): () => void {
    return this.#register(action, handler as (params: unknown) => unknown);
  }

  #register(action: string, handler: (params: unknown) => unknown): () => void {
    return this.client.handle(
      action as never,
      (async ({ params }: { params: unknown }) => {
        if (this.ctx.state.boot.status === 'Rejected') return NO_REPLY;
        const response = await handler(params);
        this.ctx.changed();
        return response;
      }) as never,
    );
  }

  /** Runs `task` right after the current handler's answer went out. */
  afterAnswer(name: string, task: () => void | Promise<void>): void {
    this.ctx.timers.set(name, 0, () => {
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => this.ctx.fail(error));
    });
  }

  /**
   * Recomputes the limits and power (see StationContext.applyLimits) and looks at the monitors
   * that watch power: the physics reports only what time changes, not what the profile changed.
   */
  applyLimits(): void {
    this.ctx.applyLimits();
    this.monitoring.evaluate();
  }

  /** An ISO 8601 timestamp of the station's clock (now, or `ms`). */
  iso(ms = this.ctx.clock.now()): string {
    return new Date(ms).toISOString();
  }

  install(): () => void {
    return installHandlers(this);
  }

  recover(previousRunEnded: boolean): void {
    this.sessions.recover(previousRunEnded);
    this.operations.recover();
    this.uploads.recover();
    this.monitoring.recover();
  }

  boot(): Promise<BootStatus> {
    return this.bootSequence.start();
  }

  reportStatus(connectorId?: number): void {
    if (connectorId === undefined) this.status.reportAll();
    else this.status.report(connectorId);
  }

  statusOf(connectorId: number): string {
    return connectorId === 0 ? this.status.stationStatus() : this.status.statusOf(connectorId);
  }

  plugged(connectorId: number): void {
    this.sessions.plugged(connectorId);
  }

  unplugged(connectorId: number): void {
    this.sessions.unplugged(connectorId);
  }

  presentToken(idTag: string, connectorId?: number): Promise<TokenOutcome> {
    return this.sessions.presentToken(idTag, connectorId);
  }

  faultChanged(connectorId: number): void {
    this.sessions.faultChanged(connectorId);
  }

  powerChanged(connectorId: number): void {
    this.sessions.powerChanged(connectorId);
  }

  stopTransaction(connectorId: number, reason: StopReason): Promise<void> {
    return this.sessions.stop(connectorId, reason);
  }

  sampleMeterValues(connectorId: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void {
    this.sampler.sample(connectorId, context);
  }

  trigger(message: string, connectorId?: number): 'Accepted' | 'Rejected' | 'NotImplemented' {
    return triggerMessage(this, message, connectorId === undefined ? undefined : { id: connectorId });
  }

  configKeys(): readonly ConfigKeyInfo[] {
    return configKeys(this);
  }

  configure(key: string, value: string): ConfigChangeStatus {
    return configure(this, key, value);
  }

  dispose(): void {
    this.bootSequence.dispose();
  }
}

/** The built-in factory for `ocpp2.0.1`. */
export const createOcpp201Profile = (ctx: StationContext): ProtocolProfile => new Ocpp2(ctx, 'ocpp2.0.1');

/** The built-in factory for `ocpp2.1`. */
export const createOcpp21Profile = (ctx: StationContext): ProtocolProfile => new Ocpp2(ctx, 'ocpp2.1');
