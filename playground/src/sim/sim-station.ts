// One station of the page: a VirtualStation from @ocpp-ws-io/station on a browser OCPPClient,
// with what the page keeps around it — its message log, timeline, power history, durable message
// store (IndexedDB) and saved state (localStorage). Each Connect builds a new client and station
// (the settings may have changed); the saved state and the stored messages carry over.
import { type Connector, OCPPClient, type OCPPClientOptions } from '@ocpp-ws-io/browser';
import { recordTrace } from '@ocpp-ws-io/scenarios';
import {
  createState,
  type FaultState,
  NetworkSwitch,
  NoProfileError,
  type ScaledClock,
  type StationSnapshot,
  type StationState,
  stationDurable,
  type TokenOutcome,
  VirtualStation,
} from '@ocpp-ws-io/station';
import { connectorFor, passwordFor } from '../csms/connector-for.js';
import { MessageLog } from '../log/message-log.js';
import { StationTrace } from '../log/station-trace.js';
import { endpointOf, type Settings } from '../settings.js';
import { LocalStoragePersistence, readSavedState } from './local-persistence.js';
import { WatchedMessageStore } from './message-store.js';
import { PowerHistory } from './power-history.js';
import {
  changesBetween,
  describeMessage,
  outcomeText,
  startedLine,
  stoppedLine,
  type TimelineEvent,
  type TimelineLine,
} from './timeline.js';
import { offSnapshot } from './view.js';

/** What the station tells the CSMS it is (BootNotification). */
const MODEL = { vendor: 'ocpp-ws-io', model: 'Playground', firmwareVersion: '0.1.0' } as const;
/** Timeline lines kept per station. */
const MAX_TIMELINE = 200;

/** Emits `change` when its view changed, `timeline` (detail: {@link TimelineEvent}) for each new line. */
export class SimStation extends EventTarget {
  readonly log = new MessageLog();
  /** Every frame of every connection since the page loaded (Export trace). */
  readonly trace: StationTrace;
  readonly timeline: TimelineEvent[] = [];
  readonly history = new PowerHistory();
  readonly store: WatchedMessageStore;
  /** Why the last start failed in a way a person must act on (e.g. no profile for 2.1 yet). */
  problem: string | undefined;
  #station: VirtualStation | undefined;
  #network: NetworkSwitch | undefined;
  #persistence: LocalStoragePersistence | undefined;
  #view: StationSnapshot;
  #unbind: Array<() => void> = [];
  readonly #onPageHide = () => this.#persistence?.pageHide();

