import { LimitError, type OCPPClient, StateError } from '@ocpp-ws-io/browser';
import { type ConfigKey, changeConfig, defaultConfig, seconds } from './config.js';
import {
  arrivingSoc,
  type ConnectorState,
  createStation,
  type StationState,
  type StopReason,
  status16,
  status201,
  type TransactionState,
  tick,
} from './model.js';
import type { SampleContext, StartTrigger, StoppedTransaction, Wire } from './wire.js';
import { Wire16 } from './wire16.js';
import { Wire201 } from './wire201.js';

/** What the page shows in its timeline. */
export interface TimelineEvent {
  readonly at: number;
  readonly kind: 'connect' | 'boot' | 'transaction' | 'disconnect' | 'command' | 'error';
  readonly text: string;
}

/** Everything of a station that survives a page reload (a real station keeps it in flash). */
export interface PersistedStation {
  state: StationState;
  config: Record<string, string>;
  /**
   * Stopped transactions not handed to the client's durable queue yet, because it cannot hold
   * them: the station had no connection at all (the user disconnected it, so there is no client
   * to queue with), or — 1.6 — the CSMS has not answered StartTransaction yet, so the
   * StopTransaction has no transactionId. Everything handed over lives in the durable store.
   */
  outbox: StoppedTransaction[];
}

export type Connection = 'offline' | 'connecting' | 'online' | 'reconnecting';

/**
 * A virtual charging station: the model (connectors, cars, meters), its timers (simulation,
 * meter sampling, Heartbeat) and the session with the CSMS through one {@link OCPPClient}.
 * Protocol details live in the {@link Wire} of the negotiated version.
 *
 * Listeners: `change` after any state change, `timeline` with a {@link TimelineEvent} detail.
 */
export class Station extends EventTarget {
  state: StationState;
  readonly config: Record<string, ConfigKey>;
  outbox: StoppedTransaction[];
  connection: Connection = 'offline';
  bootStatus: string | undefined;
  protocol: string | undefined;
  /** Simulated seconds per real second (the car charges faster than life in a demo). */
  speed = 1;
  client: OCPPClient | undefined;
  private wire: Wire | undefined;
  private booted = false;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private bootRetry: ReturnType<typeof setTimeout> | undefined;
  private readonly simTimer: ReturnType<typeof setInterval>;
  private readonly lastSampleMs = new Map<number, number>();
  private readonly unbind: Array<() => void> = [];
  /** idTags the CSMS accepted lately (1.6 §3.5 Authorization Cache); cleared by ClearCache. */
  readonly authCache = new Set<string>();

  constructor(
    connectors: number,
    persisted: PersistedStation | undefined,
    private readonly save: (p: PersistedStation) => void,
  ) {
    super();
    this.state = persisted?.state ?? createStation(connectors);
    this.config = defaultConfig(this.state.connectors.length);
    for (const [k, v] of Object.entries(persisted?.config ?? {})) {
      const entry = this.config[k];
      if (entry && !entry.readonly) entry.value = v;
    }
    this.outbox = persisted?.outbox ?? [];
    this.simTimer = setInterval(() => this.onTick(), 1000);
  }

  // ── session ───────────────────────────────────────────────────────────────────────────

