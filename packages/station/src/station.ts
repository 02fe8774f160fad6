import type { Clock, OCPPClient, OCPPProtocol } from '@ocpp-ws-io/core';
import { createNanoEvents, type Emitter } from 'nanoevents';
import type { StationEvents } from './events.js';
import { createState, makeCar } from './model/create.js';
import type { BootReason, CarState, FaultState, StationState, StopReason } from './model/state.js';
import type { NetworkSwitch } from './network.js';
import { Saver } from './persistence.js';
import type { ConfigChangeStatus, ConfigKeyInfo, ProfileFactory, TokenOutcome } from './profile.js';
import { DEFAULT_PROFILES, NoProfileError } from './profiles.js';
import { Run, type RunHost } from './run.js';
import { type StationSnapshot, takeSnapshot } from './snapshot.js';
import type { StopOptions, VirtualStationOptions } from './station-options.js';

export type { StopOptions, VirtualStationOptions } from './station-options.js';

const REAL_CLOCK: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

/**
 * A virtual charging station on an OCPP client: connectors with cars, an energy meter,
 * configuration, authorization, transactions, reservations, firmware and certificates, speaking
 * the version the client negotiated through that version's profile.
 *
 * @example
 * ```ts
 * const station = new VirtualStation({ client, vendor: 'Acme', model: 'X1', connectors: 2 });
 * station.on('change', (snapshot) => render(snapshot));
 * await station.start();
 * station.plugIn(1);
 * await station.presentToken('04A1B2C3');
 * ```
 */
export class VirtualStation<TProtocol extends OCPPProtocol = OCPPProtocol> {
  readonly client: OCPPClient<TProtocol>;
  readonly clock: Clock;
  readonly #options: VirtualStationOptions<TProtocol>;
  readonly #profiles: Partial<Record<OCPPProtocol, ProfileFactory>>;
  readonly #emitter: Emitter<StationEvents> = createNanoEvents<StationEvents>();
  #state: StationState;
  #run: Run | undefined;
  #saver: Saver;
  #started = false;
  #offClient: Array<() => void> = [];

  constructor(options: VirtualStationOptions<TProtocol>) {
    this.#options = options;
    this.client = options.client;
    this.clock = options.clock ?? REAL_CLOCK;
    this.#profiles = { ...DEFAULT_PROFILES, ...options.profiles };
    this.#state = createState(options);
    this.#saver = this.#makeSaver();
  }

  /**
   * Listens to a station event; returns the function that removes the listener.
   *
   * @example
   * ```ts
   * const off = station.on('change', (snapshot) => console.log(snapshot.connectors[0]?.status));
   * ```
   */
  on<TEvent extends keyof StationEvents>(event: TEvent, listener: StationEvents[TEvent]): () => void {
    return this.#emitter.on(event, listener);
  }

  /**
   * The station as plain JSON, for a UI.
   *
   * @example
   * ```ts
   * const { boot, connectors } = station.snapshot();
   * ```
   */
  snapshot(): StationSnapshot {
    const profile = this.#run?.profile;
    return takeSnapshot({
      identity: this.client.identity,
      state: this.#state,
      connection: this.client.state,
      started: this.#started,
      nowMs: this.clock.now(),
      statusOf: profile ? (id) => profile.statusOf(id) : undefined,
      hiddenConfigKeys: profile?.hiddenConfigKeys ?? [],
    });
  }

  /** The live state (read it; change it only through the station's methods). */
  get state(): Readonly<StationState> {
    return this.#state;
  }

