// Clock-aligned meter values (OCPP 1.6 §3.16.2, §9.1.3 ClockAlignedDataInterval): every connector
// is read at whole multiples of the interval (from midnight UTC), MeterValuesAlignedData measurands.

import { nextAlignedMs } from './meter-values.js';
import type { Ocpp16 } from './profile.js';

export class AlignedSampler {
  constructor(private readonly p: Ocpp16) {}

  /** (Re)arms the next aligned reading; 0 turns it off. */
  schedule(): void {
    const { ctx } = this.p;
    const seconds = Number(ctx.state.config.ClockAlignedDataInterval);
    if (!(seconds > 0) || !this.p.accepted) {
      ctx.timers.clear('aligned');
      return;
    }
    ctx.timers.at('aligned', nextAlignedMs(ctx.clock.now(), seconds), () => {
      for (const c of ctx.state.connectors) this.p.sessions.sample(c.id, 'Sample.Clock');
      this.schedule();
    });
  }
}
