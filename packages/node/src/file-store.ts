import { open, readFile, rename, unlink } from 'node:fs/promises';
import { type MessageStore, PendingWrites, type StoredMessage } from '@ocpp-ws-io/core';

/** Options of {@link FileMessageStore}. */
export interface FileMessageStoreOptions {
  /**
   * Flush each write to the disk (fsync) before `put`/`delete` resolve (default true). Without it
   * a process crash still loses nothing, but a power cut may lose the last writes.
   */
  readonly fsync?: boolean;
}

/**
 * A durable {@link MessageStore} in one JSON file, for stations running on Node: transaction
 * messages survive a process restart or a crash.
 *
 * Every change rewrites the file atomically — the whole content goes to a temporary file beside
 * it, which is flushed and then renamed over the old one — so a crash at any moment leaves either
 * the old or the new content, never a torn file. Writes are serialised, and changes made while a
 * write runs are coalesced into the next one; `put` resolves only once a write that contains the
 * message is on disk. One store (and one client) per file: two processes must not share a file.
 *
 * @example
 * ```ts
 * import { durableDelivery, FileMessageStore, OCPPClient } from '@ocpp-ws-io/node';
 * const client = new OCPPClient({ ..., durable: durableDelivery({ store: new FileMessageStore('/var/lib/cp/ocpp-queue.json') }) });
 * ```
 */
export class FileMessageStore implements MessageStore {
  private messages: Map<string, StoredMessage> | undefined;
  private loading: Promise<Map<string, StoredMessage>> | undefined;
  /** The write on disk now, and the one waiting to start after it (which takes every change so far). */
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private readonly fsync: boolean;
  private generation = 0;
  /** put/delete calls not finished yet, including those still waiting for the first load. */
  private readonly writes = new PendingWrites();

  constructor(
    readonly path: string,
    options: FileMessageStoreOptions = {},
  ) {
    this.fsync = options.fsync ?? true;
  }

  async load(): Promise<StoredMessage[]> {
    const messages = await this.ensureLoaded();
    return [...messages.values()].map((m) => structuredClone(m));
  }

  put(message: StoredMessage): Promise<void> {
    const copy = structuredClone(message);
    return this.writes.track(
      this.ensureLoaded().then((messages) => {
        messages.set(copy.key, copy);
        return this.schedule();
      }),
    );
  }

  delete(key: string): Promise<void> {
    return this.writes.track(
      this.ensureLoaded().then((messages) => (messages.delete(key) ? this.schedule() : undefined)),
    );
  }

  /**
   * Resolves once every `put` and `delete` called before it is on disk (e.g. before a planned
   * exit), including calls still waiting for the file's first read; rejects if one failed.
   */
  flush(): Promise<void> {
    return this.writes.settled();
  }

  /** Number of messages held (after the first load; for tests and diagnostics). */
  get size(): number {
    return this.messages?.size ?? 0;
  }

  private ensureLoaded(): Promise<Map<string, StoredMessage>> {
    if (this.messages) return Promise.resolve(this.messages);
    this.loading ??= this.read().then(
      (messages) => {
        this.messages = messages;
        return messages;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async read(): Promise<Map<string, StoredMessage>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    // The file is only ever replaced whole, so a parse error means someone else wrote it: refuse
    // to start over with an empty queue (which would silently drop transaction messages).
    const parsed = JSON.parse(text) as { version?: number; messages?: StoredMessage[] };
    if (parsed?.version !== 1 || !Array.isArray(parsed.messages)) {
      throw new Error(`${this.path} is not a message store file (version 1)`);
    }
    return new Map(parsed.messages.map((m) => [m.key, m]));
  }

  /** Resolves once a write that started after this call finished. */
  private schedule(): Promise<void> {
    if (this.next) return this.next;
    const before = this.running ?? Promise.resolve();
    const next = before
      .catch(() => {})
      .then(() => {
        // From here on, changes wait for the write after this one.
        this.next = undefined;
        const running = this.write();
        this.running = running;
        return running;
      });
    this.next = next;
    return next;
  }

  private async write(): Promise<void> {
    const messages = this.messages!;
    const data = JSON.stringify({ version: 1, messages: [...messages.values()] });
    const temp = `${this.path}.${process.pid}.${this.generation++}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      if (this.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }
}
