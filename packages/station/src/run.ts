import { Timers } from './clock/timers.js';
import { Physics } from './physics-loop.js';
import type { ProfileFactory, ProtocolProfile, StationContext } from './profile.js';

/** What a run needs from its station: the context minus what the run itself makes. */
export type RunHost = Omit<StationContext, 'timers' | 'measure' | 'applyLimits'>;

/**
 * One run of a station, from a connection (or reboot) to the next stop or reboot: its own
 * timers, physics loop and profile, with the profile's handlers installed on the client. Closing
 * it leaves nothing running, so a reboot starts from the persisted state alone.
 */
export class Run {
  readonly timers: Timers;
  readonly physics: Physics;
  readonly profile: ProtocolProfile;
  readonly #uninstall: () => void;

  constructor(host: RunHost, factory: ProfileFactory, physicsStepS: number) {
    const timers = new Timers(host.clock);
    const physics = new Physics(host.state, timers, physicsStepS, {
      changed: () => host.changed(),
      // The profile exists by the time physics first runs (it starts on the profile's request).
      powerChanged: (id) => this.profile.powerChanged(id),
    });
    this.timers = timers;
    this.physics = physics;
    this.profile = factory({
      ...host,
      timers,
      measure: () => physics.measure(),
      applyLimits: () => physics.applyLimits(),
    });
    this.#uninstall = this.profile.install();
  }

  /** Stops the run: energy counted up to now, timers cleared, handlers removed. */
  close(): void {
    this.physics.measure();
    this.timers.clearAll();
    this.profile.dispose();
    this.#uninstall();
  }
}
