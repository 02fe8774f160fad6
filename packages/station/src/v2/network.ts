// Network connection profiles (B09 SetNetworkProfile): slots the CSMS fills for the station to
// use at its next connection. The virtual station stays on its client's connection (slot 0, the
// active one); the others are stored and reported.

import type { NetworkConnectionProfileType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { Ocpp2 } from './profile.js';

export class Network {
  #lostAtMs: number | undefined;
  constructor(private readonly p: Ocpp2) {}

  /**
   * B04: back online after a connection loss, the station reports the connectors whose status
   * changed meanwhile — all of them when it was offline longer than OCPPCommCtrlr.OfflineThreshold.
   */
  listen(): () => void {
    const { client } = this.p;
    const offs = [
      client.on('disconnect', () => {
        this.#lostAtMs ??= this.p.ctx.clock.now();
      }),
      client.on('open', () => {
        const lostAt = this.#lostAtMs;
        this.#lostAtMs = undefined;
        if (lostAt === undefined) return;
        const long =
          this.p.ctx.clock.now() - lostAt > this.p.number('OCPPCommCtrlr', 'OfflineThreshold') * 1000;
        this.p.status.reportAll(long);
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  /** The slot in use: the first of NetworkConfigurationPriority. */
  activeSlot(): string {
    return this.p.list('OCPPCommCtrlr', 'NetworkConfigurationPriority')[0] ?? '0';
  }

  /**
   * B09: Rejected for a slot outside NetworkConfigurationPriority's values, for the active slot
   * (the connection in use is not changed under it), and for a security profile below the one in
   * use (B09: no downgrade); otherwise the profile is stored.
   */
  set(slot: number, profile: NetworkConnectionProfileType): 'Accepted' | 'Rejected' {
    const slots = this.p.device.variables.find(
      (d) => d.component === 'OCPPCommCtrlr' && d.variable === 'NetworkConfigurationPriority',
    )?.valuesList;
    if (!(slots ?? '').split(',').includes(String(slot)) || String(slot) === this.activeSlot())
      return 'Rejected';
    if (profile.securityProfile < this.p.number('SecurityCtrlr', 'SecurityProfile')) return 'Rejected';
    this.p.data.networkProfiles[String(slot)] = structuredClone(profile);
    return 'Accepted';
  }
}
