// CertificateHashDataType (security whitepaper §4.x, 1.6 security extension): hashes of the
// issuer's name and key and the serial number, read from an X.509 certificate's DER.

import { children, fromPem, hex, readElement } from './asn1.js';

/** SubtleCrypto's digest (local type: the package needs no DOM types). */
interface DigestLike {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * The hash data identifying one certificate.
 *
 * @example
 * ```ts
 * const { serialNumber } = await certificateHash(pem);
 * ```
 */
export interface CertificateHash {
  readonly algorithm: 'SHA256';
  readonly issuerNameHash: string;
  readonly issuerKeyHash: string;
  readonly serialNumber: string;
}

/**
 * Reads the first certificate of a PEM text and hashes it with SHA-256. The issuer key hash is
 * the hash of the certificate's own public key: right for the self-signed root certificates
 * InstallCertificate installs (their issuer is themselves). Rejects text that is no certificate.
 *
 * @example
 * ```ts
 * const hash = await certificateHash(pem); // { algorithm: 'SHA256', issuerNameHash, issuerKeyHash, serialNumber }
 * ```
 */
export async function certificateHash(pem: string): Promise<CertificateHash> {
  const der = fromPem(pem, 'CERTIFICATE')[0];
  if (!der) throw new Error('No PEM certificate');
  const tbs = children(readElement(der))[0];
  if (tbs?.tag !== 0x30) throw new Error('Not an X.509 certificate');
  const fields = children(tbs);
  // An explicit version [0] comes first in v2/v3 certificates.
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = fields[at];
  const issuer = fields[at + 2];
  const spki = fields[at + 5];
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30 || spki?.tag !== 0x30)
    throw new Error('Not an X.509 certificate');
  const key = children(spki)[1];
  if (key?.tag !== 0x03) throw new Error('Not an X.509 certificate');
  const subtle = (globalThis as { crypto?: { subtle?: DigestLike } }).crypto?.subtle;
  if (!subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this runtime');
  const sha256 = async (bytes: Uint8Array) =>
    hex(new Uint8Array(await subtle.digest('SHA-256', Uint8Array.from(bytes))));
  return {
    algorithm: 'SHA256',
    issuerNameHash: await sha256(issuer.encoded),
    // The BIT STRING's content minus its unused-bits byte (RFC 6960 issuerKeyHash).
    issuerKeyHash: await sha256(key.content.subarray(1)),
    serialNumber: hex(serial.content).replace(/^0+(?=.)/, ''),
  };
}
