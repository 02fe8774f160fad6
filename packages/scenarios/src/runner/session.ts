// One scenario's station: a core OCPPClient on the run's connector (through a network switch,
// for goOffline/comeBack), the answers the scenario plans, and a VirtualStation on a JumpClock.

import { type Connector, OCPPClient, type OCPPProtocol } from '@ocpp-ws-io/core';
import { MemoryPersistence, NetworkSwitch, VirtualStation } from '@ocpp-ws-io/station';
import type { StationSetup } from '../scenario/types.js';
import { JumpClock } from './jump-clock.js';
import { Responder } from './responder.js';
import { VALIDATORS } from './schema-check.js';

export interface SessionOptions {
  readonly endpoint: string;
  readonly identity: string;
  readonly password: string | undefined;
  readonly protocol: OCPPProtocol;
  readonly connector: Connector;
  readonly answerTimeoutMs: number;
  readonly vendor: string;
  readonly model: string;
  readonly setup: StationSetup;
}

export class Session {
  readonly clock = new JumpClock();
  readonly network: NetworkSwitch;
  readonly client: OCPPClient;
  readonly responder: Responder;
  readonly station: VirtualStation;
  readonly errors: Error[] = [];

  constructor(options: SessionOptions) {
    this.network = new NetworkSwitch(options.connector);
    this.client = new OCPPClient({
      endpoint: options.endpoint,
      identity: options.identity,
      protocols: [options.protocol],
      ...(options.password === undefined ? {} : { password: options.password }),
      connector: this.network.connector,
      validators: VALIDATORS,
      callTimeoutMs: options.answerTimeoutMs,
      // Back soon after a network cut, and never hammering: a scenario is short.
      reconnect: { waitMinimumMs: 200, randomRangeMs: 200, repeatTimes: 3, maxAttempts: 20 },
    });
    // Before the station registers its handlers: each then consults the planned answers first.
    this.responder = new Responder(this.client);
    const { setup } = options;
    this.station = new VirtualStation({
      client: this.client,
      clock: this.clock,
      network: this.network,
      // A power cycle restarts from what was saved, as a real station would.
      persistence: new MemoryPersistence(),
      vendor: options.vendor,
      model: options.model,
      connectors: setup.connectors ?? 1,
      ...(setup.config ? { config: setup.config } : {}),
      securityEvents: setup.securityEvents ?? false,
      // Every location URL has a ':', so every transfer fails.
      ...(setup.failTransfers ? { failLocationsContaining: ':' } : {}),
    });
    this.station.on('error', (error) => this.errors.push(error));
  }

  /**
   * Resolves once the client has nothing queued or in flight, or is not connected (checked twice,
   * 10 ms apart), or after `maxMs`: the moment to move the station's time on.
   */
  async settle(maxMs: number): Promise<void> {
    const end = Date.now() + maxMs;
    let quiet = 0;
    while (Date.now() < end) {
      // Offline, queued calls wait for the network, not for time: nothing to let go first.
      const idle = this.client.pendingCalls === 0 && this.client.queuedCalls === 0;
      if (idle || this.client.state !== 'open') {
        if (++quiet >= 2) return;
      } else quiet = 0;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Moves the station's time to `targetMs`, timer by timer, letting each one's messages go first. */
  async skipTo(targetMs: number, maxRealMs: number): Promise<void> {
    for (;;) {
      await this.settle(maxRealMs);
      const next = this.clock.nextDueMs();
      if (next === undefined || next > targetMs) break;
      this.clock.skipTo(next);
    }
    this.clock.skipTo(targetMs);
    await this.settle(maxRealMs);
  }

  /** Ends the run: the network back, transactions ended, the connection closed, timers gone. */
  async close(deliveryTimeoutMs: number): Promise<void> {
    this.network.restore();
    try {
      await this.station.stop({ deliveryTimeoutMs });
    } catch {
      // Nothing more to do for a station that cannot stop cleanly: the client is closed below.
    }
    if (this.client.state !== 'closed' && this.client.state !== 'idle') await this.client.close();
    this.clock.dispose();
  }
}
