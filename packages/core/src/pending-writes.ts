/**
 * The writes a {@link MessageStore} has started and not yet finished, so that `flush()` can wait
 * for exactly the changes requested before it was called — including writes still waiting for
 * the store to open or load, which a "wait for the write on disk now" flush misses.
 *
 * Every store of the project uses it; a store of your own can too.
 *
 * @example
 * ```ts
 * class MyStore implements MessageStore {
 *   readonly #writes = new PendingWrites();
 *   put(message: StoredMessage) { return this.#writes.track(this.#save(message)); }
 *   flush() { return this.#writes.settled(); }
 *   // …
 * }
 * ```
 */
export class PendingWrites {
  readonly #pending = new Set<Promise<unknown>>();

  /** Records `write` until it settles; returns it unchanged (its rejection still reaches the caller). */
  track<T>(write: Promise<T>): Promise<T> {
    this.#pending.add(write);
    const forget = () => this.#pending.delete(write);
    write.then(forget, forget);
    return write;
  }

  /** Writes started and not finished. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Resolves once every write tracked before this call has finished; rejects with the first
   * failure among them (a failed write is not durable, and the caller must not think it is).
   * Writes tracked after the call are not waited for.
   */
  async settled(): Promise<void> {
    const outcomes = await Promise.allSettled([...this.#pending]);
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
