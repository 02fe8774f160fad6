import { type MessageStore, PendingWrites, type StoredMessage } from '@ocpp-ws-io/core';

/** The parts of the IndexedDB factory the store uses (injectable, e.g. a fake in tests). */
export interface IDBFactoryLike {
  open(name: string, version?: number): IDBOpenDBRequest;
}

/**
 * A {@link MessageStore} in IndexedDB: transaction messages a page could not deliver survive a
 * reload, a crash or a closed tab, and are sent when the station connects again. One database
 * per name; give each simulated station its own (e.g. `ocpp-ws-io:CP-1`).
 *
 * @example
 * ```ts
 * import { durableDelivery, IndexedDBMessageStore, OCPPClient } from '@ocpp-ws-io/browser';
 *
 * const client = new OCPPClient({
 *   endpoint: 'wss://csms.example.com/ocpp', identity: 'CP-1', protocols: ['ocpp1.6'],
 *   durable: durableDelivery({ store: new IndexedDBMessageStore('ocpp-ws-io:CP-1') }),
 * });
 * ```
 */
export class IndexedDBMessageStore implements MessageStore {
  private db: Promise<IDBDatabase> | undefined;
  /** put/delete calls not committed yet, including those still waiting for the database to open. */
  private readonly writes = new PendingWrites();

  constructor(
    readonly databaseName: string,
    private readonly factory: IDBFactoryLike | undefined = undefined,
  ) {}

  async load(): Promise<StoredMessage[]> {
    const store = await this.objectStore('readonly');
    return request<StoredMessage[]>(store.getAll());
  }

  put(message: StoredMessage): Promise<void> {
    return this.writes.track(this.write((store) => store.put(message)));
  }

  delete(key: string): Promise<void> {
    return this.writes.track(this.write((store) => store.delete(key)));
  }

  /**
   * Resolves once every `put` and `delete` called before it has committed (e.g. before the page
   * navigates away), including calls still waiting for the database to open; rejects if one failed.
   */
  flush(): Promise<void> {
    return this.writes.settled();
  }

  /** Closes the database connection (e.g. before deleting the database in a test). */
  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db) (await db).close();
  }

  private async objectStore(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    const db = await this.open();
    return db.transaction('messages', mode).objectStore('messages');
  }

  /**
   * One change in its own transaction, resolved once committed. `durability: 'strict'` asks the
   * browser to flush to disk before `complete` (Chromium's default, 'relaxed', may report a commit
   * that an OS crash or power cut still loses); browsers that do not know the hint ignore it.
   */
  private async write(change: (store: IDBObjectStore) => IDBRequest): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('messages', 'readwrite', { durability: 'strict' });
    const committed = done(tx);
    // A failed request aborts its transaction: `committed` rejects with the request's error.
    change(tx.objectStore('messages'));
    await committed;
  }

  private open(): Promise<IDBDatabase> {
    // Opened on first use, not in the constructor: creating a client must not touch storage.
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = this.factory ?? globalThis.indexedDB;
      if (!factory) {
        reject(new Error('IndexedDB is not available in this environment'));
        return;
      }
      const opening = factory.open(this.databaseName, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('messages', { keyPath: 'key' });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error ?? new Error('IndexedDB open failed'));
      opening.onblocked = () => reject(new Error(`IndexedDB ${this.databaseName} is blocked by another tab`));
    });
    return this.db;
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves once the transaction committed: a put is durable only then. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
