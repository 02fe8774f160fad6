import { IndexedDBMessageStore, type MessageStore, type StoredMessage } from '@ocpp-ws-io/browser';

/**
 * The station's durable message store: the library's IndexedDB store (so transaction messages
 * survive a page reload, as a real station keeps them in flash), counted as it changes so the
 * page can say how many wait for the CSMS. Emits `change` when the count changes.
 */
export class WatchedMessageStore extends EventTarget implements MessageStore {
  private readonly inner: IndexedDBMessageStore;
  private readonly keys = new Set<string>();
  /** Keys deleted in this run: a `load` that read them just before cannot count them again. */
  private readonly deleted = new Set<string>();

  constructor(databaseName: string) {
    super();
    this.inner = new IndexedDBMessageStore(databaseName);
  }

  /** Transaction messages stored and not yet answered by the CSMS. */
  get size(): number {
    return this.keys.size;
  }

  async load(): Promise<StoredMessage[]> {
    const all = await this.inner.load();
    for (const m of all) if (!this.deleted.has(m.key)) this.keys.add(m.key);
    this.changed();
    return all;
  }

  async put(message: StoredMessage): Promise<void> {
    await this.inner.put(message);
    if (!this.deleted.has(message.key)) this.keys.add(message.key);
    this.changed();
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key);
    this.deleted.add(key);
    this.keys.delete(key);
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