  constructor(
    readonly identity: string,
    private readonly clock: ScaledClock,
    connectors: number,
  ) {
    super();
    this.trace = new StationTrace(identity);
    this.store = new WatchedMessageStore(`ocpp-ws-io-playground:${identity}`);
    this.store.addEventListener('change', () => this.#changed());
    this.#view = this.#offView(connectors);
    // Count what an earlier page left (shown before any connection); the client sends it first.
    this.store
      .load()
      .then((left) => {
        if (left.length)
          this.note(
            'transaction',
            `${plural(left.length, 'transaction message')} stored earlier wait for the CSMS`,
          );
      })
      .catch((error: Error) => this.note('error', `Message store: ${error.message}`));
    addEventListener('pagehide', this.#onPageHide);
  }

  /** The snapshot while running; the last run's state while off. */
  get view(): StationSnapshot {
    return this.#view;
  }

  get running(): boolean {
    return !!this.#station;
  }

  get networkUp(): boolean {
    return this.#network?.up ?? true;
  }

  /** Transaction messages the CSMS has not answered yet (stored in IndexedDB). */
  get waiting(): number {
    return this.store.size;
  }

  /** The running station (configuration keys, local changes). */
  get station(): VirtualStation | undefined {
    return this.#station;
  }

  /**
   * Switches the station on: a new client with the settings' CSMS and credentials, the saved state,
   * the durable store. Resolves true once the CSMS answered BootNotification (whatever it said).
   */
  async connect(s: Settings, inPage: () => Connector): Promise<boolean> {
    await this.disconnect();
    this.problem = undefined;
    const durable = stationDurable({ store: this.store, retryIntervalMs: 5_000 });
    const network = new NetworkSwitch(connectorFor(s, inPage));
    const client = this.#client(s, network.connector, durable);
    const persistence = new LocalStoragePersistence(
      this.identity,
      { ...MODEL, connectors: s.connectors },
      this.clock,
    );
    const station = new VirtualStation({
      ...MODEL,
      client,
      clock: this.clock,
      durable,
      network,
      persistence,
      connectors: s.connectors,
      // Energy is integrated per step: about four steps a real second whatever the speed, so a
      // fast demo neither crawls nor floods the page with snapshots.
      physicsStepS: Math.min(300, Math.max(5, this.clock.speed / 4)),
      // The demo CSMS (Worker and in-page) has no 1.6 security extension: its events would only
      // come back as NotImplemented. A CSMS of your own gets them.
      securityEvents: s.mode === 'custom',
    });
    this.#station = station;
    this.#network = network;
    this.#persistence = persistence;
    this.#bind(client, station);
    const target = s.mode === 'inpage' ? 'the in-page demo CSMS' : client.url.replace(/\/\/[^@/]*@/, '//');
    this.note('connect', `Connecting to ${target}`);
    try {
      await station.start();
      return true;
    } catch (error) {
      persistence.flush();
      this.#release();
      if (error instanceof NoProfileError)
        this.problem = `The CSMS agreed on ${error.protocol}, and this build of @ocpp-ws-io/station has no ${error.protocol} profile yet. ${error.message}`;
      this.note('error', this.problem ?? (error as Error).message);
      this.#view = this.#offView(s.connectors);
      this.#changed();
      return false;
    }
  }

  /**
   * Switches the station off: running transactions end (reason Other) and their stops are stored,
   * then delivered while online. `powerCut` instead sends nothing: the next start ends them with
   * PowerLoss, as after a reload.
   */
  async disconnect(options: { powerCut?: boolean } = {}): Promise<void> {
    const station = this.#station;
    if (!station) return;
    // Up to 10 real seconds for the CSMS's answers, whatever the speed (the wait is on the
    // station's clock).
    this.note(
      'disconnect',
      options.powerCut
        ? 'Power cut: the station goes dark mid-sentence; its transactions end with PowerLoss when it starts again'
        : 'Switching off: running transactions end and are reported',
    );
    await station.stop({ ...options, deliveryTimeoutMs: 10_000 * this.clock.speed });
    this.#persistence?.flush();
    this.#release();
    this.#view = offSnapshot(this.identity, station.state as StationState, this.clock.now());
    this.#changed();
  }

  // ── physical actions (only while running: the UI disables them otherwise) ───────────────

  plugIn(connectorId: number): void {
    // Cars arrive with 20–40 % in the battery.
    const socPercent = 20 + Math.round(Math.random() * 20);
    this.#station?.plugIn(connectorId, { socPercent });
    this.note('transaction', `Car plugged into connector ${connectorId} (${socPercent} % charged)`);
  }

  unplug(connectorId: number): void {
    this.#station?.unplug(connectorId);
    this.note('transaction', `Car unplugged from connector ${connectorId}`);
  }

  async present(idTag: string, connectorId: number): Promise<TokenOutcome> {
    const station = this.#station;
    const outcome: TokenOutcome = station
      ? await station.presentToken(idTag, connectorId)
      : { result: 'rejected', reason: 'the station is off' };
    this.note(outcome.result === 'rejected' ? 'error' : 'transaction', outcomeText(idTag, outcome));
    return outcome;
  }

  async stopCharging(connectorId: number): Promise<void> {
    await this.#station?.stopCharging(connectorId);
  }

  fault(connectorId: number, fault: FaultState | undefined): void {
    if (!this.#station) return;
    if (fault) this.#station.fault(connectorId, fault);
    else this.#station.clearFault(connectorId);
    this.note(
      'command',
      fault
        ? `Fault on connector ${connectorId}: ${fault.errorCode}`
        : `Connector ${connectorId}: fault cleared`,
    );
  }

  /** Pulls or puts back the network cable (the connection drops with 1006 and comes back). */
  setNetwork(up: boolean): void {
    if (!this.#station) return;
    if (up) this.#station.comeBack();
    else this.#station.goOffline();
    this.note(
      'disconnect',
      up ? 'Network cable back in: reconnecting' : 'Network cable pulled: the connection drops',
    );
  }

  /** While off: shows `connectors` connectors (the settings changed), unless a saved state says otherwise. */
  showOff(connectors: number): void {
    if (this.#station) return;
    this.#view = this.#offView(connectors);
    this.#changed();
  }

  /** Adds a line to the timeline. */
  note(kind: TimelineEvent['kind'], text: string): void {
    const event: TimelineEvent = { at: Date.now(), kind, text };
    this.timeline.push(event);
    if (this.timeline.length > MAX_TIMELINE) this.timeline.splice(0, this.timeline.length - MAX_TIMELINE);
    this.dispatchEvent(new CustomEvent<TimelineEvent>('timeline', { detail: event }));
  }

  /** Stops listening for good (the fleet shrank; the station is off). */
  dispose(): void {
    removeEventListener('pagehide', this.#onPageHide);
  }

  #client(s: Settings, connector: Connector, durable: OCPPClientOptions['durable']): OCPPClient {
    const password = passwordFor(s);
    return new OCPPClient({
      endpoint: endpointOf(s),
      identity: this.identity,
      protocols: [s.protocol],
      callTimeoutMs: 15_000,
      // A browser cannot tell a revoked password from an outage (both are close 1006): give up
      // after a while instead of retrying forever (see @ocpp-ws-io/browser README).
      reconnect: { maxAttempts: 20 },
      connector,
      ...(durable ? { durable } : {}),
      ...(password ? { password } : {}),
    });
  }

  #bind(client: OCPPClient, station: VirtualStation): void {
    const log = this.log;
    const say = (line: TimelineLine) => this.note(line.kind, line.text);
    this.#unbind.push(
      client.on('message', ({ direction, data }) => log.record(direction, data)),
      // Real time, not the station's virtual clock: a trace says when frames really went.
      recordTrace(client, this.trace.write),
      client.on('badMessage', ({ data, error }) => log.flag('in', '', `Refused: ${error.message}`, data)),
      client.on('handlerError', ({ action, error }) =>
        log.flag('out', action, `Our handler failed: ${(error as Error)?.message ?? error}`, null),
      ),
      client.on('open', ({ protocol }) => this.note('connect', `Connected (${protocol})`)),
      client.on('disconnect', ({ code }) =>
        this.note('disconnect', `Connection lost (close ${code}); reconnecting with back-off`),
      ),
      client.on('reconnecting', ({ attempt, delayMs }) =>
        this.note('disconnect', `Reconnect attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s`),
      ),
      client.on('close', ({ code, reason }) =>
        this.note('disconnect', `Closed (${code}${reason ? ` ${reason}` : ''})`),
      ),
      // Answers to transaction messages an earlier page (or client) stored.
      client.on('delivered', ({ action, params }) =>
        this.note('transaction', `Delivered ${describeMessage(action, params)}, stored earlier`),
      ),
      client.on('undeliverable', ({ action, params, attempts, error }) =>
        this.note(
          'error',
          `Gave up ${describeMessage(action, params)} after ${plural(attempts, 'attempt')}: ${(error as Error)?.message ?? error}`,
        ),
      ),
      station.on('change', (snapshot) => {
        for (const line of changesBetween(this.#view, snapshot)) say(line);
        for (const c of snapshot.connectors) this.history.record(c.id, snapshot.nowMs, c.powerW);
        this.#view = snapshot;
        this.#changed();
      }),
      station.on('transactionStarted', (e) => say(startedLine(e))),
      station.on('transactionStopped', (e) => say(stoppedLine(e))),
      station.on('error', (error) => this.note('error', error.message)),
    );
  }

  #release(): void {
    for (const off of this.#unbind.splice(0)) off();
    this.#station = undefined;
    this.#network = undefined;
    this.#persistence = undefined;
  }

  #offView(connectors: number): StationSnapshot {
    const saved = readSavedState(this.identity);
    const state = saved ?? createState({ ...MODEL, connectors });
    return offSnapshot(this.identity, state, this.clock.now());
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
