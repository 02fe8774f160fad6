// Certificate management of the 1.6 security extension (whitepaper: InstallCertificate,
// GetInstalledCertificateIds, DeleteCertificate; SignCertificate / CertificateSigned for the
// station's own certificate, A02/A03 and M03–M05).

import type { CertificateHashDataType } from '@ocpp-ws-io/schemas/ocpp1.6';
import { createSigningRequest, type KeyPairLike } from '../crypto/csr.js';
import {
  acceptSignedChain,
  deleteCertificate,
  hashDataOf,
  installCertificate,
} from '../shared/certificate-store.js';
import { numberKey } from './config.js';
import type { Ocpp16 } from './profile.js';

/** The use the station's own certificate is stored under. */
const OWN = 'ChargePointCertificate';

export class Certificates {
  /** The key pair of the last request: a CertificateSigned answers it. */
  #pendingKeys: KeyPairLike | undefined;
  constructor(private readonly p: Ocpp16) {}

  install(use: string, pem: string): Promise<'Accepted' | 'Failed' | 'Rejected'> {
    const { state } = this.p.ctx;
    return installCertificate(state, use, pem, {
      maxEntries: numberKey(state.config, 'CertificateStoreMaxLength'),
      ownUses: [OWN],
    });
  }

  list(use: string): CertificateHashDataType[] {
    return this.p.ctx.state.certificates
      .filter((c) => c.use === use)
      .map((c) => hashDataOf(c) as CertificateHashDataType);
  }

  /** The station's own certificate is not the CSMS's to delete: Failed (M04). */
  delete(hash: CertificateHashDataType): 'Accepted' | 'Failed' | 'NotFound' {
    return deleteCertificate(this.p.ctx.state, hash, [OWN]);
  }

  /** CertificateSigned: a chain that parses, after a request of ours, becomes the station's certificate. */
  async signed(chain: string): Promise<'Accepted' | 'Rejected'> {
    const { state } = this.p.ctx;
    if (!this.#pendingKeys) return 'Rejected';
    const status = await acceptSignedChain(
      state,
      OWN,
      chain,
      numberKey(state.config, 'CertificateSignedMaxChainSize'),
    );
    if (status === 'Accepted') this.#pendingKeys = undefined;
    return status;
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
