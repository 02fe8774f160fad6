// The station's certificate store in neutral terms (1.6 security extension M03–M05 and A02/A03,
// 2.x M01–M05 and A02/A03): installing a certificate under a use, finding and deleting one by its
// hash data, and taking a signed chain as the station's own certificate. The profiles name the
// uses and the limits in their own version's terms.

import { type CertificateHash, certificateHash } from '../crypto/certificate-hash.js';
import type { CertificateEntry, StationState } from '../model/state.js';

/** The hash data a CSMS names a certificate by (1.6 / 2.x CertificateHashDataType fields). */
export interface HashData {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: string;
  readonly issuerKeyHash: string;
  readonly serialNumber: string;
}

/** The certificate's hash data as the wire carries it. */
export function hashDataOf(entry: CertificateEntry): HashData {
  return {
    hashAlgorithm: entry.hash.algorithm,
    issuerNameHash: entry.hash.issuerNameHash,
    issuerKeyHash: entry.hash.issuerKeyHash,
    serialNumber: entry.hash.serialNumber,
  };
}

/** Whether `entry` is the certificate `hash` names (serial numbers compared without leading zeros). */
export function matchesHash(entry: CertificateEntry, hash: HashData): boolean {
  return (
    entry.hash.issuerNameHash.toLowerCase() === hash.issuerNameHash.toLowerCase() &&
    entry.hash.issuerKeyHash.toLowerCase() === hash.issuerKeyHash.toLowerCase() &&
    entry.hash.serialNumber.toLowerCase() === hash.serialNumber.replace(/^0+(?=.)/, '').toLowerCase()
  );
}

/**
 * Installs a (root) certificate under `use`: Rejected when the text is no X.509 certificate,
 * Failed when `maxEntries` certificates other than the station's own (`ownUses`) are installed.
 * The same certificate under the same use replaces itself.
 */
export async function installCertificate(
  state: StationState,
  use: string,
  pem: string,
  limits: { readonly maxEntries: number; readonly ownUses: readonly string[] },
): Promise<'Accepted' | 'Failed' | 'Rejected'> {
  let hash: CertificateHash;
  try {
    hash = await certificateHash(pem);
  } catch {
    return 'Rejected';
  }
  const same = (c: CertificateEntry) =>
    c.use === use &&
    c.hash.serialNumber === hash.serialNumber &&
    c.hash.issuerNameHash === hash.issuerNameHash;
  const kept = state.certificates.filter((c) => !same(c));
  if (kept.filter((c) => !limits.ownUses.includes(c.use)).length >= limits.maxEntries) return 'Failed';
  state.certificates = [...kept, { use, pem, hash: { ...hash } }];
  return 'Accepted';
}

/**
 * Deletes the certificate `hash` names: NotFound when none matches, Failed when it is one the
 * station must keep (a use in `protectedUses`, e.g. its own certificate).
 */
export function deleteCertificate(
  state: StationState,
  hash: HashData,
  protectedUses: readonly string[],
): 'Accepted' | 'Failed' | 'NotFound' {
  const matching = state.certificates.filter((c) => matchesHash(c, hash));
  if (matching.length === 0) return 'NotFound';
  if (matching.some((c) => protectedUses.includes(c.use))) return 'Failed';
  state.certificates = state.certificates.filter((c) => !matching.includes(c));
  return 'Accepted';
}

/**
 * A signed chain for the station's own certificate of `use`: Accepted when it parses (it replaces
 * the previous one of that use), Rejected otherwise or when longer than `maxChainSize` characters.
 */
export async function acceptSignedChain(
  state: StationState,
  use: string,
  chain: string,
  maxChainSize: number,
): Promise<'Accepted' | 'Rejected'> {
  if (chain.length > maxChainSize) return 'Rejected';
  try {
    const hash = await certificateHash(chain);
    state.certificates = [
      ...state.certificates.filter((c) => c.use !== use),
      { use, pem: chain, hash: { ...hash } },
    ];
    return 'Accepted';
  } catch {
    return 'Rejected';
  }
}
