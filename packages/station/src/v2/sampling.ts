// Meter values of the EVSEs (J01, J02): sampled inside a transaction every
// SampledDataCtrlr.TxUpdatedInterval (an Updated event, MeterValuePeriodic) and kept every
// TxEndedInterval for the Ended event; outside a transaction, and when the CSMS triggers them,
// a MeterValues message. Clock-aligned readings are aligned.ts's.

import type { ConnectorState } from '../model/state.js';
import { readConnector, record } from '../shared/readings.js';
import { meterValue } from './meter-values.js';
import type { Ocpp2 } from './profile.js';

export class Sampler {
  constructor(private readonly p: Ocpp2) {}

  /**
   * Meter values of EVSE `id` now: within a transaction an Updated event (MeterValuePeriodic,
   * MeterValueClock or Trigger), otherwise a MeterValues message (J01; 0: the main meter).
   */
  sample(id: number, context: 'Sample.Periodic' | 'Sample.Clock' | 'Trigger'): void {
    const { ctx } = this.p;
    ctx.measure();
    const now = ctx.clock.now();
    const requested = context === 'Trigger';
    const measurands =
      context === 'Sample.Periodic'
        ? this.p.list('SampledDataCtrlr', 'TxUpdatedMeasurands')
        : this.p.list('AlignedDataCtrlr', 'Measurands');
    if (id === 0) {
      const mv = meterValue(
        this.p.sessions.stationReading(now),
        measurands.filter((m) => m !== 'SoC'),
        context,
      );
      if (mv) void this.p.send('MeterValues', { evseId: 0, meterValue: [mv] }, { requested });
      return;
    }
    const c = ctx.connector(id);
    const mv = meterValue(readConnector(c, now), measurands, context);
    if (c.transaction && context !== 'Trigger') {
      const trigger = context === 'Sample.Clock' ? 'MeterValueClock' : 'MeterValuePeriodic';
      void this.p.sessions.tx.update(c, trigger, mv ? { meterValue: [mv] } : {});
    } else if (mv) void this.p.send('MeterValues', { evseId: id, meterValue: [mv] }, { requested });
    this.p.monitoring.evaluate();
  }

  /** TriggerMessage(TransactionEvent) (F06): an Updated event with triggerReason Trigger. */
  triggered(c: ConnectorState): void {
    const mv = meterValue(
      readConnector(c, this.p.ctx.clock.now()),
      this.p.list('SampledDataCtrlr', 'TxUpdatedMeasurands'),
      'Trigger',
    );
    void this.p.sessions.tx.update(c, 'Trigger', mv ? { meterValue: [mv] } : {});
  }

  /** Updated every TxUpdatedInterval and a kept reading every TxEndedInterval (J02). */
  schedule(c: ConnectorState): void {
    const { ctx } = this.p;
    const every = (timer: string, seconds: number, run: () => void) => {
      if (!c.transaction || !(seconds > 0) || !this.p.accepted) {
        ctx.timers.clear(timer);
        return;
      }
      const tick = () => {
        if (!c.transaction) return;
        run();
        ctx.timers.set(timer, seconds * 1000, tick);
      };
      ctx.timers.set(timer, seconds * 1000, tick);
    };
    every(`sample:${c.id}`, this.p.number('SampledDataCtrlr', 'TxUpdatedInterval'), () =>
      this.sample(c.id, 'Sample.Periodic'),
    );
    every(`txEnded:${c.id}`, this.p.number('SampledDataCtrlr', 'TxEndedInterval'), () => {
      this.p.ctx.measure();
      c.transaction?.samples.push(record(readConnector(c, this.p.ctx.clock.now()), 'Sample.Periodic'));
    });
  }
}
