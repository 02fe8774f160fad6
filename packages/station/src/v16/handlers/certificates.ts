// InstallCertificate, GetInstalledCertificateIds, DeleteCertificate, CertificateSigned
// (OCPP 1.6 security whitepaper edition 2, M03–M05 and A02/A03).

import type { Ocpp16 } from '../profile.js';

export function certificateHandlers(p: Ocpp16): Array<() => void> {
  return [
    p.handle('InstallCertificate', async ({ certificateType, certificate }) => ({
      status: await p.certificates.install(certificateType, certificate),
    })),
    p.handle('GetInstalledCertificateIds', ({ certificateType }) => {
      const certificateHashData = p.certificates.list(certificateType);
      return certificateHashData.length > 0
        ? { status: 'Accepted', certificateHashData }
        : { status: 'NotFound' };
    }),
    p.handle('DeleteCertificate', ({ certificateHashData }) => ({
      status: p.certificates.delete(certificateHashData),
    })),
    p.handle('CertificateSigned', async ({ certificateChain }) => ({
      status: await p.certificates.signed(certificateChain),
    })),
  ];
}
