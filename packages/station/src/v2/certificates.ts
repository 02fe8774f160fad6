// Certificate management (M01–M06) and the station's own certificates (A02/A03): root
// certificates installed, listed by hash data and deleted; a key pair made by WebCrypto and a CSR
// sent with SignCertificate, whose answer CertificateSigned becomes the station's certificate.

import type {
  CertificateHashDataChainType,
  CertificateHashDataType,
  GetCertificateIdUseEnumType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { createSigningRequest, type KeyPairLike } from '../crypto/csr.js';
import {
  acceptSignedChain,
  deleteCertificate,
  hashDataOf,
  installCertificate,
} from '../shared/certificate-store.js';
import type { Ocpp2 } from './profile.js';

/** The station's own certificates (A02): never deleted by DeleteCertificate (M04). */
const OWN = ['ChargingStationCertificate', 'V2GCertificate', 'V2G20Certificate'];
/** How many root certificates the store holds. */
const STORE_SIZE = 10;
/** A CSR sent without certificateType is for both uses (A02 "combined"). */
const COMBINED = 'Combined';

/** GetInstalledCertificateIds names the station's V2G certificate V2GCertificateChain. */
const LISTED_AS: Record<string, string> = { V2GCertificate: 'V2GCertificateChain' };

export class Certificates {
  /** Key pairs of requests not answered yet, by certificate type. */
  readonly #pending = new Map<string, KeyPairLike>();
  constructor(private readonly p: Ocpp2) {}

  /** M05: Accepted, Rejected (no certificate), Failed (the store is full). */
  install(certificateType: string, pem: string): Promise<'Accepted' | 'Failed' | 'Rejected'> {
    return installCertificate(this.p.ctx.state, certificateType, pem, {
      maxEntries: STORE_SIZE,
      ownUses: OWN,
    });
  }

  /** M03: the hash data of installed certificates of the given types (all when none given). */
  list(types: readonly GetCertificateIdUseEnumType[] | undefined): CertificateHashDataChainType[] {
    return this.p.ctx.state.certificates
      .map((c) => ({ entry: c, listedAs: LISTED_AS[c.use] ?? c.use }))
      .filter(
        ({ listedAs }) =>
          listedAs !== 'ChargingStationCertificate' &&
          (!types || types.includes(listedAs as GetCertificateIdUseEnumType)),
      )
      .map(({ entry, listedAs }) => ({
        certificateType: listedAs as GetCertificateIdUseEnumType,
        certificateHashData: hashDataOf(entry) as CertificateHashDataType,
      }));
  }

  /** M04: Accepted, NotFound, or Failed for the station's own certificate. */
  delete(hash: CertificateHashDataType): 'Accepted' | 'Failed' | 'NotFound' {
    return deleteCertificate(this.p.ctx.state, hash, OWN);
  }

  /** A03: a chain that parses, answering a SignCertificate of this station, becomes its certificate of that type. */
  async signed(
    chain: string,
    certificateType = 'ChargingStationCertificate',
  ): Promise<'Accepted' | 'Rejected'> {
    const request = this.#pending.has(certificateType) ? certificateType : COMBINED;
    if (!this.#pending.has(request)) return 'Rejected';
    const status = await acceptSignedChain(
      this.p.ctx.state,
      certificateType,
      chain,
      this.p.number('SecurityCtrlr', 'MaxCertificateChainSize'),
    );
    if (status === 'Accepted') this.#pending.delete(request);
    return status;
  }

  /** A02: a new key pair and CSR (O = SecurityCtrlr.OrganizationName), sent with SignCertificate. */
  async requestSignature(
    certificateType?: 'ChargingStationCertificate' | 'V2GCertificate' | 'V2G20Certificate',
  ): Promise<void> {
    const { ctx } = this.p;
    const subject = ctx.behaviour.csrSubject;
    const request = await createSigningRequest({
      commonName: subject?.commonName ?? ctx.client.identity,
      organization:
        subject?.organization ?? (this.p.setting('SecurityCtrlr', 'OrganizationName') || 'Virtual CPO'),
    });
    this.#pending.set(certificateType ?? COMBINED, request.keys);
    // V2G20Certificate is 2.1's; the 2.0.1 type the profile writes with does not name it.
    const type = certificateType as 'V2GCertificate' | undefined;
    await this.p.send(
      'SignCertificate',
      { csr: request.pem, ...(type ? { certificateType: type } : {}) },
      { requested: true },
    );
  }
}
