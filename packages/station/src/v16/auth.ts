// Authorization of idTags (OCPP 1.6 §3.5): the Local Authorization List (§3.5.1, §5.15), the
// Authorization Cache (§3.5.2), and the configuration keys that decide when they are trusted
// instead of asking the CSMS: LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId.

import type { IdTagInfo, SendLocalListRequest } from '@ocpp-ws-io/schemas/ocpp1.6';
import type { AuthEntry } from '../model/state.js';
import {
  type AuthDecision,
  applyLocalList,
  decideLocally,
  decideUnanswered,
  decisionOf,
  type LocalEntry,
  type LocalRules,
} from '../shared/authorization.js';
import { boolKey, numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';

export type { AuthDecision } from '../shared/authorization.js';

export function entryOf(info: IdTagInfo): AuthEntry {
  return {
    status: info.status,
    ...(info.expiryDate ? { expiresAtMs: Date.parse(info.expiryDate) } : {}),
    ...(info.parentIdTag ? { parentIdTag: info.parentIdTag } : {}),
  };
}

export class Authorizer {
  constructor(private readonly p: Ocpp16) {}

  /** §3.5.3 and §9.1.1: when the local list and cache decide instead of the CSMS. */
  #rules(): LocalRules {
    const { config } = this.p.ctx.state;
    return {
      preAuthorize: boolKey(config, 'LocalPreAuthorize'),
      authorizeOffline: boolKey(config, 'LocalAuthorizeOffline'),
      unknownOffline: boolKey(config, 'AllowOfflineTxForUnknownId'),
    };
  }

  /** Looks `idTag` up locally: the list first (it wins over the cache, §3.5.3), then the cache. */
  local(idTag: string): LocalEntry | undefined {
    const { config, auth } = this.p.ctx.state;
    const listed = boolKey(config, 'LocalAuthListEnabled') ? auth.localList.entries[idTag] : undefined;
    if (listed) return { entry: listed, source: 'localList' };
    const cached = boolKey(config, 'AuthorizationCacheEnabled') ? auth.cache[idTag] : undefined;
    if (cached) return { entry: cached, source: 'cache' };
    return undefined;
  }

  /** Decides whether `idTag` may charge, asking the CSMS when the rules say so. */
  async authorize(idTag: string): Promise<AuthDecision> {
    const known = this.local(idTag);
    const now = this.p.ctx.clock.now();
    const online = this.p.ctx.online() && this.p.accepted;
    const local = decideLocally(known, online, this.#rules(), now);
    if (local) return local;
    const answer = await this.p.send('Authorize', { idTag });
    if (!answer) return decideUnanswered(known, this.#rules(), this.p.ctx.clock.now());
    this.remember(idTag, answer.idTagInfo);
    return decisionOf(entryOf(answer.idTagInfo), 'csms', this.p.ctx.clock.now());
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
    // "Version number in the request for a differential update is less or equal then version
    // number of current list" → VersionMismatch (§7.47).
    return applyLocalList(
      auth,
      {
        full: request.updateType === 'Full',
        version: request.listVersion,
        changes: entries.map((e) => ({
          key: e.idTag,
          entry: e.idTagInfo ? entryOf(e.idTagInfo) : undefined,
        })),
      },
      numberKey(config, 'LocalAuthListMaxLength'),
    );
  }
}
