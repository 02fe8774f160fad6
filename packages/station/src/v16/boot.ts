// BootNotification and what its answer means (OCPP 1.6 §4.2), and the heartbeat (§4.6).

import type { BootStatus } from '../model/state.js';
import { numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';
import { securityEvent } from './security-events.js';

/** Retry delay when the CSMS gives interval 0 or does not answer: "chooses a waiting interval on its own". */
const FALLBACK_RETRY_S = 60;

export class BootSequence {
  #firstAnswer: ((status: BootStatus) => void) | undefined;
  #disposed = false;
  /** This run's startup/reboot event went out (a triggered BootNotification does not repeat it). */
  #announced = false;

  constructor(private readonly p: Ocpp16) {}

  /** Sends BootNotification; resolves with the first answer (or 'Unknown' if none came). */
  start(): Promise<BootStatus> {
    return new Promise<BootStatus>((resolve) => {
      this.#firstAnswer = resolve;
      void this.#send();
    });
  }

  /** A BootNotification the CSMS asked for (TriggerMessage): the answer is followed as usual. */
  triggered(): void {
    void this.#send();
  }

  dispose(): void {
    this.#disposed = true;
    this.#firstAnswer?.('Unknown');
    this.#firstAnswer = undefined;
  }

  async #send(): Promise<void> {
    const { ctx } = this.p;
    const { model } = ctx;
    ctx.timers.clear('boot');
    const answer = await this.p.send('BootNotification', {
      chargePointVendor: model.vendor,
      chargePointModel: model.model,
      ...(model.serialNumber ? { chargePointSerialNumber: model.serialNumber } : {}),
      ...(model.firmwareVersion ? { firmwareVersion: model.firmwareVersion } : {}),
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
      // "adjust the heartbeat interval in accordance with the interval from the response" (§4.2).
      if (answer.interval > 0) state.config.HeartbeatInterval = String(answer.interval);
      this.scheduleHeartbeat();
      ctx.changed();
      this.#resolve('Accepted');
      if (!this.#announced) {
        this.#announced = true;
        securityEvent(
          this.p,
          state.bootReason === 'PowerUp' ? 'StartupOfTheDevice' : 'ResetOrReboot',
          state.bootReason,
        );
      }
      this.p.status.reportAll(true);
      this.p.sessions.accepted();
      this.p.operations.accepted();
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

  /** (Re)starts the heartbeat at HeartbeatInterval seconds (§4.6, §9.1.10). */
  scheduleHeartbeat(): void {
    const { ctx } = this.p;
    const seconds = numberKey(ctx.state.config, 'HeartbeatInterval');
    if (!(seconds > 0) || !this.p.accepted) {
      ctx.timers.clear('heartbeat');
      return;
    }
    ctx.timers.set('heartbeat', seconds * 1000, () => {
      if (ctx.online()) void this.heartbeat();
      this.scheduleHeartbeat();
    });
  }

  async heartbeat(triggered = false): Promise<void> {
    await this.p.send('Heartbeat', {}, { triggered });
  }
}