  /**
   * Connects (unless the client is already open), picks the profile of the negotiated protocol,
   * ends what a previous run left (see {@link StopOptions.powerCut}), boots, and reports the
   * status of every connector. Resolves after the CSMS's first answer to BootNotification.
   *
   * @example
   * ```ts
   * await station.start();
   * if (station.snapshot().boot.status !== 'Accepted') console.log('waiting for the CSMS');
   * ```
   */
  async start(): Promise<void> {
    if (this.#started) throw new Error('The station is already started');
    const loaded = await this.#options.persistence?.load();
    const previousRunEnded = !loaded?.running;
    if (loaded) {
      this.#state = loaded;
      this.#state.bootReason = 'PowerUp';
      // The previous run did not stop: it lost power some time after its last save.
      if (!previousRunEnded) this.#state.powerLostAtMs = loaded.savedAtMs ?? this.clock.now();
    } else this.#applyInitialConfig();
    if (this.#state.connectors.length !== (this.#options.connectors ?? 1))
      throw new RangeError(
        `The saved state has ${this.#state.connectors.length} connectors, the model ${this.#options.connectors ?? 1}`,
      );
    this.#saver = this.#makeSaver();
    this.#started = true;
    this.#listenToClient();
    try {
      await this.#beginRun(previousRunEnded);
    } catch (error) {
      this.#started = false;
      for (const off of this.#offClient.splice(0)) off();
      throw error;
    }
  }

  /**
   * Stops the station. By default every running transaction is ended with reason `Other`, its
   * StopTransaction handed to the client (and, with a durable lane, stored before the connection
   * closes: it reaches the CSMS now or on the next run), and the client closed. With
   * `{ powerCut: true }` nothing is sent and the next `start()` ends those transactions instead.
   *
   * @example
   * ```ts
   * await station.stop();                    // transactions ended, connection closed
   * await station.stop({ powerCut: true });  // as if the power went: the next start() cleans up
   * ```
   */
  async stop(options: StopOptions = {}): Promise<void> {
    if (!this.#started) return;
    const run = this.#run;
    let deliveries: Promise<unknown> = Promise.resolve();
    if (run && !options.powerCut) {
      const reason = options.reason ?? 'Other';
      const running = this.#state.connectors.filter((c) => c.transaction);
      deliveries = Promise.all(running.map((c) => run.profile.stopTransaction(c.id, reason)));
      this.#state.running = false;
    }
    this.#endRun();
    // Stored first (a durable lane keeps them for the next run), then, while online, a bounded
    // wait for the CSMS's answers so that a clean stop usually leaves nothing behind.
    await this.#options.durable?.flush().catch((error: unknown) => this.#fail(error));
    if (this.client.state === 'open') await this.#within(options.deliveryTimeoutMs ?? 10_000, deliveries);
    await this.#saver.flush();
    this.#started = false;
    for (const off of this.#offClient.splice(0)) off();
    if (this.client.state !== 'closed' && this.client.state !== 'idle') await this.client.close();
    this.#changed();
  }

  /** Resolves when `work` settles or `ms` passed on the station's clock, whichever is first. */
  #within(ms: number, work: Promise<unknown>): Promise<void> {
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, ms);
    });
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    return Promise.race([settled, timeout]).finally(() => this.clock.clearTimeout(timer));
  }

  /**
   * The configuration keys of the running profile and how each may be changed (empty while
   * stopped, or when the profile does not describe them). Values are in `snapshot().config`.
   *
   * @example
   * ```ts
   * const readOnly = station.configKeys().filter((k) => k.readOnly).map((k) => k.key);
   * ```
   */
  configKeys(): readonly ConfigKeyInfo[] {
    return this.#run?.profile.configKeys?.() ?? [];
  }

  /**
   * A configuration change made at the station itself (a technician's menu), under the rules and
   * with the effects of the version's own change message: read-only keys and bad values are
   * Rejected, a new HeartbeatInterval reschedules the heartbeat. NotSupported while stopped.
   *
   * @example
   * ```ts
   * if (station.configure('MeterValueSampleInterval', '30') === 'Rejected') console.log('not taken');
   * ```
   */
  configure(key: string, value: string): ConfigChangeStatus {
    const status = this.#run?.profile.configure?.(key, value) ?? 'NotSupported';
    if (status === 'Accepted' || status === 'RebootRequired') this.#changed();
    return status;
  }

  // ── physical actions ────────────────────────────────────────────────────────────────────────

  /**
   * A car is plugged into `connectorId`. A driver who already presented a token starts charging.
   *
   * @example
   * ```ts
   * station.plugIn(1, { socPercent: 20 });
   * ```
   */
  plugIn(connectorId: number, car: Partial<CarState> = {}): void {
    const c = this.#connector(connectorId);
    if (c.plugged) return;
    c.plugged = true;
    c.car = makeCar(car);
    this.#changed();
    this.#run?.profile.plugged(connectorId);
  }

  /**
   * The cable is pulled out of `connectorId` (ends the transaction when the configuration says so).
   *
   * @example
   * ```ts
   * station.unplug(1);
   * ```
   */
  unplug(connectorId: number): void {
    const c = this.#connector(connectorId);
    if (!c.plugged) return;
    this.#run?.physics.measure();
    c.plugged = false;
    c.finishing = false;
    this.#changed();
    this.#run?.profile.unplugged(connectorId);
    if (!c.transaction) delete c.car;
    this.#changed();
  }

  /**
   * A driver presents an RFID token (at `connectorId`, or at whichever connector fits). Starts,
   * or stops their own, transaction — or is rejected, e.g. while the station is not accepted by
   * the CSMS.
   *
   * @example
   * ```ts
   * const outcome = await station.presentToken('04A1B2C3', 1);
   * if (outcome.result === 'rejected') console.log(outcome.reason);
   * ```
   */
  async presentToken(idTag: string, connectorId?: number): Promise<TokenOutcome> {
    if (connectorId !== undefined) this.#connector(connectorId);
    const run = this.#run;
    if (!run) return { result: 'rejected', reason: 'The station is not running' };
    return run.profile.presentToken(idTag, connectorId);
  }

  /**
   * The driver presses stop (or the station is told to end the transaction locally).
   *
   * @example
   * ```ts
   * await station.stopCharging(1);
   * ```
   */
  async stopCharging(connectorId: number, reason: StopReason = 'Local'): Promise<void> {
    this.#connector(connectorId);
    await this.#run?.profile.stopTransaction(connectorId, reason);
  }

  /**
   * A fault appears on a connector (0: the whole station), e.g. `GroundFailure` (1.6 §7.6).
   *
   * @example
   * ```ts
   * station.fault(1, { errorCode: 'GroundFailure' });
   * ```
   */
  fault(connectorId: number, fault: FaultState): void {
    if (connectorId === 0) this.#state.station.fault = fault;
    else this.#connector(connectorId).fault = fault;
    this.#changed();
    this.#run?.profile.faultChanged(connectorId);
  }

  /**
   * The fault on a connector (0: the station) is gone.
   *
   * @example
   * ```ts
   * station.clearFault(1);
   * ```
   */
  clearFault(connectorId: number): void {
    if (connectorId === 0) delete this.#state.station.fault;
    else delete this.#connector(connectorId).fault;
    this.#changed();
    this.#run?.profile.faultChanged(connectorId);
  }

  /**
   * The network goes down (needs the `network` option): the connection drops, transaction
   * messages wait in the durable queue, and charging goes on per the offline rules.
   *
   * @example
   * ```ts
   * station.goOffline();
   * ```
   */
  goOffline(): void {
    this.#network().cut();
    this.#changed();
  }

  /**
   * The network is back: the client reconnects and delivers what waited.
   *
   * @example
   * ```ts
   * station.comeBack();
   * ```
   */
  comeBack(): void {
    this.#network().restore();
    // Reconnect now rather than at the end of the client's back-off (up to ~30 s plus jitter).
    this.client.reconnectNow();
    this.#changed();
  }

  // ── runs ────────────────────────────────────────────────────────────────────────────────────

  async #beginRun(previousRunEnded: boolean): Promise<void> {
    // A password the CSMS rotated in an earlier run (1.6 AuthorizationKey, 2.x BasicAuthPassword)
    // is the one this run connects with.
    const rotated =
      this.#state.config.AuthorizationKey ?? this.#state.config['SecurityCtrlr.BasicAuthPassword'];
    if (rotated) this.client.setPassword(rotated);
    if (this.client.state !== 'open') await this.client.connect();
    const protocol = this.client.protocol!;
    const factory = this.#profiles[protocol];
    if (!factory) {
      await this.client.close(1000, 'No station profile for the protocol');
      throw new NoProfileError(protocol, Object.keys(this.#profiles));
    }
    const run = new Run(this.#host(), factory, this.#options.physicsStepS ?? 5);
    this.#run = run;
    this.#state.protocol = protocol;
    this.#state.running = true;
    this.#state.boot.status = 'Unknown';
    run.profile.recover(previousRunEnded);
    this.#changed();
    await this.#saver.flush();
    await run.profile.boot();
  }

  #endRun(): void {
    const run = this.#run;
    this.#run = undefined;
    run?.close();
  }

  async #reboot(reason: BootReason): Promise<void> {
    this.#state.bootReason = reason;
    this.#endRun();
    await this.#saver.flush();
    if (this.client.state !== 'closed' && this.client.state !== 'idle')
      await this.client.close(1000, 'Rebooting');
    if (!this.#started) return;
    // Nothing of the old run survives a reboot but what the state keeps (1.6 §5.14).
    for (const c of this.#state.connectors) {
      delete c.reportedStatus;
      delete c.authorization;
    }
    delete this.#state.station.reportedStatus;
    await this.#beginRun(true);
  }

  #host(): RunHost {
    return {
      // Profiles pick their own version's view of the client.
      client: this.client as unknown as OCPPClient,
      clock: this.clock,
      state: this.#state,
      model: this.#options,
      behaviour: this.#options,
      connector: (id) => this.#connector(id),
      changed: () => this.#changed(),
      save: () => this.#saver.flush(),
      emit: (event, ...args) => this.#emitter.emit(event, ...args),
      fail: (error) => this.#fail(error),
      online: () => this.client.state === 'open',
      reboot: (reason) =>
        this.#reboot(reason).catch((error: unknown) => {
          this.#fail(error);
        }),
      nextLocalTxId: () => `${this.client.identity}-${this.#state.nextLocalTxId++}`,
    };
  }

  #listenToClient(): void {
    const refresh = () => this.#changed();
    this.#offClient.push(
      this.client.on('open', refresh),
      this.client.on('disconnect', refresh),
      this.client.on('close', refresh),
    );
  }

  #connector(id: number) {
    const c = Number.isInteger(id) ? this.#state.connectors[id - 1] : undefined;
    if (!c) throw new RangeError(`No connector ${id}: the station has 1..${this.#state.connectors.length}`);
    return c;
  }

  #network(): NetworkSwitch {
    const network = this.#options.network;
    if (!network)
      throw new Error(
        'goOffline()/comeBack() need the network option: build the client on network.connector',
      );
    return network;
  }

  #applyInitialConfig(): void {
    for (const [key, value] of Object.entries(this.#options.config ?? {})) this.#state.config[key] = value;
  }

  #makeSaver(): Saver {
    return new Saver(
      this.#options.persistence,
      () => {
        this.#state.savedAtMs = this.clock.now();
        return this.#state;
      },
      (error) => this.#fail(error),
    );
  }

  #changed(): void {
    this.#saver.request();
    this.#emitter.emit('change', this.snapshot());
  }

  #fail(error: unknown): void {
    this.#emitter.emit('error', error instanceof Error ? error : new Error(String(error)));
  }
}
