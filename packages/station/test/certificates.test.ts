// Certificates of the 1.6 security extension, with a CSR made by WebCrypto and checked by openssl.

import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateHash, createSigningRequest } from '../src/index.js';
import { rig } from './helpers/csms.js';
import { selfSignedCertificate, verifyCsr } from './helpers/pki.js';

describe('certificates (OCPP 1.6 security whitepaper: M03–M05, A02/A03, F06)', () => {
  it('createSigningRequest: a PKCS#10 request openssl verifies, with the subject and a P-256 key', async () => {
    const { pem } = await createSigningRequest({ commonName: 'CP-1', organization: 'Acme CPO' });
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const text = verifyCsr(pem);
    expect(text).toMatch(/Subject: O\s*=\s*Acme CPO, CN\s*=\s*CP-1/);
    expect(text).toContain('prime256v1');
    expect(text).toContain('ecdsa-with-SHA256');
  });

  it('certificateHash: serial number and issuer key hash as node:crypto reads the certificate', async () => {
    const pem = selfSignedCertificate('Hash Root');
    const hash = await certificateHash(pem);
    const x509 = new X509Certificate(pem);
    expect(hash.serialNumber).toBe(x509.serialNumber.toLowerCase().replace(/^0+/, ''));
    const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
    // A P-256 SubjectPublicKeyInfo ends with the 65-byte uncompressed point: that is the key hashed.
    expect(hash.issuerKeyHash).toBe(
      createHash('sha256')
        .update(spki.subarray(spki.length - 65))
        .digest('hex'),
    );
    expect(hash.issuerNameHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('M05 → M03 → M04 InstallCertificate, GetInstalledCertificateIds, DeleteCertificate', async () => {
    const { csms } = await rig();
    const root = selfSignedCertificate('CSMS Root');
    expect(
      await csms.call('GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' }),
    ).toEqual({
      status: 'NotFound',
    });
    expect(
      await csms.call('InstallCertificate', {
        certificateType: 'CentralSystemRootCertificate',
        certificate: root,
      }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(
      await csms.call('InstallCertificate', {
        certificateType: 'CentralSystemRootCertificate',
        certificate: 'garbage',
      }),
    ).toEqual({
      status: 'Rejected',
    });
    const listed = await csms.call('GetInstalledCertificateIds', {
      certificateType: 'CentralSystemRootCertificate',
    });
    expect(listed.status).toBe('Accepted');
    const [hash] = listed.certificateHashData ?? [];
    const { issuerNameHash, issuerKeyHash, serialNumber } = await certificateHash(root);
    expect(hash).toEqual({ hashAlgorithm: 'SHA256', issuerNameHash, issuerKeyHash, serialNumber });
    expect(
      await csms.call('GetInstalledCertificateIds', { certificateType: 'ManufacturerRootCertificate' }),
    ).toEqual({ status: 'NotFound' });
    expect(await csms.call('DeleteCertificate', { certificateHashData: hash! })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('DeleteCertificate', { certificateHashData: hash! })).toEqual({
      status: 'NotFound',
    });
  });

  it('F06/A02 ExtendedTriggerMessage SignChargePointCertificate → SignCertificate with a CSR; A03 CertificateSigned installs the answer', async () => {
    const { csms, clock, station } = await rig({ config: { CpoName: 'Acme CPO' } });
    expect(
      await csms.call('CertificateSigned', { certificateChain: selfSignedCertificate('early') }),
    ).toEqual({
      status: 'Rejected',
    });
    expect(
      await csms.call('ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' }),
    ).toEqual({
      status: 'Accepted',
    });
    for (let i = 0; i < 50 && csms.of('SignCertificate').length === 0; i++) await clock.settle();
    const csr = String(csms.of('SignCertificate')[0]?.params.csr);
    expect(verifyCsr(csr)).toMatch(/Subject: O\s*=\s*Acme CPO, CN\s*=\s*CP-1/);
    expect(await csms.call('CertificateSigned', { certificateChain: selfSignedCertificate('CP-1') })).toEqual(
      {
        status: 'Accepted',
      },
    );
    expect(station.snapshot().certificates.map((c) => c.use)).toEqual(['ChargePointCertificate']);
  });
});
