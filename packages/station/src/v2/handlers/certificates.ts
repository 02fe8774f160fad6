// InstallCertificate (M05), GetInstalledCertificateIds (M03), DeleteCertificate (M04),
// CertificateSigned (A02/A03).

import type { Ocpp2 } from '../profile.js';

export function certificateHandlers(p: Ocpp2): Array<() => void> {
  return [
    p.handle('InstallCertificate', async ({ certificateType, certificate }) => ({
      status: await p.certificates.install(certificateType, certificate),
    })),
    p.handle('GetInstalledCertificateIds', ({ certificateType }) => {
      const certificateHashDataChain = p.certificates.list(certificateType);
      return certificateHashDataChain.length > 0
        ? { status: 'Accepted', certificateHashDataChain }
        : { status: 'NotFound' };
    }),
    p.handle('DeleteCertificate', ({ certificateHashData }) => ({
      status: p.certificates.delete(certificateHashData),
    })),
    p.handle('CertificateSigned', async ({ certificateChain, certificateType }) => ({
      status: await p.certificates.signed(certificateChain, certificateType),
    })),
  ];
}
