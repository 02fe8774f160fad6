// OCPP 2.0.1 block M (certificate management) cases.

import type { Scenario } from '../../scenario/types.js';
import { TEST_ROOT_A, TEST_ROOT_B } from '../certificates.js';
import { CONTROL, tc } from './case.js';
import { booted, type Steps201 } from './macros.js';

/** A CertificateHashDataType for `serial` (the tool's installed CSMSRootCertificate). */
const hash = (serialNumber: string) =>
  ({
    hashAlgorithm: 'SHA256',
    issuerNameHash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    issuerKeyHash: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
    serialNumber,
  }) as const;

/** CertificateInstalled: the CSMS installs a root certificate of `type`; the station accepts. */
const installed =
  (type: 'CSMSRootCertificate' | 'ManufacturerRootCertificate', pem: string): Steps201 =>
  (b) => {
    b.respond('InstallCertificate', { status: 'Accepted' })
      .trigger('InstallCertificate', { certificateType: type, certificate: pem })
      .expectCall('InstallCertificate', {
        match: { certificateType: type, certificate: { matches: 'BEGIN CERTIFICATE' } },
      })
      .expectStationResult('InstallCertificate', { match: { status: 'Accepted' } });
  };

/** The CSMS lists the CSMSRootCertificates (the station has one, SHA256), then deletes it. */
const deleted =
  (outcome: 'Accepted' | 'Failed'): Steps201 =>
  (b) => {
    b.respond('GetInstalledCertificateIds', {
      status: 'Accepted',
      certificateHashDataChain: [
        { certificateType: 'CSMSRootCertificate', certificateHashData: hash('5ac0ffee01') },
      ],
    })
      .trigger('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })
      // Its certificateType includes CSMSRootCertificate, or is omitted (every type).
      .expectCall('GetInstalledCertificateIds')
      .expectStationResult('GetInstalledCertificateIds', { match: { status: 'Accepted' } })
      .respond('DeleteCertificate', { status: outcome })
      .trigger('DeleteCertificate', { certificateHashData: hash('5ac0ffee01') })
      .expectCall('DeleteCertificate', {
        match: {
          'certificateHashData.serialNumber': '5ac0ffee01',
          'certificateHashData.hashAlgorithm': 'SHA256',
        },
        note: 'the CSMS deletes the certificate with the hash data the station reported',
      })
      .expectStationResult('DeleteCertificate', { match: { status: outcome } });
  };

export const CERTIFICATES_201: readonly Scenario[] = [
  tc('TC_M_01_CSMS', { ...CONTROL, requirements: ['M05.FR.01'] }, (b) =>
    b.use(booted).use(installed('CSMSRootCertificate', TEST_ROOT_A)),
  ),
  tc('TC_M_02_CSMS', { ...CONTROL, requirements: ['M05.FR.01'] }, (b) =>
    b.use(booted).use(installed('ManufacturerRootCertificate', TEST_ROOT_B)),
  ),
  tc('TC_M_05_CSMS', { ...CONTROL, requirements: ['M05.FR.01', 'M05.FR.03'] }, (b) =>
    b
      .use(booted)
      .respond('InstallCertificate', { status: 'Failed' })
      .trigger('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: TEST_ROOT_A })
      .expectCall('InstallCertificate', { match: { certificateType: 'CSMSRootCertificate' } })
      .expectStationResult('InstallCertificate', { match: { status: 'Failed' } }),
  ),
  tc('TC_M_18_CSMS', { ...CONTROL, requirements: ['M03.FR.01'] }, (b) =>
    b
      .use(booted)
      .respond('GetInstalledCertificateIds', {
        status: 'Accepted',
        certificateHashDataChain: [
          { certificateType: 'CSMSRootCertificate', certificateHashData: hash('5ac0ffee01') },
          { certificateType: 'ManufacturerRootCertificate', certificateHashData: hash('5ac0ffee02') },
        ],
      })
      .trigger('GetInstalledCertificateIds', {})
      .expectCall('GetInstalledCertificateIds', {
        match: { 'certificateType.0': { absent: true } },
        note: 'the CSMS asks for every type',
      })
      .expectStationResult('GetInstalledCertificateIds', { match: { status: 'Accepted' } }),
  ),
  tc('TC_M_19_CSMS', { ...CONTROL, requirements: ['M03.FR.01', 'M03.FR.02'] }, (b) =>
    b
      .use(booted)
      .respond('GetInstalledCertificateIds', { status: 'NotFound' })
      .trigger('GetInstalledCertificateIds', { certificateType: ['ManufacturerRootCertificate'] })
      .expectCall('GetInstalledCertificateIds', {
        match: { 'certificateType.*': 'ManufacturerRootCertificate' },
      })
      .expectStationResult('GetInstalledCertificateIds', {
        match: { status: 'NotFound', certificateHashDataChain: { absent: true } },
      }),
  ),
  tc('TC_M_20_CSMS', { ...CONTROL, requirements: ['M04.FR.01', 'M04.FR.07'] }, (b) =>
    b.use(booted).use(installed('CSMSRootCertificate', TEST_ROOT_A)).use(deleted('Accepted')),
  ),
  tc('TC_M_21_CSMS', { ...CONTROL, requirements: ['M04.FR.01', 'M04.FR.07'] }, (b) =>
    b.use(booted).use(installed('CSMSRootCertificate', TEST_ROOT_A)).use(deleted('Failed')),
  ),
];
