import type { Timers } from './clock/timers.js';
import { advanceConnector, drawnPowerW, mayDeliver } from './model/physics.js';
import type { StationState } from './model/state.js';
import { connectorLimitW } from './smart-charging-adapter.js';

/**
 * Runs the physical model on the station's clock: while energy may flow it steps every
 * `stepS` virtual seconds, integrates energy at the power in force, re-reads the smart-charging
 * limit and tells the profile when power starts or stops or a car becomes full. Idle stations
 * set no timer at all.
 */
export class Physics {
  #lastMs: number;
  constructor(
    private readonly state: StationState,
    private readonly timers: Timers,
    private readonly stepS: number,
    private readonly hooks: { changed(): void; powerChanged(connectorId: number): void },
  ) {
    if (!(stepS > 0)) throw new RangeError(`physicsStepS must be > 0, got ${stepS}`);
    this.#lastMs = timers.clock.now();
  }

  /** Brings every connector's energy and power up to now. */
  measure(): void {
    const now = this.timers.clock.now();
    const seconds = Math.max(0, (now - this.#lastMs) / 1000);
    this.#lastMs = now;
    for (const c of this.state.connectors) {
      const wasFull = (c.car?.socPercent ?? 0) >= 100;
      const flipped = advanceConnector(c, seconds);
      // Only what time did is reported from here; whoever changes the state reports its change.
      if (seconds > 0 && (flipped || (!wasFull && (c.car?.socPercent ?? 0) >= 100)))
        this.hooks.powerChanged(c.id);
    }
  }

  /** Re-reads the limits in force, updates power, and keeps stepping while energy may flow. */
  applyLimits(): void {
    this.measure();
    const now = this.timers.clock.now();
    for (const c of this.state.connectors) {
      const limit = connectorLimitW(this.state, c.id, now);
      if (limit === undefined) delete c.limitW;
      else c.limitW = limit;
      const before = c.powerW > 0;
      c.powerW = drawnPowerW(c);
      if (before !== c.powerW > 0) this.hooks.powerChanged(c.id);
    }
    if (this.state.connectors.some(mayDeliver)) {
      if (!this.timers.has('physics'))
        this.timers.set('physics', this.stepS * 1000, () => {
          this.applyLimits();
          this.hooks.changed();
        });
    } else this.timers.clear('physics');
  }
}
