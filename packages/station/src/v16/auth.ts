// Authorization of idTags (OCPP 1.6 §3.5): the Local Authorization List (§3.5.1, §5.15), the
// Authorization Cache (§3.5.2), and the configuration keys that decide when they are trusted
// instead of asking the CSMS: LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId.

import type { IdTagInfo, SendLocalListRequest } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { AuthEntry } from '../model/state.js';
import { boolKey, numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';

/** What authorizing an idTag decided. */
export interface AuthDecision {
  readonly accepted: boolean;
  readonly status: string;
  readonly parentIdTag?: string;
  /** Where the answer came from. */
  readonly source: 'localList' | 'cache' | 'csms' | 'offlineUnknown' | 'none';
}

export function entryOf(info: IdTagInfo): AuthEntry {
  return {
    status: info.status,
    ...(info.expiryDate ? { expiresAtMs: Date.parse(info.expiryDate) } : {}),
    ...(info.parentIdTag ? { parentIdTag: info.parentIdTag } : {}),
  };
}

export class Authorizer {
  constructor(private readonly p: Ocpp16) {}

  #valid(entry: AuthEntry | undefined): boolean {
    return (
      !!entry &&
      entry.status === 'Accepted' &&
      (entry.expiresAtMs ?? Number.POSITIVE_INFINITY) > this.p.ctx.clock.now()
    );
  }

  #decision(entry: AuthEntry, source: AuthDecision['source']): AuthDecision {
    const accepted = this.#valid(entry);
    return {
      accepted,
      status: accepted || entry.status !== 'Accepted' ? entry.status : 'Expired',
      ...(entry.parentIdTag ? { parentIdTag: entry.parentIdTag } : {}),
      source,
    };
  }

  /** Looks `idTag` up locally: the list first (it wins over the cache, §3.5.3), then the cache. */
  local(idTag: string): { entry: AuthEntry; source: 'localList' | 'cache' } | undefined {
    const { config, auth } = this.p.ctx.state;
    const listed = boolKey(config, 'LocalAuthListEnabled') ? auth.localList.entries[idTag] : undefined;
    if (listed) return { entry: listed, source: 'localList' };
    const cached = boolKey(config, 'AuthorizationCacheEnabled') ? auth.cache[idTag] : undefined;
    if (cached) return { entry: cached, source: 'cache' };
    return undefined;
  }

  /** Decides whether `idTag` may charge, asking the CSMS when the rules say so. */
  async authorize(idTag: string): Promise<AuthDecision> {
    const { config } = this.p.ctx.state;
    const known = this.local(idTag);
    const online = this.p.ctx.online() && this.p.accepted;
    if (!online) {
      // Offline: a valid local entry is enough when LocalAuthorizeOffline (§3.5.3); an unknown
      // idTag only with AllowOfflineTxForUnknownId (§9.1.1).
      if (known && boolKey(config, 'LocalAuthorizeOffline')) return this.#decision(known.entry, known.source);
      if (!known && boolKey(config, 'AllowOfflineTxForUnknownId'))
        return { accepted: true, status: 'Accepted', source: 'offlineUnknown' };
      return { accepted: false, status: known ? known.entry.status : 'Invalid', source: 'none' };
    }
    // Online: LocalPreAuthorize lets a valid local entry start at once (§3.5.3).
    if (known && boolKey(config, 'LocalPreAuthorize') && this.#valid(known.entry))
      return this.#decision(known.entry, known.source);
    const answer = await this.p.send('Authorize', { idTag });
    if (!answer) {
      if (known && boolKey(config, 'LocalAuthorizeOffline')) return this.#decision(known.entry, known.source);
      return { accepted: false, status: 'Invalid', source: 'none' };
    }
    this.remember(idTag, answer.idTagInfo);
    return this.#decision(entryOf(answer.idTagInfo), 'csms');
  }

  /** Keeps the CSMS's answer in the cache, unless the idTag is on the local list (§3.5.2). */
  remember(idTag: string, info: IdTagInfo): void {
    const { config, auth } = this.p.ctx.state;
    if (!boolKey(config, 'AuthorizationCacheEnabled') || auth.localList.entries[idTag]) return;
    auth.cache[idTag] = entryOf(info);
    this.p.ctx.changed();
  }

  /** SendLocalList (§5.15): Full replaces, Differential adds/updates/removes; versions checked. */
  sendLocalList(request: SendLocalListRequest): 'Accepted' | 'Failed' | 'NotSupported' | 'VersionMismatch' {
    const { config, auth } = this.p.ctx.state;
    const entries = request.localAuthorizationList ?? [];
    if (entries.length > numberKey(config, 'SendLocalListMaxLength')) return 'Failed';
    const list = auth.localList;
    if (request.updateType === 'Full') {
      const next: Record<string, AuthEntry> = {};
      for (const e of entries) if (e.idTagInfo) next[e.idTag] = entryOf(e.idTagInfo);
      list.entries = next;
    } else {
      // "Version number in the request for a differential update is less or equal then version
      // number of current list" → VersionMismatch (§7.47).
      if (request.listVersion <= list.version) return 'VersionMismatch';
      const next = { ...list.entries };
      for (const e of entries) {
        if (e.idTagInfo) next[e.idTag] = entryOf(e.idTagInfo);
        else delete next[e.idTag];
      }
      if (Object.keys(next).length > numberKey(config, 'LocalAuthListMaxLength')) return 'Failed';
      list.entries = next;
    }
    list.version = request.listVersion;
    // An idTag on the list is no longer cached: the list is authoritative for it.
    for (const idTag of Object.keys(list.entries)) delete auth.cache[idTag];
    return 'Accepted';
  }
}
