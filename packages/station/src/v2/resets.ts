// Reset (B11 without, B12 with transactions; per EVSE or the whole station): Immediate ends the
// transactions (ImmediateReset) and reboots, OnIdle waits for them to end (Scheduled); 2.1
// ImmediateAndResume reboots and resumes the transactions after the new boot (TxResumed).

import type { ResetResponse } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { ConnectorState } from '../model/state.js';
import type { Ocpp2 } from './profile.js';

/** How long a reset waits for the CSMS to answer the Ended events before it reboots (virtual ms). */
const ENDED_WAIT_MS = 5_000;

export class Resets {
  constructor(private readonly p: Ocpp2) {}

  reset(type: string, evseId: number | undefined): ResetResponse {
    const { ctx, data } = this.p;
    if (evseId !== undefined && evseId !== 0) {
      const c = ctx.state.connectors[evseId - 1];
      if (!c) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
      if (type === 'ImmediateAndResume')
        return { status: 'Rejected', statusInfo: { reasonCode: 'NotSupported' } };
      if (type === 'OnIdle' && c.transaction) {
        if (!data.evseResetsWhenIdle.includes(c.id)) data.evseResetsWhenIdle.push(c.id);
        return { status: 'Scheduled' };
      }
      this.p.afterAnswer(`reset:${c.id}`, () => this.#resetEvse(c));
      return { status: 'Accepted' };
    }
    const busy = ctx.state.connectors.some((c) => c.transaction);
    if (type === 'OnIdle' && busy) {
      data.resetWhenIdle = true;
      return { status: 'Scheduled' };
    }
    this.p.afterAnswer('reset', () => this.#reboot(type === 'ImmediateAndResume'));
    return { status: 'Accepted' };
  }

  /** An EVSE reset: its transaction ends, the EVSE comes back and reports its status. */
  async #resetEvse(c: ConnectorState): Promise<void> {
    await this.p.sessions.stop(c.id, 'HardReset');
    this.p.status.report(c.id, true);
  }

  /**
   * Ends the transactions (their Ended events go into the durable queue first, so they reach the
   * CSMS after the reboot if not before), then reboots with reason RemoteReset.
   */
  async #reboot(resume: boolean): Promise<void> {
    const { ctx, data } = this.p;
    data.resetWhenIdle = false;
    data.bootReason = 'RemoteReset';
    if (resume) data.resumeTransactions = true;
    else {
      const stops = ctx.state.connectors
        .filter((c) => c.transaction)
        .map((c) => this.p.sessions.stop(c.id, 'HardReset'));
      if (ctx.online()) await Promise.race([Promise.all(stops), this.#delay(ENDED_WAIT_MS)]);
    }
    await ctx.save();
    await ctx.reboot('RemoteReset');
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.p.ctx.timers.set('reset-wait', ms, resolve));
  }

  /** B12: a reset scheduled for when the EVSE (or the whole station) is idle happens now. */
  transactionEnded(c: ConnectorState, idle: boolean): void {
    const { data } = this.p;
    if (data.evseResetsWhenIdle.includes(c.id)) {
      data.evseResetsWhenIdle = data.evseResetsWhenIdle.filter((id) => id !== c.id);
      this.p.afterAnswer(`reset:${c.id}`, () => this.p.status.report(c.id, true));
    }
    if (data.resetWhenIdle && idle) this.p.afterAnswer('reset', () => this.#reboot(false));
  }
}
