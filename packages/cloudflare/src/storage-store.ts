import type { MessageStore, StoredMessage } from '@ocpp-ws-io/core';

/** The part of Durable Object storage (`ctx.storage`) the store uses. */
export interface DurableObjectStorageListLike {
  list<T = unknown>(options: { prefix: string }): Promise<Map<string, T>>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/**
 * A durable {@link MessageStore} in a Durable Object's storage, for a station client that runs
 * inside a Durable Object: transaction messages survive the object being evicted, restarted or
 * redeployed. One storage key per message (`prefix` + the message key), so a write is one small
 * `put`; Durable Object storage is strongly consistent and a resolved `put` is durable.
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

  async put(message: StoredMessage): Promise<void> {
    await this.storage.put(this.prefix + message.key, message);
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete(this.prefix + key);
  }
}
