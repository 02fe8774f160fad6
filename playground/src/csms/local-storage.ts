import type { CsmsStorage } from '../../../examples/cloudflare-csms/src/csms/index.js';

/**
 * The in-page CSMS's storage: localStorage under a prefix, so its records (transaction ids
 * above all: 1.6 ids come from the CSMS) survive a reload together with the station's.
 */
export class LocalStorageCsmsStorage implements CsmsStorage {
  constructor(private readonly prefix: string) {}

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const raw = localStorage.getItem(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async put(key: string, value: unknown): Promise<void> {
    localStorage.setItem(this.prefix + key, JSON.stringify(value));
  }
}
