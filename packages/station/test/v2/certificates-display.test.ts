import { describe, expect, it } from 'vitest';
import { certificateHash, readOcpp2State } from '../../src/index.js';
import { selfSignedCertificate, verifyCsr } from '../helpers/pki.js';
import { events, rig2, settleUntil, T0 } from './helpers/csms2.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('certificates (OCPP 2.0.1 M03–M05, A02/A03)', () => {
  it('M05 InstallCertificate → M03 GetInstalledCertificateIds (by type) → M04 DeleteCertificate', async () => {
    const { csms } = await rig2();
    const root = selfSignedCertificate('CSMS Root 2');
    expect(await csms.call('GetInstalledCertificateIds', {})).toEqual({ status: 'NotFound' });
    expect(
      await csms.call('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: root }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(
      await csms.call('InstallCertificate', { certificateType: 'MORootCertificate', certificate: 'garbage' }),
    ).toEqual({
      status: 'Rejected',
    });
    const listed = await csms.call('GetInstalledCertificateIds', {
      certificateType: ['CSMSRootCertificate'],
    });
    const { issuerNameHash, issuerKeyHash, serialNumber } = await certificateHash(root);
    expect(listed).toEqual({
      status: 'Accepted',
      certificateHashDataChain: [
        {
          certificateType: 'CSMSRootCertificate',
          certificateHashData: { hashAlgorithm: 'SHA256', issuerNameHash, issuerKeyHash, serialNumber },
        },
      ],
    });
    expect(
      await csms.call('GetInstalledCertificateIds', { certificateType: ['V2GRootCertificate'] }),
    ).toEqual({
      status: 'NotFound',
    });
    const hash = listed.certificateHashDataChain![0]!.certificateHashData;
    expect(await csms.call('DeleteCertificate', { certificateHashData: hash })).toEqual({
      status: 'Accepted',
    });
    expect(await csms.call('DeleteCertificate', { certificateHashData: hash })).toEqual({
      status: 'NotFound',
    });
  });

  it('A02/A03 TriggerMessage SignChargingStationCertificate → SignCertificate (CSR openssl verifies, O = OrganizationName) → CertificateSigned installs it; M04 it cannot be deleted', async () => {
    const { csms, clock, station } = await rig2();
    await csms.call('SetVariables', {
      setVariableData: [
        {
          component: { name: 'SecurityCtrlr' },
          variable: { name: 'OrganizationName' },
          attributeValue: 'Acme CPO',
        },
      ],
    });
    const signed = selfSignedCertificate('CS-2');
    expect(await csms.call('CertificateSigned', { certificateChain: signed })).toEqual({
      status: 'Rejected',
    });
    await csms.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' });
    await settleUntil(clock, () => csms.of('SignCertificate').length > 0);
    const request = csms.of('SignCertificate')[0]?.params as { csr: string; certificateType: string };
    expect(request.certificateType).toBe('ChargingStationCertificate');
    expect(verifyCsr(request.csr)).toMatch(/Subject: O\s*=\s*Acme CPO, CN\s*=\s*CS-2/);
    expect(
      await csms.call('CertificateSigned', {
        certificateChain: signed,
        certificateType: 'ChargingStationCertificate',
      }),
    ).toEqual({ status: 'Accepted' });
    expect(station.snapshot().certificates.map((c) => c.use)).toEqual(['ChargingStationCertificate']);
    const own = await certificateHash(signed);
    expect(
      await csms.call('DeleteCertificate', {
        certificateHashData: {
          hashAlgorithm: 'SHA256',
          issuerNameHash: own.issuerNameHash,
          issuerKeyHash: own.issuerKeyHash,
          serialNumber: own.serialNumber,
        },
      }),
    ).toEqual({ status: 'Failed' });
  });
});

describe('display messages and cost (OCPP 2.0.1 O01–O05, I02)', () => {
  it('O01 SetDisplayMessage → O03 GetDisplayMessages → NotifyDisplayMessages; O05 ClearDisplayMessage; unsupported format and priority', async () => {
    const { csms, clock } = await rig2();
    const message = (id: number, extra: Record<string, unknown> = {}) => ({
      id,
      priority: 'NormalCycle' as const,
      message: { format: 'UTF8' as const, content: `Hello ${id}` },
      ...extra,
    });
    expect(await csms.call('SetDisplayMessage', { message: message(1) })).toEqual({ status: 'Accepted' });
    expect(
      await csms.call('SetDisplayMessage', { message: message(2, { priority: 'AlwaysFront' }) }),
    ).toEqual({
      status: 'Accepted',
    });
    expect(
      await csms.call('SetDisplayMessage', {
        message: { ...message(3), message: { format: 'HTML', content: '<b>x</b>' } },
      }),
    ).toEqual({ status: 'NotSupportedMessageFormat' });
    expect(
      await csms.call('SetDisplayMessage', { message: message(4, { transactionId: 'no-such' }) }),
    ).toEqual({
      status: 'UnknownTransaction',
    });
    expect(await csms.call('GetDisplayMessages', { requestId: 8, priority: 'AlwaysFront' })).toEqual({
      status: 'Accepted',
    });
    await clock.settle();
    expect(csms.of('NotifyDisplayMessages').map((r) => r.params)).toEqual([
      { requestId: 8, messageInfo: [message(2, { priority: 'AlwaysFront' })] },
    ]);
    expect(await csms.call('ClearDisplayMessage', { id: 2 })).toEqual({ status: 'Accepted' });
    expect(await csms.call('ClearDisplayMessage', { id: 2 })).toEqual({ status: 'Unknown' });
    expect(await csms.call('GetDisplayMessages', { requestId: 9, id: [2] })).toEqual({ status: 'Unknown' });
  });

  it('O01 a message ends at its endDateTime; O02 one bound to a transaction ends with it', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    const transactionId = events(csms)[0]!.transactionInfo.transactionId;
    await csms.call('SetDisplayMessage', {
      message: {
        id: 1,
        priority: 'InFront',
        endDateTime: iso(T0 + 60_000),
        message: { format: 'ASCII', content: 'brief' },
      },
    });
    await csms.call('SetDisplayMessage', {
      message: {
        id: 2,
        priority: 'InFront',
        transactionId,
        message: { format: 'ASCII', content: 'your session' },
      },
    });
    expect(readOcpp2State(station.state)?.displayMessages.map((m) => m.id)).toEqual([1, 2]);
    await clock.advance(60_000);
    expect(await csms.call('GetDisplayMessages', { requestId: 1, id: [1] })).toEqual({ status: 'Unknown' });
    await station.stopCharging(1);
    expect(readOcpp2State(station.state)?.displayMessages).toEqual([]);
  });

  it('I02 CostUpdated: the running total is kept with the transaction', async () => {
    const { csms, clock, station } = await rig2();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    const transactionId = events(csms)[0]!.transactionInfo.transactionId;
    expect(await csms.call('CostUpdated', { totalCost: 3.75, transactionId })).toEqual({});
    expect(readOcpp2State(station.state)?.transactions[transactionId]?.totalCost).toBe(3.75);
  });
});
