// OCPP 2.0.1 block A (security) cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import type { ManualCase } from '../define.js';
import { CONTROL, tc } from './case.js';
import { booted } from './macros.js';

/** A 2.0.1 BasicAuthPassword: 16–40 characters of letters, digits, '-' and '_' (A00.FR.205-ish rules of 2.0.1). */
const NEW_PASSWORD = 'rotated-by-the-csms-test-suite-1';

export const SECURITY_201: readonly Scenario[] = [
  tc('TC_A_01_CSMS', { needs: ['password'], requirements: ['A00.FR.204', 'B01.FR.02'] }, (b) =>
    b.use(booted).connect('accepted', { note: 'the credentials are accepted on a new connection too' }),
  ),
  tc('TC_A_02_CSMS', { needs: ['password'], requirements: ['A00.FR.204'] }, (b) =>
    b.use(booted).connect('rejected', {
      username: 'NOT-THE-STATION-ID',
      note: 'Basic auth whose username is not the station id is refused',
    }),
  ),
  tc('TC_A_09_CSMS', { ...CONTROL, requirements: ['A01.FR.02', 'A01.FR.03'] }, (b) =>
    b
      .use(booted)
      .respond('SetVariables', {
        setVariableResult: [
          {
            attributeStatus: 'Accepted',
            component: { name: 'SecurityCtrlr' },
            variable: { name: 'BasicAuthPassword' },
          },
        ],
      })
      .trigger(
        'SetVariables',
        {
          setVariableData: [
            {
              component: { name: 'SecurityCtrlr' },
              variable: { name: 'BasicAuthPassword' },
              attributeValue: NEW_PASSWORD,
            },
          ],
        },
        { intent: 'rotatePassword' },
      )
      .expectCall('SetVariables', {
        match: {
          'setVariableData.0.component.name': 'SecurityCtrlr',
          'setVariableData.0.variable.name': 'BasicAuthPassword',
          'setVariableData.0.attributeValue': { matches: '^[A-Za-z0-9_-]{16,40}$' },
        },
        capture: { stationPassword: 'setVariableData.0.attributeValue' },
      })
      .expectStationResult('SetVariables')
      .connect('accepted', {
        password: v('stationPassword'),
        note: 'the station reconnects with the new password',
      }),
  ),
  tc('TC_A_14_CSMS', { needs: ['csmsControl', 'certificateSigning'], requirements: ['A02', 'A03'] }, (b) =>
    b
      .use(booted)
      .respond(
        'CertificateSigned',
        { status: 'Rejected' },
        { note: 'the signed certificate will be invalid for the station' },
      )
      .trigger('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' })
      .expectCall('TriggerMessage', { match: { requestedMessage: 'SignChargingStationCertificate' } })
      .expectStationResult('TriggerMessage', { match: { status: 'Accepted' } })
      .exchange(
        'SignCertificate',
        { match: { csr: { present: true } } },
        { match: { status: 'Accepted' }, note: 'the CSMS accepts to sign the CSR' },
      )
      .expectCall('CertificateSigned', { match: { certificateChain: { present: true } }, within: 60_000 })
      .expectStationResult('CertificateSigned', { match: { status: 'Rejected' } }),
  ),
];

/** Documented 2.0.1 A cases the suite cannot run, and why. */
export const MANUAL_SECURITY_201: readonly ManualCase[] = [
  {
    id: 'TC_A_07_CSMS',
    reason:
      'security profile 3: a TLS handshake with a client certificate, which the suite’s station (a WebSocket client in any runtime) does not present',
  },
  {
    id: 'TC_A_08_CSMS',
    reason:
      'security profile 3: TLS handshakes with invalid client certificates, which the suite’s station does not present',
  },
];
