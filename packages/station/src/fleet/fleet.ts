import type { Clock, OCPPProtocol } from '@ocpp-ws-io/core';
import { createNanoEvents, type Emitter } from 'nanoevents';
import { VirtualStation } from '../station.js';
import type { StopOptions } from '../station-options.js';
import type { FleetEvents, FleetStartResult } from './events.js';
import { fleetIdentity } from './identity.js';
import { DEFAULT_MAX_CONCURRENT_STARTS, DEFAULT_STAGGER_MS, type FleetOptions } from './options.js';
import { StaggeredRun } from './stagger.js';
import { type FleetMemberPhase, type FleetSummary, type SummaryInput, summarize } from './summary.js';

const REAL_CLOCK: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

interface Member<TProtocol extends OCPPProtocol> {
  readonly index: number;
  readonly identity: string;
  readonly station: VirtualStation<TProtocol>;
  phase: FleetMemberPhase;
}

/**
 * Many virtual stations in one page or process: identities from a template, one shared clock,
 * boots staggered so the CSMS sees a steady stream, start and stop for all, and a summary a UI
 * can render every frame. The clients are yours — any adapter, any connector (for more than 255
 * stations in one Chromium tab, a relay's: see `relayConnector`).
 *
 * @example
 * ```ts
 * import { OCPPClient } from '@ocpp-ws-io/browser';
 * import { Fleet, ScaledClock } from '@ocpp-ws-io/station';
 *
 * const clock = new ScaledClock({ speed: 1 });
 * const fleet = new Fleet({
 *   size: 100, identity: 'CP-{n}', clock,
 *   client: (identity) => new OCPPClient({ endpoint, identity, protocols: ['ocpp1.6'], password, clock }),
 *   station: { vendor: 'Acme', model: 'Sim-1', connectors: 2 },
 * });
 * fleet.on('stationFailed', ({ identity, error }) => console.warn(identity, error.message));
 * const { started, failed } = await fleet.start();   // 100 boots, 20 ms apart
 * console.log(fleet.summary().booted);
 * await fleet.stop();
 * ```
 */
export class Fleet<TProtocol extends OCPPProtocol = OCPPProtocol> {
  /** The clock every station runs on. */
  readonly clock: Clock;
  /** The stations, in the order they boot. */
  readonly stations: readonly VirtualStation<TProtocol>[];
  readonly #members: Member<TProtocol>[] = [];
  readonly #byIdentity = new Map<string, Member<TProtocol>>();
  readonly #emitter: Emitter<FleetEvents> = createNanoEvents<FleetEvents>();
  readonly #options: FleetOptions<TProtocol>;
  #run: StaggeredRun | undefined;
  #starting: Promise<FleetStartResult> | undefined;
  #stopping: Promise<void> | undefined;
  #errors = 0;

