// Authorization decisions in neutral terms (1.6 §3.5, 2.x C01–C16): the local authorization list
// and the authorization cache hold entries; whether a local entry is enough, or the CSMS must be
// asked, follows the same three rules in every version (1.6 LocalPreAuthorize,
// LocalAuthorizeOffline, AllowOfflineTxForUnknownId; 2.x AuthCtrlr's variables of those names and
// OfflineTxForUnknownIdEnabled). Each profile keys its entries and names its settings.

import type { AuthEntry } from '../model/state.js';

/** What authorizing a token decided. */
export interface AuthDecision {
  readonly accepted: boolean;
  readonly status: string;
  readonly parentIdTag?: string;
  /** Where the answer came from. */
  readonly source: 'localList' | 'cache' | 'csms' | 'offlineUnknown' | 'none';
}

/** A local entry and where it was found. */
export interface LocalEntry {
  readonly entry: AuthEntry;
  readonly source: 'localList' | 'cache';
}

/** When a local entry is enough, per the version's settings. */
export interface LocalRules {
  /** Online, a valid local entry starts at once (LocalPreAuthorize). */
  readonly preAuthorize: boolean;
  /** Offline (or without an answer), a local entry decides (LocalAuthorizeOffline). */
  readonly authorizeOffline: boolean;
  /** Offline, an unknown token may charge (1.6 AllowOfflineTxForUnknownId, 2.x OfflineTxForUnknownIdEnabled). */
  readonly unknownOffline: boolean;
}

/** Accepted and not expired at `nowMs`. */
export function isValidEntry(entry: AuthEntry | undefined, nowMs: number): boolean {
  return !!entry && entry.status === 'Accepted' && (entry.expiresAtMs ?? Number.POSITIVE_INFINITY) > nowMs;
}

/** The decision an entry stands for (an Accepted entry past its expiry reads as Expired). */
export function decisionOf(entry: AuthEntry, source: AuthDecision['source'], nowMs: number): AuthDecision {
  const accepted = isValidEntry(entry, nowMs);
  return {
    accepted,
    status: accepted || entry.status !== 'Accepted' ? entry.status : 'Expired',
    ...(entry.parentIdTag ? { parentIdTag: entry.parentIdTag } : {}),
    source,
  };
}

/**
 * What the station decides without the CSMS: offline per LocalAuthorizeOffline and the unknown-
 * token rule, online only a valid entry under LocalPreAuthorize. `undefined`: ask the CSMS.
 */
export function decideLocally(
  known: LocalEntry | undefined,
  online: boolean,
  rules: LocalRules,
  nowMs: number,
): AuthDecision | undefined {
  if (!online) return decideUnanswered(known, rules, nowMs, true);
  if (known && rules.preAuthorize && isValidEntry(known.entry, nowMs))
    return decisionOf(known.entry, known.source, nowMs);
  return undefined;
}

/**
 * The CSMS could not be asked or did not answer: a local entry decides when LocalAuthorizeOffline;
 * an unknown token is let in only when `offline` and the unknown-token rule allows it.
 */
export function decideUnanswered(
  known: LocalEntry | undefined,
  rules: LocalRules,
  nowMs: number,
  offline = false,
): AuthDecision {
  if (known && rules.authorizeOffline) return decisionOf(known.entry, known.source, nowMs);
  if (!known && offline && rules.unknownOffline)
    return { accepted: true, status: 'Accepted', source: 'offlineUnknown' };
  return { accepted: false, status: known && offline ? known.entry.status : 'Invalid', source: 'none' };
}

/** One change to the local list: an entry to set, or (no entry) a key to remove. */
export interface ListChange {
  readonly key: string;
  readonly entry?: AuthEntry | undefined;
}

/**
 * Applies a SendLocalList (1.6 §5.15, 2.x D01): Full replaces the list, Differential sets and
 * removes entries and needs a version above the current one (else VersionMismatch); Failed when the
 * list would exceed `maxEntries`. Keys on the list leave the cache (the list is authoritative).
 */
export function applyLocalList(
  auth: {
    cache: Record<string, AuthEntry>;
    localList: { version: number; entries: Record<string, AuthEntry> };
  },
  update: { readonly full: boolean; readonly version: number; readonly changes: readonly ListChange[] },
  maxEntries: number,
): 'Accepted' | 'Failed' | 'VersionMismatch' {
  const list = auth.localList;
  if (!update.full && update.version <= list.version) return 'VersionMismatch';
  const next: Record<string, AuthEntry> = update.full ? {} : { ...list.entries };
  for (const { key, entry } of update.changes) {
    if (entry) next[key] = entry;
    else delete next[key];
  }
  if (Object.keys(next).length > maxEntries) return 'Failed';
  list.entries = next;
  list.version = update.version;
  for (const key of Object.keys(next)) delete auth.cache[key];
  return 'Accepted';
}
