import { DurableObject } from 'cloudflare:workers';
import type { StationSummary } from './csms/index.js';
import type { Env } from './env.js';

/**
 * The list of stations the admin page shows. Station objects are addressed by identity and
 * cannot be enumerated, so each one reports its summary here (a single object, `getByName('all')`)
 * on connect, close and every message that changes it. Fine for a demo; a fleet would shard it.
 */
export class RegistryObject extends DurableObject<Env> {
  /** RPC: records the latest summary of one station. */
  async upsert(summary: StationSummary): Promise<void> {
    const all = (await this.ctx.storage.get<Record<string, StationSummary>>('stations')) ?? {};
    all[summary.identity] = summary;
    await this.ctx.storage.put('stations', all);
  }

  /** RPC: every station seen, connected ones first, then by identity. */
  async list(): Promise<StationSummary[]> {
    const all = (await this.ctx.storage.get<Record<string, StationSummary>>('stations')) ?? {};
    return Object.values(all).sort(
      (a, b) => Number(b.connected) - Number(a.connected) || a.identity.localeCompare(b.identity),
    );
  }
}
