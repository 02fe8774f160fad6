// BootNotification and what its answer means (B01 Accepted, B02 Pending, B03 Rejected), the
// heartbeat (G02), and the security events a boot reports once accepted (A04).

import type { BootStatus } from '../model/state.js';
import type { Ocpp2 } from './profile.js';
import type { BootReason } from './state.js';

/** Retry delay when the CSMS gives interval 0 or does not answer (the station picks its own). */
const FALLBACK_RETRY_S = 60;

/** The security event each boot reason stands for (2.0.1 appendix "Security events"). */
const BOOT_EVENT: Record<BootReason, string> = {
  PowerUp: 'StartupOfTheDevice',
  RemoteReset: 'ResetOrReboot',
  LocalReset: 'ResetOrReboot',
  ScheduledReset: 'ResetOrReboot',
  FirmwareUpdate: 'StartupOfTheDevice',
};

export class BootSequence {
  #firstAnswer: ((status: BootStatus) => void) | undefined;
  #disposed = false;

  constructor(private readonly p: Ocpp2) {}

  /** Sends BootNotification; resolves with the first answer (or 'Unknown' if none came). */
  start(): Promise<BootStatus> {
    const { data } = this.p;
    data.securityEvents.push({ type: BOOT_EVENT[data.bootReason], atMs: this.p.ctx.clock.now() });
    return new Promise<BootStatus>((resolve) => {
      this.#firstAnswer = resolve;
      void this.#send();
    });
  }

  /** A BootNotification the CSMS asked for (TriggerMessage while not yet accepted). */
  triggered(): void {
    void this.#send('Triggered');
  }

  dispose(): void {
    this.#disposed = true;
    this.#firstAnswer?.('Unknown');
    this.#firstAnswer = undefined;
  }

  async #send(reason?: 'Triggered'): Promise<void> {
    const { ctx, data } = this.p;
    const { model } = ctx;
    ctx.timers.clear('boot');
    const answer = await this.p.send('BootNotification', {
      reason: reason ?? data.bootReason,
      chargingStation: {
        vendorName: model.vendor,
        model: model.model,
        ...(model.serialNumber ? { serialNumber: model.serialNumber } : {}),
        ...(model.firmwareVersion ? { firmwareVersion: model.firmwareVersion } : {}),
      },
    });
    if (this.#disposed) return;
    const state = ctx.state;
    if (!answer) {
      // No answer (timeout, connection lost): try again later; the status stays what it was.
      ctx.timers.set('boot', FALLBACK_RETRY_S * 1000, () => void this.#send());
      this.#resolve(state.boot.status);
      return;
    }
    const intervalS = answer.interval > 0 ? answer.interval : FALLBACK_RETRY_S;
    state.boot = { ...state.boot, status: answer.status, intervalS: answer.interval, atMs: ctx.clock.now() };
    if (answer.status === 'Accepted') {
      state.boot.acceptedOnce = true;
      // B01: the interval of an accepted boot is the heartbeat interval.
      if (answer.interval > 0) state.config['OCPPCommCtrlr.HeartbeatInterval'] = String(answer.interval);
      data.bootReason = 'PowerUp';
      this.scheduleHeartbeat();
      ctx.changed();
      this.#resolve('Accepted');
      this.p.status.reportAll(true);
      this.#securityEvents();
      this.p.sessions.accepted();
      this.p.operations.accepted();
      this.p.monitoring.accepted();
      return;
    }
    // Pending or Rejected: the next BootNotification after the interval, nothing else meanwhile.
    ctx.timers.clear('heartbeat');
    ctx.timers.set('boot', intervalS * 1000, () => void this.#send());
    ctx.changed();
    this.#resolve(answer.status);
  }

  #resolve(status: BootStatus): void {
    this.#firstAnswer?.(status);
    this.#firstAnswer = undefined;
  }

  /** A04: the security events waiting for an accepted boot, in order. */
  #securityEvents(): void {
    const events = this.p.data.securityEvents.splice(0);
    for (const e of events)
      void this.p.send('SecurityEventNotification', {
        type: e.type,
        timestamp: this.p.iso(e.atMs),
        ...(e.techInfo ? { techInfo: e.techInfo } : {}),
      });
  }

  /** Reports a security event now if accepted, else after the next accepted boot. */
  securityEvent(type: string, techInfo?: string): void {
    this.p.data.securityEvents.push({
      type,
      atMs: this.p.ctx.clock.now(),
      ...(techInfo ? { techInfo } : {}),
    });
    if (this.p.accepted) this.#securityEvents();
  }

  /** (Re)starts the heartbeat at OCPPCommCtrlr.HeartbeatInterval seconds. */
  scheduleHeartbeat(): void {
    const { ctx } = this.p;
    const seconds = this.p.number('OCPPCommCtrlr', 'HeartbeatInterval');
    if (!(seconds > 0) || !this.p.accepted) {
      ctx.timers.clear('heartbeat');
      return;
    }
    ctx.timers.set('heartbeat', seconds * 1000, () => {
      if (ctx.online()) void this.heartbeat();
      this.scheduleHeartbeat();
    });
  }

  async heartbeat(requested = false): Promise<void> {
    await this.p.send('Heartbeat', {}, { requested });
  }
}
