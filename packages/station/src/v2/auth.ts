// Authorization of idTokens (C01–C16): the local authorization list (D01, D02), the authorization
// cache (C10–C12) and the AuthCtrlr variables that decide when they are trusted instead of asking
// the CSMS. Entries are keyed by token type and value: the same number on a card and in an app
// are different tokens.

import type { IdTokenInfoType, IdTokenType, SendLocalListRequest } from '@ocpp-ws-io/schemas/ocpp2.0.1';
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
import type { Ocpp2 } from './profile.js';

/** The key of a token in the cache and the local list. */
export function tokenKey(token: IdTokenType): string {
  return `${token.type}:${token.idToken}`;
}

/** The token a driver presents at the station (an RFID card). */
export function cardToken(idTag: string): IdTokenType {
  return { idToken: idTag, type: 'ISO14443' };
}

export class Authorizer {
  constructor(private readonly p: Ocpp2) {}

  /** C01 entry from an IdTokenInfo; without a cacheExpiryDateTime a cached entry lives AuthCacheCtrlr.LifeTime. */
  entryOf(info: IdTokenInfoType, cached = false): AuthEntry {
    const lifeTimeS = this.p.number('AuthCacheCtrlr', 'LifeTime');
    const expiresAtMs = info.cacheExpiryDateTime
      ? Date.parse(info.cacheExpiryDateTime)
      : cached && lifeTimeS > 0
        ? this.p.ctx.clock.now() + lifeTimeS * 1000
        : undefined;
    return {
      status: info.status,
      ...(expiresAtMs !== undefined ? { expiresAtMs } : {}),
      ...(info.groupIdToken ? { parentIdTag: info.groupIdToken.idToken } : {}),
    };
  }

  #rules(): LocalRules {
    return {
      preAuthorize: this.p.flag('AuthCtrlr', 'LocalPreAuthorize'),
      authorizeOffline: this.p.flag('AuthCtrlr', 'LocalAuthorizeOffline'),
      unknownOffline: this.p.flag('AuthCtrlr', 'OfflineTxForUnknownIdEnabled'),
    };
  }

  /** The local list first (it wins over the cache, C13), then the cache. */
  local(token: IdTokenType): LocalEntry | undefined {
    const { auth } = this.p.ctx.state;
    const key = tokenKey(token);
    const listed = this.p.flag('LocalAuthListCtrlr', 'Enabled') ? auth.localList.entries[key] : undefined;
    if (listed) return { entry: listed, source: 'localList' };
    const cached = this.p.flag('AuthCacheCtrlr', 'Enabled') ? auth.cache[key] : undefined;
    if (cached) return { entry: cached, source: 'cache' };
    return undefined;
  }

  /** Decides whether `token` may charge, asking the CSMS when the rules say so (C01, C12–C15). */
  async authorize(token: IdTokenType): Promise<AuthDecision> {
    // AuthCtrlr.Enabled false: the station does not authorize at all (C?: free charging).
    if (!this.p.flag('AuthCtrlr', 'Enabled')) return { accepted: true, status: 'Accepted', source: 'none' };
    const known = this.local(token);
    const online = this.p.ctx.online() && this.p.accepted;
    const local = decideLocally(known, online, this.#rules(), this.p.ctx.clock.now());
    if (local) return local;
    const answer = await this.p.send('Authorize', { idToken: token });
    if (!answer) return decideUnanswered(known, this.#rules(), this.p.ctx.clock.now());
    this.remember(token, answer.idTokenInfo);
    return decisionOf(this.entryOf(answer.idTokenInfo), 'csms', this.p.ctx.clock.now());
  }

  /** C10: keeps the CSMS's answer in the cache, unless the token is on the local list. */
  remember(token: IdTokenType, info: IdTokenInfoType): void {
    const { auth } = this.p.ctx.state;
    const key = tokenKey(token);
    if (!this.p.flag('AuthCacheCtrlr', 'Enabled') || auth.localList.entries[key]) return;
    auth.cache[key] = this.entryOf(info, true);
    this.p.ctx.changed();
  }

  /** Tokens on the local list (LocalAuthListCtrlr.Entries). */
  listSize(): number {
    return Object.keys(this.p.ctx.state.auth.localList.entries).length;
  }

  /**
   * D01: Full replaces, Differential sets and removes entries above the current version
   * (VersionMismatch otherwise); Failed when the list is disabled, the message carries more than
   * LocalAuthListCtrlr.ItemsPerMessage entries, or the list would exceed its capacity.
   */
  sendLocalList(request: SendLocalListRequest): 'Accepted' | 'Failed' | 'VersionMismatch' {
    const entries = request.localAuthorizationList ?? [];
    if (!this.p.flag('LocalAuthListCtrlr', 'Enabled')) return 'Failed';
    if (entries.length > this.p.number('LocalAuthListCtrlr', 'ItemsPerMessage')) return 'Failed';
    return applyLocalList(
      this.p.ctx.state.auth,
      {
        full: request.updateType === 'Full',
        version: request.versionNumber,
        changes: entries.map((e) => ({
          key: tokenKey(e.idToken),
          entry: e.idTokenInfo ? this.entryOf(e.idTokenInfo) : undefined,
        })),
      },
      LIST_CAPACITY,
    );
  }
}

/** The most tokens the local list holds (LocalAuthListCtrlr.Entries maxLimit). */
const LIST_CAPACITY = 1000;
