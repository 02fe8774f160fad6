// Certificate management of the 1.6 security extension (whitepaper: InstallCertificate,
// GetInstalledCertificateIds, DeleteCertificate; SignCertificate / CertificateSigned for the
// station's own certificate, A02/A03 and M03–M05).

import type { CertificateHashDataType } from '@ocpp-ws-io/schemas/ocpp1.6';
import { certificateHash } from '../crypto/certificate-hash.js';
import { createSigningRequest, type KeyPairLike } from '../crypto/csr.js';
import type { CertificateEntry } from '../model/state.js';
import { numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';

const wire = (entry: CertificateEntry): CertificateHashDataType => ({
  hashAlgorithm: entry.hash.algorithm as CertificateHashDataType['hashAlgorithm'],
  issuerNameHash: entry.hash.issuerNameHash,
  issuerKeyHash: entry.hash.issuerKeyHash,
  serialNumber: entry.hash.serialNumber,
});

export class Certificates {
  /** The key pair of the last request: a CertificateSigned answers it. */
  #pendingKeys: KeyPairLike | undefined;
  constructor(private readonly p: Ocpp16) {}

  async install(use: string, pem: string): Promise<'Accepted' | 'Failed' | 'Rejected'> {
    const { state } = this.p.ctx;
    let hash: Awaited<ReturnType<typeof certificateHash>>;
    try {
      hash = await certificateHash(pem);
    } catch {
      return 'Rejected';
    }
    const roots = state.certificates.filter((c) => c.use !== 'ChargePointCertificate');
    if (roots.length >= numberKey(state.config, 'CertificateStoreMaxLength')) return 'Failed';
    state.certificates = state.certificates.filter(
      (c) =>
        !(
          c.use === use &&
          c.hash.serialNumber === hash.serialNumber &&
          c.hash.issuerNameHash === hash.issuerNameHash
        ),
    );
    state.certificates.push({ use, pem, hash: { ...hash } });
    return 'Accepted';
  }

  list(use: string): CertificateHashDataType[] {
    return this.p.ctx.state.certificates.filter((c) => c.use === use).map(wire);
  }

  delete(hash: CertificateHashDataType): 'Accepted' | 'Failed' | 'NotFound' {
    const { state } = this.p.ctx;
    const match = (c: CertificateEntry) =>
      c.use !== 'ChargePointCertificate' &&
      c.hash.issuerNameHash === hash.issuerNameHash &&
      c.hash.issuerKeyHash === hash.issuerKeyHash &&
      c.hash.serialNumber.toLowerCase() === hash.serialNumber.replace(/^0+(?=.)/, '').toLowerCase();
    const kept = state.certificates.filter((c) => !match(c));
    if (kept.length === state.certificates.length) return 'NotFound';
    state.certificates = kept;
    return 'Accepted';
  }

  /** CertificateSigned: a chain that parses, after a request of ours, becomes the station's certificate. */
  async signed(chain: string): Promise<'Accepted' | 'Rejected'> {
    const { state } = this.p.ctx;
    if (!this.#pendingKeys || chain.length > numberKey(state.config, 'CertificateSignedMaxChainSize'))
      return 'Rejected';
    try {
      const hash = await certificateHash(chain);
      state.certificates = state.certificates.filter((c) => c.use !== 'ChargePointCertificate');
      state.certificates.push({ use: 'ChargePointCertificate', pem: chain, hash: { ...hash } });
      this.#pendingKeys = undefined;
      return 'Accepted';
    } catch {
      return 'Rejected';
    }
  }

  /** Makes a key pair and a CSR and sends SignCertificate (A02: ExtendedTriggerMessage SignChargePointCertificate). */
  async requestSignature(): Promise<void> {
    const { ctx } = this.p;
    const subject = ctx.behaviour.csrSubject;
    const request = await createSigningRequest({
      commonName: subject?.commonName ?? ctx.client.identity,
      organization: subject?.organization ?? ctx.state.config.CpoName ?? 'Virtual CPO',
    });
    this.#pendingKeys = request.keys;
    await this.p.send('SignCertificate', { csr: request.pem }, { triggered: true });
  }
}