  /** Starts a session with `client` (already configured with endpoint, identity and credentials). */
  async connect(client: OCPPClient): Promise<void> {
    await this.disconnect();
    this.client = client;
    this.booted = false;
    this.connection = 'connecting';
    // The in-page CSMS needs a well-formed URL, but in-page.invalid is no place to tell a person.
    const target = client.url.includes('//in-page.invalid/')
      ? 'the in-page demo CSMS'
      : client.url.replace(/\/\/[^@/]*@/, '//');
    this.timeline('connect', `Connecting to ${target}`);
    this.unbind.push(
      client.on('open', ({ protocol }) => {
        this.connection = 'online';
        this.protocol = protocol;
        this.wire ??= protocol === 'ocpp1.6' ? new Wire16(client, this) : new Wire201(client, this);
        this.timeline('connect', `Connected (${protocol})`);
        void this.afterOpen();
      }),
      client.on('disconnect', ({ code }) => {
        this.connection = 'reconnecting';
        this.timeline('disconnect', `Connection lost (close ${code}); reconnecting with back-off`);
      }),
      client.on('reconnecting', ({ attempt, delayMs }) => {
        this.timeline('disconnect', `Reconnect attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s`);
      }),
      client.on('close', ({ code, reason }) => {
        this.connection = 'offline';
        this.stopHeartbeat();
        this.timeline('disconnect', `Closed (${code}${reason ? ` ${reason}` : ''})`);
      }),
      // Answers to transaction messages made by an earlier client (before a reload, a reset or a
      // disconnect): their callers are gone, so what they carry is applied here.
      client.on('delivered', ({ action, params, response }) => this.onDelivered(action, params, response)),
      client.on('undeliverable', ({ action, params, attempts, error }) => {
        this.timeline(
          'error',
          `Gave up ${describeMessage(action, params)} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${(error as Error)?.message ?? error}`,
        );
        if (action === 'StartTransaction') this.forgetStart(params as StartParams16);
      }),
    );
    try {
      await client.connect();
    } catch (error) {
      this.connection = 'offline';
      this.timeline('error', (error as Error).message);
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    this.stopHeartbeat();
    clearTimeout(this.bootRetry);
    if (!client) return;
    await client.close(1000, 'Disconnected by the user');
    for (const off of this.unbind.splice(0)) off();
    this.client = undefined;
    this.wire = undefined;
    this.connection = 'offline';
    this.changed();
  }

  /** Reset (1.6 §5.14, 2.0.1 B11/B12): end transactions, drop the connection, boot again. */
  async reset(kind: 'SoftReset' | 'HardReset'): Promise<void> {
    this.timeline('command', `Reset (${kind === 'HardReset' ? 'hard' : 'soft'}): rebooting`);
    await Promise.all(this.state.connectors.map((c) => (c.transaction ? this.stop(c.id, kind) : undefined)));
    const client = this.client;
    if (!client) return;
    this.stopHeartbeat();
    this.booted = false;
    await client.close(1000, 'Reset');
    // A real station takes a moment to reboot; so does this one, visibly.
    await new Promise((r) => setTimeout(r, 1500));
    if (this.client === client) await client.connect().catch((e: Error) => this.timeline('error', e.message));
  }

  private async afterOpen(): Promise<void> {
    const wire = this.wire!;
    if (!this.booted) {
      // 1.6 §4.2 / 2.0.1 B01: nothing but BootNotification until the CSMS accepted us.
      let boot: { status: string; intervalS: number };
      try {
        boot = await wire.boot('PowerUp');
      } catch (error) {
        this.timeline('error', `BootNotification failed: ${(error as Error).message}`);
        return;
      }
      this.bootStatus = boot.status;
      this.timeline('boot', `BootNotification ${boot.status} (heartbeat every ${boot.intervalS} s)`);
      if (boot.status !== 'Accepted') {
        // Pending / Rejected: retry after the interval the CSMS gave (§4.2).
        this.bootRetry = setTimeout(() => void this.afterOpen(), Math.max(boot.intervalS, 5) * 1000);
        this.changed();
        return;
      }
      this.booted = true;
      this.config.HeartbeatInterval!.value = String(boot.intervalS);
      this.startHeartbeat();
      if (this.protocol === 'ocpp1.6') await this.sendStatus(0); // connector 0: the station itself
      for (const c of this.state.connectors) await this.sendStatus(c.id);
    }
    await this.resumeTransactions();
  }

  /**
   * After (re)connecting. Transaction messages made earlier are in the client's durable store and
   * go out by themselves (first, in order); only what the durable queue never saw is sent here.
   */
  private async resumeTransactions(): Promise<void> {
    this.flushStops();
    // Transactions that began while the station had no client at all (authorized, disconnected,
    // then plugged in): their start was never queued, so it is sent now.
    for (const c of this.state.connectors) {
      const tx = c.transaction;
      if (tx && !startQueued(tx)) await this.startAtCsms(c, 'Authorized');
    }
  }

  /** Hands the outbox's stopped transactions to the durable queue, once each one can be. */
  private flushStops(): void {
    if (!this.wire) return;
    const ready = this.outbox.filter((s) => s.transaction.id !== undefined);
    if (!ready.length) return;
    this.outbox = this.outbox.filter((s) => !ready.includes(s));
    for (const stopped of ready) void this.deliverStop(stopped);
    this.changed();
  }

  /** Queues a StopTransaction / TransactionEvent Ended; resolves once the CSMS answered it. */
  private async deliverStop(stopped: StoppedTransaction): Promise<void> {
    try {
      await this.wire!.stop(stopped);
    } catch (error) {
      // AbortError: the client closed before the answer; the message stays stored and the next
      // client sends it. Given up: `undeliverable` said so. Never stored (the client is closed,
      // e.g. rebooting after a Reset, or the store is full): back to the outbox for the next
      // connection.
      if (notStored(error)) {
        this.outbox.push(stopped);
        this.changed();
      }
    }
  }

  /** A durable message of an earlier client (before a reload, reset or disconnect) was answered. */
  private onDelivered(action: string, params: unknown, response: unknown): void {
    this.timeline('transaction', `Delivered ${describeMessage(action, params)}, stored earlier`);
    if (action === 'StartTransaction') {
      // 1.6 §4.8: the transactionId the connector (or its stopped transaction) must learn.
      const p = params as StartParams16;
      const r = response as { transactionId: number; idTagInfo: { status: string } };
      const c = this.connector(p.connectorId);
      const running = c?.transaction && sameStart(c.transaction, p) ? c.transaction : undefined;
      const tx =
        running ??
        this.outbox.find((s) => s.connectorId === p.connectorId && sameStart(s.transaction, p))?.transaction;
      if (!tx) return;
      tx.id = String(r.transactionId);
      this.timeline(
        'transaction',
        `Transaction ${tx.id} on connector ${p.connectorId} confirmed (${r.idTagInfo.status})`,
      );
      this.flushStops();
      if (running && c && r.idTagInfo.status !== 'Accepted') void this.stop(c.id, 'DeAuthorized');
    } else if (action === 'TransactionEvent') {
      // 2.0.1 E01: a Started event may come back with the idToken refused.
      const p = params as { eventType: string; transactionInfo: { transactionId: string } };
      const status = (response as { idTokenInfo?: { status: string } }).idTokenInfo?.status;
      const c = this.state.connectors.find((k) => k.transaction?.id === p.transactionInfo.transactionId);
      if (p.eventType === 'Started' && c && status && status !== 'Accepted')
        void this.stop(c.id, 'DeAuthorized');
    }
  }

  /** A 1.6 StartTransaction was given up: a stop of it could never be matched, so it is dropped. */
  private forgetStart(p: StartParams16): void {
    const before = this.outbox.length;
    this.outbox = this.outbox.filter(
      (s) => !(s.connectorId === p.connectorId && sameStart(s.transaction, p)),
    );
    if (this.outbox.length !== before) this.changed();
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const ms = seconds(this.config, 'HeartbeatInterval', 60) * 1000;
    this.heartbeatTimer = setInterval(() => void this.wire?.heartbeat().catch(() => {}), ms);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  // ── driver actions ───────────────────────────────────────────────────────────────────

  connector(id: number): ConnectorState | undefined {
    return this.state.connectors.find((c) => c.id === id);
  }

  /** The driver plugs the car in. Starts charging if an idTag was authorized already. */
  async plug(id: number): Promise<void> {
    const c = this.connector(id);
    if (c?.phase !== 'idle') return;
    c.phase = 'plugged';
    c.soc = arrivingSoc();
    this.timeline('transaction', `Car plugged into connector ${id} (${Math.round(c.soc)} % charged)`);
    await this.sendStatus(id);
    if (c.authorizedIdTag)
      await this.beginTransaction(c, c.authorizedIdTag, c.remoteStartId ? 'RemoteStart' : 'CablePluggedIn');
  }

  /** The driver unplugs: ends the transaction (EVDisconnected) if one runs. */
  async unplug(id: number): Promise<void> {
    const c = this.connector(id);
    if (!c || c.phase === 'idle') return;
    if (c.transaction) await this.stop(id, 'EVDisconnected');
    c.phase = 'idle';
    c.powerW = 0;
    c.soc = 0;
    this.timeline('transaction', `Car unplugged from connector ${id}`);
    this.applyScheduledAvailability(c);
    await this.sendStatus(id);
  }

  /**
   * The driver presents an idTag: Authorize (unless cached), then start — now if the car is
   * plugged, otherwise when it is. Presenting the tag of the running transaction stops it.
   */
  async present(id: number, idTag: string): Promise<string> {
    const c = this.connector(id);
    if (!c || !this.wire) return 'Offline';
    if (c.transaction) {
      if (c.transaction.idTag === idTag) await this.stop(id, 'Local');
      return 'Accepted';
    }
    if (!c.operative) return 'Unavailable';
    const status = this.authCache.has(idTag) ? 'Accepted' : await this.wire.authorize(idTag);
    this.timeline('transaction', `Authorize ${idTag}: ${status}`);
    if (status !== 'Accepted') return status;
    this.authCache.add(idTag);
    c.authorizedIdTag = idTag;
    // Still plugged in after a session (Finishing) counts as plugged: a new session may start.
    if (c.phase === 'plugged' || c.phase === 'finishing') await this.beginTransaction(c, idTag, 'Authorized');
    else this.changed();
    return status;
  }

  /** RemoteStart: accepted if the connector is free and operative (1.6 §5.11, 2.0.1 F01). */
  remoteStart(connectorId: number | undefined, idTag: string, remoteStartId?: number): boolean {
    const c = connectorId
      ? this.connector(connectorId)
      : (this.state.connectors.find(
          (k) => (k.phase === 'plugged' || k.phase === 'finishing') && !k.transaction,
        ) ?? this.state.connectors.find((k) => k.phase === 'idle'));
    if (!c || c.transaction || !c.operative) return false;
    this.timeline('command', `Remote start on connector ${c.id} for ${idTag}`);
    afterReply(async () => {
      c.authorizedIdTag = idTag;
      if (remoteStartId !== undefined) c.remoteStartId = remoteStartId;
      // AuthorizeRemoteTxRequests=false (the default): the CSMS's word is authorization enough.
      if (this.config.AuthorizeRemoteTxRequests?.value === 'true') {
        const status = await this.wire!.authorize(idTag);
        if (status !== 'Accepted') {
          c.authorizedIdTag = undefined;
          this.changed();
          return;
        }
      }
      if (c.phase === 'plugged' || c.phase === 'finishing')
        await this.beginTransaction(c, idTag, 'RemoteStart');
      else this.changed();
    });
    return true;
  }

  /** RemoteStop (1.6 §5.12, 2.0.1 F03): accepted if the transaction runs here. */
  remoteStop(transactionId: string): boolean {
    const c = this.state.connectors.find((k) => k.transaction?.id === transactionId);
    if (!c) return false;
    this.timeline('command', `Remote stop of transaction ${transactionId}`);
    afterReply(() => this.stop(c.id, 'Remote'));
    return true;
  }

  private async beginTransaction(c: ConnectorState, idTag: string, trigger: StartTrigger): Promise<void> {
    c.transaction = {
      idTag,
      startedAt: new Date().toISOString(),
      meterStartWh: Math.round(c.meterWh),
      seqNo: 0,
      ...(c.remoteStartId === undefined ? {} : { remoteStartId: c.remoteStartId }),
    };
    c.authorizedIdTag = undefined;
    c.remoteStartId = undefined;
    c.phase = 'charging';
    this.lastSampleMs.set(c.id, Date.now());
    await this.startAtCsms(c, trigger);
  }

  private async startAtCsms(c: ConnectorState, trigger: StartTrigger): Promise<void> {
    const tx = c.transaction;
    if (!this.wire || !tx) return;
    try {
      // Durable: stored before it goes out, resolves once the CSMS answered (after reconnects).
      const started = this.wire.start(c, trigger);
      tx.startQueued = true;
      this.changed(); // persists the flag (and, in 2.0.1, the transaction id and seqNo)
      const status = await started;
      this.timeline('transaction', `Transaction ${tx.id ?? '?'} started on connector ${c.id} (${status})`);
      this.flushStops(); // 1.6: a stop made before the answer can be queued now
      if (status !== 'Accepted' && c.transaction === tx) await this.stop(c.id, 'DeAuthorized');
    } catch (error) {
      // AbortError: the client closed before the answer; the message stays stored and its answer
      // arrives through `delivered` on the next client. Never stored: started on the next boot.
      // (Given up: `undeliverable` said so.)
      if (notStored(error)) {
        tx.startQueued = false;
        this.timeline('error', `Starting the transaction failed: ${(error as Error).message}`);
      }
    }
    await this.sendStatus(c.id);
  }

  /** Ends the connector's transaction and reports it through the durable queue (or the outbox). */
  async stop(id: number, reason: StopReason): Promise<void> {
    const c = this.connector(id);
    const tx = c?.transaction;
    if (!c || !tx) return;
    const stopped: StoppedTransaction = {
      connectorId: id,
      transaction: tx,
      meterStopWh: Math.round(c.meterWh),
      reason,
      timestamp: new Date().toISOString(),
    };
    c.transaction = undefined;
    c.powerW = 0;
    if (c.phase !== 'idle') c.phase = 'finishing';
    this.timeline(
      'transaction',
      `Transaction ${tx.id ?? '?'} stopped (${reason}): ${((stopped.meterStopWh - tx.meterStartWh) / 1000).toFixed(2)} kWh`,
    );
    if (!startQueued(tx)) {
      // Never reached the CSMS (started with no client at all): nothing it could match a stop to.
    } else if (this.wire && tx.id !== undefined) {
      const delivered = this.deliverStop(stopped);
      // Online, wait for the answer as before (a Reset closes the connection right after);
      // otherwise it is stored and goes out on reconnect — or after a reload.
      if (this.connection === 'online') await delivered;
    } else {
      this.outbox.push(stopped);
      this.changed();
    }
    this.applyScheduledAvailability(c);
    await this.sendStatus(id);
  }

  // ── CSMS-initiated ───────────────────────────────────────────────────────────────────

  /** ChangeAvailability (1.6 §5.2, 2.0.1 G03/G04); connector 0 = the whole station. */
  changeAvailability(connectorId: number, operative: boolean): 'Accepted' | 'Rejected' | 'Scheduled' {
    const targets = connectorId === 0 ? this.state.connectors : [this.connector(connectorId)];
    if (targets.some((c) => !c)) return 'Rejected';
    let scheduled = false;
    for (const c of targets as ConnectorState[]) {
      if (c.transaction && !operative === c.operative) {
        c.scheduledOperative = operative;
        scheduled = true;
      } else c.operative = operative;
    }
    this.timeline(
      'command',
      `Availability of ${connectorId === 0 ? 'the station' : `connector ${connectorId}`}: ${operative ? 'Operative' : 'Inoperative'}${scheduled ? ' (scheduled)' : ''}`,
    );
    afterReply(() => Promise.all((targets as ConnectorState[]).map((c) => this.sendStatus(c.id))));
    return scheduled ? 'Scheduled' : 'Accepted';
  }

  private applyScheduledAvailability(c: ConnectorState): void {
    if (c.scheduledOperative === undefined) return;
    c.operative = c.scheduledOperative;
    c.scheduledOperative = undefined;
  }

  /** UnlockConnector (1.6 §5.18): stops a running transaction first, then the cable is free. */
  unlock(connectorId: number): 'Unlocked' | 'NotSupported' {
    const c = this.connector(connectorId);
    if (!c) return 'NotSupported';
    this.timeline('command', `Unlock connector ${connectorId}`);
    afterReply(() => this.unplug(connectorId));
    return 'Unlocked';
  }

  /** ChangeConfiguration / SetVariables: applies the value and restarts what depends on it. */
  configure(key: string, value: string): 'Accepted' | 'Rejected' | 'NotSupported' {
    const outcome = changeConfig(this.config, key, value);
    this.timeline('command', `Configuration ${key} = ${value}: ${outcome}`);
    if (outcome === 'Accepted' && key === 'HeartbeatInterval' && this.heartbeatTimer) this.startHeartbeat();
    this.changed();
    return outcome;
  }

  /** TriggerMessage (1.6 §5.17, 2.0.1 F06): true if the message is one we can send now. */
  trigger(message: string, connectorId: number | undefined): boolean {
    const wire = this.wire;
    if (!wire) return false;
    const targets = connectorId
      ? [this.connector(connectorId)].filter((c) => c !== undefined)
      : this.state.connectors;
    const send: Record<string, () => Promise<unknown>> = {
      BootNotification: () => wire.boot('PowerUp'),
      Heartbeat: () => wire.heartbeat(),
      StatusNotification: () => Promise.all(targets.map((c) => wire.status(c))),
      MeterValues: () =>
        Promise.all(targets.filter((c) => c.transaction).map((c) => wire.sample(c, 'Trigger'))),
      TransactionEvent: () =>
        Promise.all(targets.filter((c) => c.transaction).map((c) => wire.sample(c, 'Trigger'))),
    };
    const fn = send[message];
    if (!fn) return false;
    this.timeline('command', `Triggered ${message}`);
    afterReply(fn);
    return true;
  }

  clearCache(): void {
    this.authCache.clear();
    this.timeline('command', 'Authorization cache cleared');
  }

  // ── internals ────────────────────────────────────────────────────────────────────────

  private async sendStatus(id: number): Promise<void> {
    this.changed();
    if (!this.wire || !this.booted) return;
    const c = id === 0 ? undefined : this.connector(id);
    try {
      await this.wire.status(c ?? stationAsConnector(this.state));
    } catch {
      // Offline: the status is sent again after the next boot.
    }
  }

  private onTick(): void {
    const now = Date.now();
    const sampleMs = seconds(this.config, 'MeterValueSampleInterval', 10) * 1000;
    for (const c of this.state.connectors) {
      if (tick(c, this.speed)) {
        this.timeline('transaction', `Car on connector ${c.id} is full: charging suspended by the EV`);
        void this.sendStatus(c.id);
        void this.wire?.chargingStateChanged(c).catch(() => {});
      }
      const tx = c.transaction;
      if (tx?.id !== undefined && this.wire && now - (this.lastSampleMs.get(c.id) ?? 0) >= sampleMs) {
        this.lastSampleMs.set(c.id, now);
        // 1.6 §4.7: periodic samples every MeterValueSampleInterval while a transaction runs.
        void this.wire.sample(c, 'Sample.Periodic' satisfies SampleContext).catch(() => {});
      }
    }
    this.changed();
  }

  /** Status of a connector in the negotiated version (for the UI). */
  statusOf(c: ConnectorState): string {
    return this.protocol === 'ocpp2.0.1' ? status201(c) : status16(c);
  }

  changed(): void {
    this.save(this.persisted());
    this.dispatchEvent(new Event('change'));
  }

  persisted(): PersistedStation {
    return {
      state: this.state,
      config: Object.fromEntries(Object.entries(this.config).map(([k, v]) => [k, v.value])),
      outbox: this.outbox,
    };
  }

  timeline(kind: TimelineEvent['kind'], text: string): void {
    this.dispatchEvent(
      new CustomEvent<TimelineEvent>('timeline', { detail: { at: Date.now(), kind, text } }),
    );
    this.changed();
  }

  /** Stops the timers for good (the page is going away or the station is replaced). */
  dispose(): void {
    clearInterval(this.simTimer);
    void this.disconnect();
  }
}

/**
 * Runs `fn` after the current handler's reply went out: a CSMS must see the CALLRESULT of e.g.
 * RemoteStartTransaction before the StartTransaction it causes (1.6 §5.11).
 */
export function afterReply(fn: () => unknown): void {
  setTimeout(() => void Promise.resolve(fn()).catch(() => {}), 0);
}

/** The 1.6 StartTransaction fields that identify the transaction before it has an id. */
interface StartParams16 {
  readonly connectorId: number;
  readonly idTag: string;
  readonly timestamp: string;
}

function sameStart(tx: TransactionState, p: StartParams16): boolean {
  return tx.id === undefined && tx.idTag === p.idTag && tx.startedAt === p.timestamp;
}

/** Whether the transaction's start was handed to the client (states saved before the flag: by id). */
function startQueued(tx: TransactionState): boolean {
  return tx.startQueued ?? tx.id !== undefined;
}

/** A durable call refused before it reached the store (closed client, full store). */
function notStored(error: unknown): boolean {
  return error instanceof StateError || error instanceof LimitError;
}

/** A transaction message in a few words, for the timeline. */
function describeMessage(action: string, params: unknown): string {
  const p = (params ?? {}) as {
    transactionId?: number;
    connectorId?: number;
    eventType?: string;
    seqNo?: number;
    transactionInfo?: { transactionId?: string };
  };
  if (action === 'TransactionEvent')
    return `TransactionEvent ${p.eventType ?? ''} #${p.seqNo ?? '?'} of ${p.transactionInfo?.transactionId ?? '?'}`;
  if (p.transactionId !== undefined) return `${action} of transaction ${p.transactionId}`;
  return p.connectorId === undefined ? action : `${action} on connector ${p.connectorId}`;
}

/** Connector 0 (1.6): the station as a whole, Available unless every connector is Unavailable. */
function stationAsConnector(state: StationState): ConnectorState {
  const operative = state.connectors.some((c) => c.operative);
  return { id: 0, phase: 'idle', operative, meterWh: 0, powerW: 0, soc: 0 };
}
