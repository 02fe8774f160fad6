// Clock-aligned meter values (J01, AlignedDataCtrlr): every EVSE is read at whole multiples of
// Interval from midnight UTC — inside a transaction as an Updated event (MeterValueClock),
// otherwise as MeterValues when SendDuringIdle — and transactions keep a reading every
// TxEndedInterval for their Ended event.

import { nextAlignedMs, readConnector, record } from '../shared/readings.js';
import type { Ocpp2 } from './profile.js';

export class AlignedSampler {
  constructor(private readonly p: Ocpp2) {}

  /** (Re)arms both aligned timers; an interval of 0 (or AlignedDataCtrlr disabled) turns one off. */
  schedule(): void {
    const { ctx } = this.p;
    const enabled = this.p.flag('AlignedDataCtrlr', 'Enabled') && this.p.accepted;
    const arm = (timer: string, seconds: number, run: () => void) => {
      if (!enabled || !(seconds > 0)) {
        ctx.timers.clear(timer);
        return;
      }
      const tick = () => {
        run();
        ctx.timers.at(timer, nextAlignedMs(ctx.clock.now(), seconds), tick);
      };
      ctx.timers.at(timer, nextAlignedMs(ctx.clock.now(), seconds), tick);
    };
    arm('aligned', this.p.number('AlignedDataCtrlr', 'Interval'), () => {
      const idle = this.p.flag('AlignedDataCtrlr', 'SendDuringIdle');
      for (const c of ctx.state.connectors)
        if (c.transaction || idle) this.p.sampler.sample(c.id, 'Sample.Clock');
    });
    arm('alignedTxEnded', this.p.number('AlignedDataCtrlr', 'TxEndedInterval'), () => {
      ctx.measure();
      for (const c of ctx.state.connectors)
        c.transaction?.samples.push(record(readConnector(c, ctx.clock.now()), 'Sample.Clock'));
    });
  }
}
