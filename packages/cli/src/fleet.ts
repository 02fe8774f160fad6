// The stations of `simulate`: @ocpp-ws-io/station's Fleet of Node clients on one scaled clock
// (staggered, capped boots; the summary), plus what the terminal adds: a message count, the
// optional trace, and a driver per station who comes, charges a while, leaves and comes back.

import { type Clock, nodeConnector, OCPPClient, type OCPPProtocol } from '@ocpp-ws-io/node';
import { recordTrace, type TraceSink } from '@ocpp-ws-io/scenarios';
import { Fleet, type VirtualStation } from '@ocpp-ws-io/station';

export interface SimulationOptions {
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

/** What the summary line shows. */
export interface SimulationSummary {
  readonly size: number;
  readonly connected: number;
  readonly accepted: number;
  readonly charging: number;
  readonly powerW: number;
  readonly messages: number;
  readonly errors: number;
}

const MINUTE = 60_000;

export class Simulation {
  readonly fleet: Fleet;
  #messages = 0;
  #stopped = false;
  readonly #offs: Array<() => void> = [];

  constructor(private readonly options: SimulationOptions) {
    this.fleet = new Fleet({
      size: options.size,
      identity: `${options.identityPrefix}{n:4}`,
      clock: options.clock,
      client: (identity) => {
        const client = new OCPPClient({
          endpoint: options.endpoint,
          identity,
          protocols: [options.protocol],
          ...(options.password === undefined ? {} : { password: options.password }),
          connector: nodeConnector(),
        });
        this.#offs.push(client.on('message', () => this.#messages++));
        if (options.trace) this.#offs.push(recordTrace(client, options.trace, { now: options.clock.now }));
        return client;
      },
      station: { vendor: 'ocpp-ws-io', model: 'Simulator', connectors: 1, securityEvents: false },
    });
    this.#offs.push(
      this.fleet.on(
        'stationStarted',
        ({ index }) => void this.#drive(this.fleet.stations[index]!, index + 1),
      ),
    );
  }

  /** Boots every station (the Fleet staggers and caps the boots); reports each that failed. */
  async start(onFailed: (identity: string, error: Error) => void): Promise<void> {
    const off = this.fleet.on('stationFailed', ({ identity, error }) => onFailed(identity, error));
    try {
      await this.fleet.start();
    } finally {
      off();
    }
  }

  summary(): SimulationSummary {
    const s = this.fleet.summary();
    return {
      size: s.size,
      connected: s.online,
      accepted: s.booted,
      charging: s.charging,
      powerW: s.powerW,
      messages: this.#messages,
      errors: s.errors + s.failed,
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.fleet.stop({ deliveryTimeoutMs: 5_000 });
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
export function summaryLine(s: SimulationSummary): string {
  return (
    `${s.connected}/${s.size} connected · ${s.accepted} accepted · ${s.charging} charging · ` +
    `${(s.powerW / 1000).toFixed(1)} kW · ${s.messages} messages · ${s.errors} errors`
  );
}
