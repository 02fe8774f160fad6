// Security profiles over real TLS on 127.0.0.1, with a CA and certificates made at test time by
// openssl: profile 2 (TLS + Basic auth) and profile 3 (TLS client certificates).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectError, type Handshake, OCPPClient, OCPPServer } from '../src/index.js';

let dir: string;
const pem = (name: string) => readFileSync(join(dir, name));
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for 127.0.0.1, and client certificates signed by the CA (or not). */
function makePki() {
  dir = mkdtempSync(join(tmpdir(), 'ocpp-pki-'));
  const key = (name: string) => openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', name);
  key('ca.key');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-subj',
    '/CN=Test CSMS CA',
    '-days',
    '2',
    '-out',
    'ca.pem',
  );
  const leaf = (name: string, subject: string, ext: string, ca = 'ca') => {
    key(`${name}.key`);
    openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    );
  };
  leaf('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('cp1', '/O=Acme/CN=CP-1', 'extendedKeyUsage=clientAuth\n');
  // A second, unrelated CA whose client certificate the CSMS must refuse.
  key('rogue.key');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'rogue.key',
    '-subj',
    '/CN=Rogue CA',
    '-days',
    '2',
    '-out',
    'rogue.pem',
  );
  leaf('intruder', '/CN=CP-1', 'extendedKeyUsage=clientAuth\n', 'rogue');
}

beforeAll(makePki);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tlsServer(options: { mutual: boolean; auth: (h: Handshake) => boolean }) {
  const server = new OCPPServer({ protocols: ['ocpp1.6'], path: '/ocpp' });
  server.auth(options.auth);
  server.on('client', (s) => s.handle('Heartbeat', () => ({ currentTime: new Date().toISOString() })));
  const info = await server.listen({
    port: 0,
    tls: {
      cert: pem('server.pem'),
      key: pem('server.key'),
      ...(options.mutual ? { ca: pem('ca.pem'), requestCert: true, rejectUnauthorized: true } : {}),
    },
  });
  cleanups.push(() => server.close());
  return info.url;
}

function client(url: string, options: Partial<ConstructorParameters<typeof OCPPClient>[0]>) {
  const c = new OCPPClient({ endpoint: url, identity: 'CP-1', protocols: ['ocpp1.6'], ...options });
  cleanups.push(() => c.close());
  return c;
}

describe('security profile 2: TLS + Basic auth', () => {
  it('connects over wss with the CA and the right password', async () => {
    const url = await tlsServer({ mutual: false, auth: (h) => h.password === 'profile-2-password' });
    expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ocpp$/);
    const c = client(url, { password: 'profile-2-password', tls: { ca: pem('ca.pem') } });
    await expect(c.connect()).resolves.toEqual({ protocol: 'ocpp1.6' });
    await expect(c.call('Heartbeat', {})).resolves.toHaveProperty('currentTime');
  });

  it('refuses a CSMS certificate it cannot verify', async () => {
    const url = await tlsServer({ mutual: false, auth: () => true });
    const error = await client(url, { password: 'profile-2-password' })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(String((error as Error).message)).toMatch(/certificate/i);
  });

  it('gets 401 with the wrong password, over TLS', async () => {
    const url = await tlsServer({ mutual: false, auth: (h) => h.password === 'profile-2-password' });
    const error = await client(url, { password: 'not-the-password', tls: { ca: pem('ca.pem') } })
      .connect()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, retryable: false });
  });
});

describe('security profile 3: TLS client certificates', () => {
  it('hands the verified client certificate to the auth callback', async () => {
    let seen: Handshake['clientCertificate'];
    const url = await tlsServer({
      mutual: true,
      auth: (h) => {
        seen = h.clientCertificate;
        return h.clientCertificate?.authorized === true && h.clientCertificate.subject.CN === h.identity;
      },
    });
    const c = client(url, { tls: { ca: pem('ca.pem'), cert: pem('cp1.pem'), key: pem('cp1.key') } });
    await expect(c.connect()).resolves.toEqual({ protocol: 'ocpp1.6' });
    expect(seen).toMatchObject({ authorized: true, subject: { CN: 'CP-1', O: 'Acme' } });
    expect(seen?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('is refused without a client certificate', async () => {
    const url = await tlsServer({ mutual: true, auth: () => true });
    await expect(client(url, { tls: { ca: pem('ca.pem') } }).connect()).rejects.toBeInstanceOf(ConnectError);
  });

  it('is refused with a certificate from another CA', async () => {
    const url = await tlsServer({ mutual: true, auth: () => true });
    const c = client(url, {
      tls: { ca: pem('ca.pem'), cert: pem('intruder.pem'), key: pem('intruder.key') },
    });
    await expect(c.connect()).rejects.toBeInstanceOf(ConnectError);
  });
});
