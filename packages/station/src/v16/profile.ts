import type { OCPPClient } from '@ocpp-ws-io/core';
import { AbortError, NO_REPLY } from '@ocpp-ws-io/core';
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
import { KEYS_16, seedConfig } from './config.js';
import { COVERAGE_16 } from './coverage.js';
import { applyConfiguration } from './handlers/configuration.js';
import { installHandlers } from './handlers/index.js';
import { Operations } from './operations.js';
import { Reservations } from './reservations.js';
import { Sessions } from './sessions.js';
import { StatusReporter } from './status.js';
import { triggerMessage } from './trigger.js';

type Actions16 = ActionMap['ocpp1.6'];
/** Station-initiated 1.6 actions the profile sends. */
export type Outbound16 = keyof Actions16 & string;
type Request16<A extends Outbound16> = Actions16[A]['request'];
type Response16<A extends Outbound16> = Actions16[A]['response'];

/**
 * The OCPP 1.6 profile (edition 2 + security extension): handlers for every CSMS-initiated action
 * and the station-initiated messages, built from parts that each own one concern.
 */
export class Ocpp16 implements ProtocolProfile {
  readonly protocol = 'ocpp1.6';
  readonly coverage = COVERAGE_16;
  readonly hiddenConfigKeys = ['AuthorizationKey'];
  readonly client: OCPPClient<'ocpp1.6'>;
  readonly status: StatusReporter;
  readonly bootSequence: BootSequence;
  readonly auth: Authorizer;
  readonly sessions: Sessions;
  readonly operations: Operations;
  readonly reservations: Reservations;
  readonly meterClock: AlignedSampler;
  readonly certificates: Certificates;

  constructor(readonly ctx: StationContext) {
    this.client = ctx.client as OCPPClient<'ocpp1.6'>;
    seedConfig(ctx.state.config, ctx.model);
    this.status = new StatusReporter(this);
    this.bootSequence = new BootSequence(this);
    this.auth = new Authorizer(this);
    this.sessions = new Sessions(this);
    this.operations = new Operations(this);
    this.reservations = new Reservations(this);
    this.meterClock = new AlignedSampler(this);
    this.certificates = new Certificates(this);
  }

  /** The CSMS accepted this run's BootNotification (§4.2). */
  get accepted(): boolean {
    return this.ctx.state.boot.status === 'Accepted';
  }

  /**
   * Sends a station-initiated message. Before the CSMS accepted the boot nothing but
   * BootNotification may go (§4.2), unless the CSMS asked for it with a trigger (`triggered`).
   * Failures go to the station's `error` event; the promise resolves undefined then.
   */
  async send<A extends Outbound16>(
    action: A,
    params: Request16<A>,
    options: { readonly triggered?: boolean; readonly onStored?: () => void } = {},
  ): Promise<Response16<A> | undefined> {
    if (action !== 'BootNotification' && !this.accepted && !options.triggered) return undefined;
    if (this.ctx.state.boot.status === 'Rejected' && action !== 'BootNotification') return undefined;
    try {
      const call = this.client.call as (a: string, p: unknown, o?: object) => Promise<unknown>;
      return (await call.call(
        this.client,
        action,
        params,
        options.onStored ? { onStored: options.onStored } : undefined,
      )) as Response16<A>;
    } catch (error) {
      // Closing the client (stop, reboot) aborts calls still waiting; durable ones stay stored
      // and go out with the next connection, so that is no failure to report.
      if (!(error instanceof AbortError)) this.ctx.fail(error);
      return undefined;
    }
  }

  /**
   * Registers a handler. While the CSMS has rejected the station it answers nothing at all
   * ("While Rejected, the Charge Point SHALL NOT respond to any Central System initiated
   * message", §4.2).
   */
  handle<A extends keyof Actions16 & string>(
    action: A,
    handler: (
      params: Actions16[A]['request'],
    ) => Actions16[A]['response'] | Promise<Actions16[A]['response']>,
  ): () => void {
    return this.client.handle(
      action as never,
      (async ({ params }: { params: Actions16[A]['request'] }) => {
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

  install(): () => void {
    return installHandlers(this);
  }

  recover(previousRunEnded: boolean): void {
    this.sessions.recover(previousRunEnded);
    this.operations.recover();
  }

  boot(): Promise<BootStatus> {
    return this.bootSequence.start();
  }

  reportStatus(connectorId?: number): void {
    if (connectorId === undefined) this.status.reportAll();
    else this.status.report(connectorId);
  }

  statusOf(connectorId: number): string {
    return this.status.statusOf(connectorId);
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
    this.status.report(connectorId);
  }

  stopTransaction(connectorId: number, reason: StopReason): Promise<void> {
    return this.sessions.stop(connectorId, reason);
  }

  sampleMeterValues(connectorId: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void {
    this.sessions.sample(connectorId, context);
  }

  trigger(message: string, connectorId?: number): 'Accepted' | 'Rejected' | 'NotImplemented' {
    return triggerMessage(this, message, connectorId);
  }

  dispose(): void {
    this.bootSequence.dispose();
  }

  configKeys(): readonly ConfigKeyInfo[] {
    return KEYS_16.filter((d) => !d.writeOnly).map((d) => ({
      key: d.key,
      readOnly: !!d.readonly,
      rebootRequired: !!d.rebootRequired,
    }));
  }

  configure(key: string, value: string): ConfigChangeStatus {
    return applyConfiguration(this, key, value);
  }
}

/**
 * The built-in factory for `ocpp1.6`.
 *
 * @example
 * ```ts
 * new VirtualStation({ client, vendor: 'Acme', model: 'X1', profiles: { 'ocpp1.6': createOcpp16Profile } });
 * ```
 */
export const createOcpp16Profile = (ctx: StationContext): ProtocolProfile => new Ocpp16(ctx);
