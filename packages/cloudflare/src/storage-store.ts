import { type MessageStore, PendingWrites, type StoredMessage } from '@ocpp-ws-io/core';

/** The part of Durable Object storage (`ctx.storage`) the store uses. */
export interface DurableObjectStorageListLike {
  list<T = unknown>(options: { prefix: string }): Promise<Map<string, T>>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Waits for writes the runtime still holds in memory (workerd's `ctx.storage.sync()`). */
  sync?(): Promise<void>;
}

/**
 * A durable {@link MessageStore} in a Durable Object's storage, for a station client that runs
 * inside a Durable Object: transaction messages survive the object being evicted, restarted or
 * redeployed. One storage key per message (`prefix` + the message key), so a write is one small
 * `put`, which resolves once the runtime reports it durable (`ctx.storage.sync()`).
 * Give each client its own `prefix` when one object runs several.
 *
 * @example
 * ```ts
 * export class Station extends DurableObject {
 *   client = new OCPPClient({ ..., durable: durableDelivery({ store: new DurableObjectMessageStore(this.ctx.storage, 'cp-1:') }) });
 * }
 * ```
 */
export class DurableObjectMessageStore implements MessageStore {
  private readonly writes = new PendingWrites();

  constructor(
    private readonly storage: DurableObjectStorageListLike,
    readonly prefix = 'ocpp-ws-io:durable:',
  ) {
    if (!prefix) throw new TypeError('prefix must not be empty: it keeps the queue apart from other keys');
  }

  async load(): Promise<StoredMessage[]> {
    const entries = await this.storage.list<StoredMessage>({ prefix: this.prefix });
    return [...entries.values()];
  }

  put(message: StoredMessage): Promise<void> {
    return this.writes.track(this.#putDurably(message));
  }

  // workerd resolves `put` once the write is in its cache, before it is on disk (the output gate
  // holds the object's replies meanwhile): a reset in between loses it — seen in our tests after
  // ctx.abort(). `sync()` resolves once it is durable, which is what `put` promises the lane.
  async #putDurably(message: StoredMessage): Promise<void> {
    await this.storage.put(this.prefix + message.key, message);
    await this.storage.sync?.();
  }

  async delete(key: string): Promise<void> {
    await this.writes.track(this.storage.delete(this.prefix + key));
  }

  /**
   * Resolves once every `put` and `delete` called before it is durable, then lets the runtime
   * confirm its own write buffer (`sync()`); rejects if one of the writes failed.
   */
  async flush(): Promise<void> {
    await this.writes.settled();
    await this.storage.sync?.();
  }
}
