import {
  createKeyGenerator,
  type DurableOptions,
  isTransactionMessage,
  type MessageStore,
  type StoredMessage,
} from './durable.js';
import { AbortError, LimitError, StateError } from './errors.js';
import type { DurableHost, DurableQueue, OutboundCall } from './outbound-call.js';
import { PendingWrites } from './pending-writes.js';
import { CALL } from './protocol.js';
import type { CallOptions } from './types.js';

/**
 * Turns on durable delivery of transaction-related messages for a client: pass the result as
 * its `durable` option. Kept out of the engine so that an app without it ships none of it.
 * Keep the lane to wait for the store: {@link DurableLane.flush}.
 *
 * @example
 * ```ts
 * import { durableDelivery, IndexedDBMessageStore, OCPPClient } from '@ocpp-ws-io/browser';
 *
 * const durable = durableDelivery({ store: new IndexedDBMessageStore('ocpp:CP-1'), maxAttempts: 3 });
 * const client = new OCPPClient({ endpoint, identity: 'CP-1', protocols: ['ocpp1.6'], durable });
 * ```
 */
export function durableDelivery(options: DurableOptions): DurableLane {
  return new DurableLane(options);
}

/**
 * The durable lane of one client (OCPP 1.6 §3.7, §3.7.1): transaction messages are stored before
 * they can be sent and removed once answered; they go out in creation order, one at a time, and
 * a message the CSMS failed to process is retried after attempts × retryIntervalMs while the lane
 * waits. Other calls may overtake the lane (§3.7 allows it). Create it with {@link durableDelivery}.
 */
export class DurableLane implements DurableQueue {
  private readonly store: MessageStore;
  private readonly isDurable: (action: string, params: unknown) => boolean;
  private readonly maxAttempts: number;
  private readonly retryIntervalMs: number;
  private readonly maxStored: number;
  private nextKey: (() => string) | undefined;
  private host: DurableHost | undefined;
  /** Calls waiting, in order. */
  private readonly lane: OutboundCall[] = [];
  /** A failed message waiting for its retry, and its timer: the lane is paused meanwhile. */
  private hold: unknown;
  private held: OutboundCall | undefined;
  /** Records loaded or written by this client, by key (to restore each only once). */
  private readonly known = new Set<string>();
  /** store.put calls in progress (counted against maxStored). */
  private storing = 0;
  /** Every store write the lane started and that has not finished, for flush(). */
  private readonly writes = new PendingWrites();
  private readonly afterBoot: boolean;
  /** Restored messages wait for an accepted BootNotification (options.afterBoot). */
  private awaitingBoot = false;

  constructor(options: DurableOptions) {
    this.store = options.store;
    this.isDurable = options.isDurable ?? isTransactionMessage;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryIntervalMs = options.retryIntervalMs ?? 60_000;
    this.maxStored = options.maxStoredMessages ?? 10_000;
    this.afterBoot = options.afterBoot ?? false;
    if (!(this.maxAttempts > 0) || !(this.maxStored > 0)) {
      throw new RangeError('maxAttempts and maxStoredMessages must be positive');
    }
  }

  /**
   * Resolves once every change the lane asked its store for before this call is durable: each
   * durable `call()` made so far is stored (even one whose write was still waiting for the store
   * to open), and answered messages are removed. Rejects if one of those writes failed. From
   * then on a crash or `process.exit()` loses none of them; the next run delivers them.
   *
   * @example
   * ```ts
   * client.call('StopTransaction', stop).catch(() => {}); // delivered now or by the next run
   * await durable.flush();
   * process.exit(0);
   * ```
   */
  async flush(): Promise<void> {
    await this.writes.settled();
    await this.store.flush?.();
  }

  /** @internal Called once by the client that owns the lane, with its engine's functions. */
  attach(...[clock, closed, makeCall, pump, settle, emit]: Parameters<DurableQueue['attach']>): void {
    if (this.host) throw new StateError('A durable lane belongs to one client');
    this.host = { clock, closed, makeCall, pump, settle, emit };
    this.nextKey = createKeyGenerator(() => clock.now());
  }

  /** @internal */
  handles(action: string, params: unknown): boolean {
    return this.isDurable(action, params);
  }

  /** @internal Calls waiting in the lane, including one held for its retry. */
  get size(): number {
    return this.lane.length + (this.held ? 1 : 0);
  }

  /** @internal The next call to send, unless the lane is paused. */
  head(): OutboundCall | undefined {
    return this.hold === undefined && !this.awaitingBoot ? this.lane[0] : undefined;
  }

  /** @internal Every CALLRESULT of the client: an accepted BootNotification releases the lane. */
  answered(action: string, payload: Record<string, unknown>): void {
    if (this.awaitingBoot && action === 'BootNotification' && payload.status === 'Accepted') {
      this.awaitingBoot = false;
    }
  }

  /** @internal Removes the head (it is being sent). */
  shift(): void {
    this.lane.shift();
  }

