// Certificates made at test time with the openssl CLI (installed by `npm test`), so no key or
// certificate is committed and the station's parser meets a real X.509 encoding.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed P-256 root certificate for `commonName`, PEM. */
export function selfSignedCertificate(commonName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-pki-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        `/CN=${commonName}`,
        '-days',
        '2',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `openssl req -verify` on a CSR; returns openssl's text dump (throws if the signature fails). */
export function verifyCsr(pem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-csr-'));
  try {
    writeFileSync(join(dir, 'req.pem'), pem);
    return execFileSync('openssl', ['req', '-in', join(dir, 'req.pem'), '-noout', '-verify', '-text'], {
      stdio: 'pipe',
    }).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
