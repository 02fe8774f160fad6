/**
 * Durable delivery of transaction-related messages: they are written to a {@link MessageStore}
 * before they can be sent, removed only once the CSMS answered with a CALLRESULT, sent again
 * after a reconnect or a restart, and retried when the CSMS answers with an error — never
 * dropped without the `undeliverable` event saying so. OCPP 1.6 §3.7 and §3.7.1
 * (TransactionMessageAttempts, TransactionMessageRetryInterval); 2.0.1 / 2.1 use the same rules
 * under MessageAttemptsTransactionEvent and MessageAttemptIntervalTransactionEvent.
 *
 * Ordering (1.6 §3.7): transaction messages go out in the order they were made, and a new one
 * waits until the ones before it were delivered; other messages may overtake them.
 */

/** One persisted message. `key` sorts in send order. */
export interface StoredMessage {
  readonly key: string;
  readonly action: string;
  readonly params: unknown;
  /** Deliveries the CSMS answered with an error (or that timed out) so far. */
  readonly attempts: number;
  readonly createdAtMs: number;
}

/**
 * Where durable messages live between sends: memory (core), IndexedDB (browser), Durable Object
 * storage (Workers), a file (Node). Implementations must keep a `put` once it resolved: a message
 * survives a crash from the moment its `put` resolves, not before.
 */
export interface MessageStore {
  /** Every stored message, in any order (the engine sorts by key). */
  load(): Promise<StoredMessage[]>;
  /** Inserts or replaces by key; resolves once the message is durable. */
  put(message: StoredMessage): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Resolves once every `put` and `delete` called before it is durable (including ones still
   * waiting for the store to open); rejects if one of them failed. Optional for stores of your
   * own: {@link DurableLane.flush} waits for the lane's own writes either way.
   */
  flush?(): Promise<void>;
}

/** Options of durable delivery (client only). */
export interface DurableOptions {
  readonly store: MessageStore;
  /**
   * Which calls are durable. Default {@link isTransactionMessage}: 1.6 StartTransaction,
   * StopTransaction and MeterValues of a transaction; 2.x TransactionEvent.
   */
  readonly isDurable?: (action: string, params: unknown) => boolean;
  /** TransactionMessageAttempts / MessageAttemptsTransactionEvent (default 3). */
  readonly maxAttempts?: number;
  /**
   * TransactionMessageRetryInterval / MessageAttemptIntervalTransactionEvent: after the n-th failed
   * attempt the message waits n × this long (default 60 000 ms).
   */
  readonly retryIntervalMs?: number;
  /** Most messages kept in the store before `call()` refuses new ones (default 10 000). */
  readonly maxStoredMessages?: number;
  /**
   * After a restart with messages left in the store, hold the transaction lane until a
   * BootNotification of this run is answered `Accepted`: a station boots before it sends anything
   * else (OCPP 1.6 §4.2; 2.0.1 B01), and a `Pending` answer keeps them waiting. Other calls go as
   * usual. Default false: stored messages go out as soon as the connection opens.
   */
  readonly afterBoot?: boolean;
}

/** The default durability rule: transaction-related messages of every version. */
export function isTransactionMessage(action: string, params: unknown): boolean {
  if (action === 'StartTransaction' || action === 'StopTransaction' || action === 'TransactionEvent')
    return true;
  // 1.6 MeterValues belong to a transaction when they carry its id (OCPP 1.6 §4.7).
  return (
    action === 'MeterValues' &&
    typeof params === 'object' &&
    params !== null &&
    typeof (params as { transactionId?: unknown }).transactionId === 'number'
  );
}

/** A store in memory: durable across reconnects, not across restarts. */
export class MemoryMessageStore implements MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  /** Changes take effect within `put`/`delete`: there is never anything left to wait for. */
  async flush(): Promise<void> {}
  async load(): Promise<StoredMessage[]> {
    return [...this.messages.values()];
  }
  async put(message: StoredMessage): Promise<void> {
    this.messages.set(message.key, structuredClone(message));
  }
  async delete(key: string): Promise<void> {
    this.messages.delete(key);
  }
  /** Number of messages held (for tests and diagnostics). */
  get size(): number {
    return this.messages.size;
  }
}

/** Keys that sort in creation order within and across runs: time, then a per-run counter. */
export function createKeyGenerator(now: () => number): () => string {
  let counter = 0;
  return () => `${String(now()).padStart(15, '0')}-${String(counter++).padStart(9, '0')}`;
}