  /** @internal Stores, then queues, one message. */
  async enqueue(action: string, params: unknown, options: CallOptions | undefined): Promise<unknown> {
    const host = this.host!;
    if (host.closed()) throw new StateError('The connection is closed; no more calls can be made');
    // Writes still in progress count too: a burst of calls in one tick must not overshoot.
    if (this.lane.length + this.storing >= this.maxStored) {
      throw new LimitError(`Durable message store is full (${this.maxStored}); ${action} was not queued`);
    }
    const record: StoredMessage = {
      key: this.nextKey!(),
      action,
      params,
      attempts: 0,
      createdAtMs: host.clock.now(),
    };
    this.known.add(record.key);
    this.storing++;
    try {
      // Written before it can be sent. The write starts within call() but takes its time (a few
      // ms, far more under load): a crash before it resolves loses the message, a crash after it
      // does not — which is what onStored and flush() let the app wait for.
      await this.writes.track(this.store.put(record));
    } finally {
      this.storing--;
    }
    if (options?.onStored) {
      try {
        options.onStored(record);
      } catch (error) {
        this.report(error);
      }
    }
    if (host.closed()) {
      // Closed while the write ran: the message is stored and goes out on the next connect().
      this.known.delete(record.key);
      throw new AbortError(`Connection closed; ${action} stays stored for the next connection`);
    }
    return new Promise<unknown>((resolve, reject) => {
      const call = host.makeCall(CALL, action, params, options, resolve, reject);
      call.durable = record;
      this.lane.push(call);
      host.pump();
    });
  }

  /**
   * @internal Queues what a previous run left in the store (e.g. before a page reload), ahead of
   * anything new; outcomes are reported through `delivered` / `undeliverable`.
   */
  async restore(): Promise<number> {
    const host = this.host!;
    const stored = (await this.store.load())
      .filter((m) => !this.known.has(m.key))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const record of stored) {
      this.known.add(record.key);
      const call = host.makeCall(
        CALL,
        record.action,
        record.params,
        undefined,
        (response) => host.emit('delivered', { action: record.action, params: record.params, response }),
        () => {
          // Reported through `undeliverable` (given up) or kept in the store (closed).
        },
      );
      call.durable = record;
      this.lane.push(call);
    }
    // Restored messages are older than anything queued in this run.
    this.lane.sort((a, b) => (a.durable!.key < b.durable!.key ? -1 : 1));
    if (stored.length > 0 && this.afterBoot) this.awaitingBoot = true;
    host.pump();
    return stored.length;
  }

  /**
   * @internal A durable call failed. Not processed by the CSMS: retried after
   * attempts × retryIntervalMs, given up at maxAttempts (1.6 §3.7.1). Timed out: sent again
   * without counting an attempt, still ahead of later transaction messages.
   */
  fail(call: OutboundCall, error: unknown, kind: 'processing' | 'timeout'): void {
    const host = this.host!;
    const record = call.durable!;
    if (kind === 'timeout') {
      this.lane.unshift(call);
      return;
    }
    const attempts = record.attempts + 1;
    if (attempts >= this.maxAttempts) {
      this.drop(call, error, attempts);
      return;
    }
    const updated: StoredMessage = { ...record, attempts };
    call.durable = updated;
    void this.writes.track(this.store.put(updated)).catch(this.report);
    this.held = call;
    this.hold = host.clock.setTimeout(() => {
      this.hold = undefined;
      this.held = undefined;
      this.lane.unshift(call);
      host.pump();
    }, this.retryIntervalMs * attempts);
  }

  /** @internal Gives a message up: removed from the store, caller rejected, `undeliverable` emitted. */
  drop(call: OutboundCall, error: unknown, attempts = call.durable!.attempts): void {
    const host = this.host!;
    void this.writes.track(this.store.delete(call.durable!.key)).catch(this.report);
    host.emit('undeliverable', { action: call.action, params: call.params, attempts, error });
    host.settle(call, error);
  }

  /**
   * @internal A durable call settled. Delivered: removed from the store. Failed without being
   * given up (closed, aborted): it stays stored, and a later connect() may restore it.
   */
  settled(call: OutboundCall, delivered: boolean): void {
    const key = call.durable!.key;
    this.known.delete(key);
    if (delivered) void this.writes.track(this.store.delete(key)).catch(this.report);
  }

  /** @internal The caller stopped waiting: out of the lane; the message stays stored. */
  remove(call: OutboundCall): boolean {
    const i = this.lane.indexOf(call);
    if (i < 0) return false;
    this.lane.splice(i, 1);
    return true;
  }

  /** @internal Calls that were in flight on a lost connection go back to the head, in order. */
  requeue(calls: OutboundCall[]): void {
    this.lane.unshift(...calls);
  }

  /** @internal The client closes: waiting callers are rejected; the messages stay stored. */
  shutdown(reason: string): void {
    const host = this.host!;
    if (this.hold !== undefined) host.clock.clearTimeout(this.hold);
    const held = this.held ? [this.held] : [];
    this.hold = undefined;
    this.held = undefined;
    for (const call of [...held, ...this.lane.splice(0)]) {
      this.known.delete(call.durable!.key);
      call.reject(new AbortError(`${reason}; ${call.action} stays stored for the next connection`));
    }
  }

  /** A store write (or an `onStored` callback) failed: the client's `error` event says so. */
  private readonly report = (error: unknown): void =>
    this.host!.emit('error', error instanceof Error ? error : new Error(String(error)));
}
