// A PKCS#10 certificate signing request (RFC 2986) made with WebCrypto (crypto.subtle: browsers,
// Deno, Workers, Node ≥ 20): an ECDSA P-256 key pair and a request signed with ecdsa-with-SHA256,
// as the security whitepaper's SignCertificate expects (A02, "PEM encoded CSR").

import { bitString, concat, oid, sequence, set, tlv, toPem, unsignedInteger, utf8String } from './asn1.js';

/** The part of WebCrypto's SubtleCrypto used here (local type: the package needs no DOM types). */
interface SubtleLike {
  generateKey(algorithm: object, extractable: boolean, usages: string[]): Promise<unknown>;
  exportKey(format: 'spki', key: unknown): Promise<ArrayBuffer>;
  sign(algorithm: object, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * A WebCrypto key pair (CryptoKeyPair).
 *
 * @example
 * ```ts
 * const { keys } = await createSigningRequest({ commonName: 'CP-1' }); // keys: KeyPairLike
 * ```
 */
export interface KeyPairLike {
  readonly publicKey: unknown;
  readonly privateKey: unknown;
}

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';
const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2';

/**
 * The subject of the request.
 *
 * @example
 * ```ts
 * const subject: CsrSubject = { commonName: 'CP-1', organization: 'Acme CPO' };
 * ```
 */
export interface CsrSubject {
  readonly commonName: string;
  readonly organization?: string;
}

/**
 * A request and the key pair it belongs to (the private key never leaves the station).
 *
 * @example
 * ```ts
 * const { pem, keys } = await createSigningRequest({ commonName: 'CP-1' });
 * ```
 */
export interface SigningRequest {
  readonly pem: string;
  readonly der: Uint8Array;
  readonly keys: KeyPairLike;
}

function name(subject: CsrSubject): Uint8Array {
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8String(value)));
  return sequence(
    ...(subject.organization ? [rdn(OID_ORGANIZATION, subject.organization)] : []),
    rdn(OID_COMMON_NAME, subject.commonName),
  );
}

/** WebCrypto's ECDSA signature is r‖s; X.509 wants SEQUENCE { INTEGER r, INTEGER s }. */
function derSignature(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

/**
 * Makes a key pair and a PEM-encoded PKCS#10 request for `subject`.
 *
 * @example
 * ```ts
 * const { pem } = await createSigningRequest({ commonName: 'CP-1', organization: 'Acme CPO' });
 * await client.call('SignCertificate', { csr: pem });
 * ```
 */
export async function createSigningRequest(subject: CsrSubject): Promise<SigningRequest> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this runtime');
  const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as KeyPairLike;
  const spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
  // CertificationRequestInfo: version 0, subject, subjectPKInfo, attributes [0] (none).
  const info = sequence(unsignedInteger(Uint8Array.of(0)), name(subject), spki, tlv(0xa0));
  const raw = new Uint8Array(
    await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, Uint8Array.from(info)),
  );
  const der = sequence(info, sequence(oid(OID_ECDSA_SHA256)), bitString(derSignature(raw)));
  return { pem: toPem('CERTIFICATE REQUEST', der), der: concat(der), keys };
}
