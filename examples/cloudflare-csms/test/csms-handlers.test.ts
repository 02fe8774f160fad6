// The demo CSMS's answers that the CSMS test suite (packages/scenarios) showed missing: idTags
// with status Expired, the 1.6 security extension's messages, a remote start with a charging
// profile. Over the engine's in-memory transport, the way the playground runs the same code.
import { connectInMemory, OCPPClient, OCPPServer } from '@ocpp-ws-io/node';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizationStatus, buildCommand, MemoryStorage, serveStation } from '../src/csms/index.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function connect<P extends 'ocpp1.6' | 'ocpp2.0.1'>(protocol: P) {
  const server = new OCPPServer({ protocols: [protocol] });
  // serveStation takes a connection of any version; this server speaks one.
  server.on('client', (station) => serveStation(station as never, { storage: new MemoryStorage() }));
  const client = new OCPPClient({
    endpoint: 'ws://in-memory/ocpp',
    identity: 'CP-1',
    protocols: [protocol],
    connector: connectInMemory(server),
  });
  await client.connect();
  closers.push(() => client.close());
  return client;
}
const connect16 = () => connect('ocpp1.6');

describe('the demo CSMS', () => {
  it('names the status of an idTag after its prefix, Expired included (1.6 §7.14 AuthorizationStatus)', () => {
    expect(['VALID-1', 'BLOCKED-1', 'INVALID-1', 'EXPIRED-1'].map(authorizationStatus)).toEqual([
      'Accepted',
      'Blocked',
      'Invalid',
      'Expired',
    ]);
  });

  it('answers Authorize for an expired idTag with Expired (1.6 §4.1)', async () => {
    const client = await connect16();
    expect(await client.call('Authorize', { idTag: 'EXPIRED-TAG-1' })).toEqual({
      idTagInfo: { status: 'Expired' },
    });
  });

  it('answers the 1.6 security extension: events, signed firmware and log status; no CA to sign a CSR', async () => {
    const client = await connect16();
    const timestamp = new Date().toISOString();
    expect(await client.call('SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp })).toEqual(
      {},
    );
    expect(
      await client.call('SignedFirmwareStatusNotification', { status: 'Downloading', requestId: 1 }),
    ).toEqual({});
    expect(await client.call('LogStatusNotification', { status: 'Uploading', requestId: 1 })).toEqual({});
    expect(await client.call('SignCertificate', { csr: '-----BEGIN CERTIFICATE REQUEST-----' })).toEqual({
      status: 'Rejected',
    });
  });

  it('answers 2.0.1 NotifyCustomerInformation (N09/N10), DataTransfer UnknownVendorId (P02.FR.06) and SignCertificate Rejected (A02: no CA)', async () => {
    const client = await connect('ocpp2.0.1');
    const generatedAt = new Date().toISOString();
    expect(
      await client.call('NotifyCustomerInformation', { data: 'none', seqNo: 0, generatedAt, requestId: 1 }),
    ).toEqual({});
    expect(await client.call('DataTransfer', { vendorId: 'org.example' })).toEqual({
      status: 'UnknownVendorId',
    });
    expect(await client.call('SignCertificate', { csr: '-----BEGIN CERTIFICATE REQUEST-----' })).toEqual({
      status: 'Rejected',
    });
  });

  it('passes a charging profile through remoteStart (1.6 §5.11 RemoteStartTransaction.chargingProfile; 2.0.1 F01)', () => {
    const chargingProfile = { chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxProfile' };
    expect(buildCommand('ocpp1.6', 'remoteStart', { idTag: 'T', chargingProfile }).params).toEqual({
      connectorId: 1,
      idTag: 'T',
      chargingProfile,
    });
    expect(buildCommand('ocpp2.0.1', 'remoteStart', { idTag: 'T', chargingProfile }).params).toMatchObject({
      chargingProfile,
    });
    expect(buildCommand('ocpp1.6', 'remoteStart', { idTag: 'T' }).params).toEqual({
      connectorId: 1,
      idTag: 'T',
    });
  });
});