  constructor(options: FleetOptions<TProtocol>) {
    const { size, firstNumber = 1, identity: template = 'CP-{n}' } = options;
    if (!(Number.isSafeInteger(size) && size >= 1))
      throw new RangeError(`size must be an integer ≥ 1, got ${size}`);
    this.#options = options;
    this.clock = options.clock ?? REAL_CLOCK;
    for (let index = 0; index < size; index++) {
      const identity = fleetIdentity(template, firstNumber + index);
      if (this.#byIdentity.has(identity))
        throw new TypeError(`identity ${identity} occurs twice in the fleet`);
      const client = options.client(identity, index);
      if (client.identity !== identity)
        throw new TypeError(`client(${JSON.stringify(identity)}) made a client for ${client.identity}`);
      const station = new VirtualStation<TProtocol>({
        ...options.station,
        ...options.overrides?.(identity, index),
        client,
        clock: this.clock,
      });
      const member: Member<TProtocol> = { index, identity, station, phase: 'idle' };
      const ref = { index, identity };
      station.on('error', (error) => {
        this.#errors++;
        this.#emitter.emit('stationError', { ...ref, error });
      });
      station.on('change', () => this.#emitter.emit('stationChange', ref));
      this.#members.push(member);
      this.#byIdentity.set(identity, member);
    }
    this.stations = this.#members.map((m) => m.station);
  }

  /**
   * Listens to a fleet event; returns the function that removes the listener.
   *
   * @example
   * ```ts
   * const off = fleet.on('stationStarted', ({ identity }) => console.log(identity, 'up'));
   * ```
   */
  on<TEvent extends keyof FleetEvents>(event: TEvent, listener: FleetEvents[TEvent]): () => void {
    return this.#emitter.on(event, listener);
  }

  /** The identities, in the order of {@link Fleet.stations}. */
  get identities(): readonly string[] {
    return this.#members.map((m) => m.identity);
  }

  /**
   * The station with this identity, if it is in the fleet.
   *
   * @example
   * ```ts
   * fleet.station('CP-7')?.plugIn(1);
   * ```
   */
  station(identity: string): VirtualStation<TProtocol> | undefined {
    return this.#byIdentity.get(identity)?.station;
  }

  /**
   * Where station `index` is in the fleet's life: idle (before start), waiting (for its turn),
   * starting, started, failed or stopped.
   *
   * @example
   * ```ts
   * const failed = fleet.stations.filter((_, i) => fleet.phaseOf(i) === 'failed');
   * ```
   */
  phaseOf(index: number): FleetMemberPhase {
    const member = this.#members[index];
    if (!member) throw new RangeError(`No station ${index}: the fleet has 0..${this.#members.length - 1}`);
    return member.phase;
  }

  /**
   * Starts every station, one after another on the fleet's clock ({@link FleetOptions.staggerMs}
   * apart, at most {@link FleetOptions.maxConcurrentStarts} at once). Resolves once every start
   * settled: how many started and how many failed (`stationFailed` says why).
   *
   * @example
   * ```ts
   * const { failed } = await fleet.start();
   * if (failed > 0) console.warn(`${failed} stations did not start`);
   * ```
   */
  start(): Promise<FleetStartResult> {
    if (this.#run) throw new Error('The fleet is already started');
    const { staggerMs = DEFAULT_STAGGER_MS, maxConcurrentStarts = DEFAULT_MAX_CONCURRENT_STARTS } =
      this.#options;
    for (const m of this.#members) m.phase = 'waiting';
    const result = { started: 0, failed: 0 };
    const run = new StaggeredRun(this.#members.length, (index) => this.#startOne(index, result), {
      clock: this.clock,
      staggerMs,
      maxConcurrent: maxConcurrentStarts,
    });
    this.#run = run;
    this.#starting = run.start().then(() => {
      // stop() came first: the stations whose turn never came were never started.
      for (const m of this.#members) if (m.phase === 'waiting') m.phase = 'idle';
      const settled = { ...result };
      this.#emitter.emit('started', settled);
      return settled;
    });
    return this.#starting;
  }

  async #startOne(index: number, result: { started: number; failed: number }): Promise<void> {
    const member = this.#members[index]!;
    const ref = { index, identity: member.identity };
    member.phase = 'starting';
    try {
      await member.station.start();
      member.phase = 'started';
      result.started++;
      this.#emitter.emit('stationStarted', ref);
    } catch (error) {
      member.phase = 'failed';
      result.failed++;
      this.#emitter.emit('stationFailed', {
        ...ref,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }

  /**
   * Stops the fleet: no more boots, the starts under way settle, then every started station
   * stops at once (`options` go to each station's `stop()`: by default their transactions end
   * with reason Other and their connections close). The fleet can be started again afterwards.
   *
   * @example
   * ```ts
   * await fleet.stop();                    // clean stop
   * await fleet.stop({ powerCut: true });  // a power cut for all: the next start ends their transactions
   * ```
   */
  stop(options?: StopOptions): Promise<void> {
    // A second stop() while the first is under way waits for the same one.
    this.#stopping ??= this.#stop(options).finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  async #stop(options: StopOptions | undefined): Promise<void> {
    const run = this.#run;
    if (!run) return;
    run.cancel();
    await this.#starting;
    await Promise.all(
      this.#members
        .filter((m) => m.phase === 'started')
        .map(async (m) => {
          try {
            await m.station.stop(options);
          } catch (error) {
            this.#errors++;
            const ref = { index: m.index, identity: m.identity };
            this.#emitter.emit('stationError', {
              ...ref,
              error: error instanceof Error ? error : new Error(String(error)),
            });
          }
          m.phase = 'stopped';
        }),
    );
    this.#run = undefined;
    this.#starting = undefined;
    this.#emitter.emit('stopped');
  }

  /**
   * The fleet in numbers (online, booted, charging, kW, errors, …), read from the stations' live
   * state: cheap enough to call on every animation frame.
   *
   * @example
   * ```ts
   * const { online, booted, charging, powerW } = fleet.summary();
   * ```
   */
  summary(): FleetSummary {
    return summarize(this.#inputs(), { errors: this.#errors, nowMs: this.clock.now() });
  }

  *#inputs(): Generator<SummaryInput> {
    for (const m of this.#members) {
      const { state, client } = m.station;
      yield {
        phase: m.phase,
        connection: client.state,
        boot: state.boot.status,
        connectors: state.connectors,
      };
    }
  }
}
