// The stations of `simulate`: VirtualStations on Node clients sharing one scaled clock, booted a
// little apart, each with a driver who comes, charges a while and leaves. (When
// @ocpp-ws-io/station ships its Fleet, this becomes a thin layer over it.)

import { type Clock, nodeConnector, OCPPClient, type OCPPProtocol } from '@ocpp-ws-io/node';
import { recordTrace, type TraceSink } from '@ocpp-ws-io/scenarios';
import { VirtualStation } from '@ocpp-ws-io/station';

export interface FleetOptions {
  readonly endpoint: string;
  readonly protocol: OCPPProtocol;
  readonly size: number;
  readonly identityPrefix: string;
  readonly password: string | undefined;
  /** The stations' clock (a ScaledClock for speed); the clients keep real time for their timeouts. */
  readonly clock: Clock;
  readonly trace: TraceSink | undefined;
  /** Random source in [0, 1) for the drivers' timings. */
  readonly random: () => number;
}

export interface FleetSummary {
  readonly size: number;
  readonly connected: number;
  readonly accepted: number;
  readonly charging: number;
  readonly powerW: number;
  readonly messages: number;
  readonly errors: number;
}

const MINUTE = 60_000;

export class SimulatedFleet {
  readonly stations: VirtualStation[] = [];
  #messages = 0;
  #errors = 0;
  #stopped = false;
  readonly #offs: Array<() => void> = [];

  constructor(private readonly options: FleetOptions) {
    for (let i = 1; i <= options.size; i++) {
      const identity = `${options.identityPrefix}${String(i).padStart(4, '0')}`;
      const client = new OCPPClient({
        endpoint: options.endpoint,
        identity,
        protocols: [options.protocol],
        ...(options.password === undefined ? {} : { password: options.password }),
        connector: nodeConnector(),
      });
      this.#offs.push(client.on('message', () => this.#messages++));
      if (options.trace) this.#offs.push(recordTrace(client, options.trace, { now: options.clock.now }));
      const station = new VirtualStation({
        client,
        clock: options.clock,
        vendor: 'ocpp-ws-io',
        model: 'Simulator',
        connectors: 1,
        securityEvents: false,
      });
      station.on('error', () => this.#errors++);
      this.stations.push(station);
    }
  }

  /** Boots every station, 50 ms apart; resolves with those that failed to start and why. */
  async start(onFailed: (identity: string, error: Error) => void): Promise<void> {
    await Promise.all(
      this.stations.map(async (station, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 50));
        if (this.#stopped) return;
        try {
          await station.start();
          void this.#drive(station, i + 1);
        } catch (error) {
          this.#errors++;
          onFailed(station.client.identity, error as Error);
        }
      }),
    );
  }

  summary(): FleetSummary {
    let connected = 0;
    let accepted = 0;
    let charging = 0;
    let powerW = 0;
    for (const s of this.stations) {
      if (s.client.state === 'open') connected++;
      if (s.state.boot.status === 'Accepted') accepted++;
      for (const c of s.state.connectors) {
        if (c.transaction) charging++;
        powerW += c.powerW;
      }
    }
    return {
      size: this.stations.length,
      connected,
      accepted,
      charging,
      powerW,
      messages: this.#messages,
      errors: this.#errors,
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.stations.map((s) => s.stop({ deliveryTimeoutMs: 5_000 }).catch(() => undefined)));
    for (const off of this.#offs.splice(0)) off();
  }

  /** A driver's day at one station: idle, plug in, badge, charge a while, badge again, leave. */
  async #drive(station: VirtualStation, n: number): Promise<void> {
    const { random, clock } = this.options;
    const idTag = `SIM-TAG-${n}`;
    const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    while (!this.#stopped) {
      await wait((1 + random() * 9) * MINUTE);
      if (this.#stopped) return;
      station.plugIn(1, { socPercent: 10 + Math.floor(random() * 60) });
      const outcome = await station.presentToken(idTag, 1).catch(() => undefined);
      if (outcome?.result === 'started' || outcome?.result === 'authorized') {
        await wait((20 + random() * 70) * MINUTE);
        if (this.#stopped) return;
        await station.presentToken(idTag, 1).catch(() => undefined);
      }
      await wait(MINUTE);
      if (this.#stopped) return;
      station.unplug(1);
    }
  }
}

/** One line for a terminal: "12/12 connected · 12 accepted · 5 charging · 37.4 kW · 1234 messages · 0 errors". */
export function summaryLine(s: FleetSummary): string {
  return (
    `${s.connected}/${s.size} connected · ${s.accepted} accepted · ${s.charging} charging · ` +
    `${(s.powerW / 1000).toFixed(1)} kW · ${s.messages} messages · ${s.errors} errors`
  );
}
