/**
 * The only state the demo CSMS needs: a small async key-value store. Durable Object storage
 * (`this.ctx.storage`) fits it as is; {@link MemoryStorage} serves the in-page CSMS of the
 * playground. Values are plain JSON-able data.
 */
export interface CsmsStorage {
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

/** A {@link CsmsStorage} in memory: values are cloned on the way in and out, like real storage. */
export class MemoryStorage implements CsmsStorage {
  readonly #values = new Map<string, unknown>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const value = this.#values.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  async put(key: string, value: unknown): Promise<void> {
    this.#values.set(key, structuredClone(value));
  }
}
