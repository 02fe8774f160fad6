// OCPP 2.0.1 block B (provisioning) cases.

import type { Scenario } from '../../scenario/types.js';
import type { ManualCase } from '../define.js';
import { CONTROL, tc } from './case.js';
import { booted, connector, EVSE, energyTransferStarted, event, token } from './macros.js';

const GET_VARIABLES = {
  getVariableData: [
    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } },
    { component: { name: 'AuthCtrlr' }, variable: { name: 'AuthorizeRemoteStart' } },
  ],
} as const;

/** After a reset the station boots again and reports its connector (B11/B12). */
const rebooted = (b: Parameters<typeof booted>[0]) =>
  b
    .powerCycle('the station resets')
    .expectResult('BootNotification', { match: { status: 'Accepted' } })
    .exchange('StatusNotification', { match: { connectorStatus: 'Available' } });

export const PROVISIONING_201: readonly Scenario[] = [
  tc('TC_B_01_CSMS', { requirements: ['B01.FR.02'] }, (b) => b.use(booted)),
  tc('TC_B_07_CSMS', { ...CONTROL, requirements: ['B06.FR.01', 'B06.FR.02', 'B06.FR.03'] }, (b) =>
    b
      .use(booted)
      .trigger('GetVariables', GET_VARIABLES)
      .expectCall('GetVariables', {
        match: {
          getVariableData: { length: 2 },
          'getVariableData.*.variable.name': { oneOf: ['OfflineThreshold', 'AuthorizeRemoteStart'] },
        },
        should: { 'getVariableData.*.attributeType': { absent: true } },
        note: 'the CSMS asks for OCPPCommCtrlr.OfflineThreshold and AuthCtrlr.AuthorizeRemoteStart',
      })
      .expectStationResult('GetVariables', { match: { getVariableResult: { length: 2 } } }),
  ),
  tc('TC_B_20_CSMS', { ...CONTROL, requirements: ['B11.FR.04'] }, (b) =>
    b
      .use(booted)
      .respond('Reset', { status: 'Accepted' })
      .trigger('Reset', { type: 'OnIdle' })
      .expectCall('Reset', { match: { type: 'OnIdle', evseId: { absent: true } } })
      .expectStationResult('Reset', { match: { status: 'Accepted' } })
      .use(rebooted),
  ),
  tc('TC_B_21_CSMS', { ...CONTROL, requirements: ['B12.FR.01', 'B12.FR.03', 'E07.FR.03'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    b.respond('Reset', { status: 'Scheduled' })
      .trigger('Reset', { type: 'OnIdle' })
      .expectCall('Reset', { match: { type: 'OnIdle' } })
      .expectStationResult('Reset', { match: { status: 'Scheduled' } });
    event(b, 'Updated', 'StopAuthorized', 2, {
      idToken: token(),
      transactionInfo: { chargingState: 'EVConnected' },
    });
    event(b, 'Ended', 'EVCommunicationLost', 3, {
      transactionInfo: { chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    });
    connector(b, 'Available');
    b.use(rebooted);
  }),
  tc('TC_B_25_CSMS', { ...CONTROL, requirements: ['B11.FR.04'] }, (b) =>
    b
      .use(booted)
      .respond('Reset', { status: 'Accepted' })
      .trigger('Reset', { type: 'OnIdle', evseId: EVSE.id })
      .expectCall('Reset', { match: { type: 'OnIdle', evseId: EVSE.id } })
      .expectStationResult('Reset', { match: { status: 'Accepted' } }),
  ),
  tc('TC_B_26_CSMS', { ...CONTROL, requirements: ['B12.FR.07'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    b.respond('Reset', { status: 'Scheduled' })
      .trigger('Reset', { type: 'OnIdle', evseId: EVSE.id })
      .expectCall('Reset', { match: { type: 'OnIdle', evseId: EVSE.id } })
      .expectStationResult('Reset', { match: { status: 'Scheduled' } });
    event(b, 'Updated', 'StopAuthorized', 2, {
      idToken: token(),
      transactionInfo: { chargingState: 'EVConnected' },
    });
    event(b, 'Ended', 'EVCommunicationLost', 3, {
      transactionInfo: { chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    });
  }),
  tc('TC_B_27_CSMS', { ...CONTROL, requirements: ['B12'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    b.respond('Reset', { status: 'Accepted' })
      .trigger('Reset', { type: 'Immediate', evseId: EVSE.id })
      .expectCall('Reset', { match: { type: 'Immediate', evseId: EVSE.id } })
      .expectStationResult('Reset', { match: { status: 'Accepted' } });
    event(b, 'Ended', 'ResetCommand', 2, {
      transactionInfo: { chargingState: 'EVConnected', stoppedReason: 'ImmediateReset' },
    });
  }),
  tc('TC_B_42_CSMS', { ...CONTROL, requirements: ['B09.FR.01'] }, (b) =>
    b
      .use(booted)
      .respond('SetNetworkProfile', { status: 'Accepted' })
      .trigger('SetNetworkProfile', {
        configurationSlot: 2,
        connectionData: {
          ocppVersion: 'OCPP20',
          ocppTransport: 'JSON',
          ocppCsmsUrl: 'wss://csms.example/ocpp',
          messageTimeout: 30,
          securityProfile: 2,
          ocppInterface: 'Wired0',
        },
      })
      .expectCall('SetNetworkProfile', {
        match: {
          configurationSlot: { present: true },
          'connectionData.ocppVersion': 'OCPP20',
          'connectionData.ocppTransport': 'JSON',
          'connectionData.ocppCsmsUrl': { present: true },
          'connectionData.messageTimeout': { present: true },
          'connectionData.securityProfile': { present: true },
          'connectionData.ocppInterface': { present: true },
        },
      })
      .expectStationResult('SetNetworkProfile', { match: { status: 'Accepted' } }),
  ),
];

/** Documented 2.0.1 B cases the suite cannot run, and why. */
export const MANUAL_PROVISIONING_201: readonly ManualCase[] = [
  {
    id: 'TC_B_02_CSMS',
    reason:
      'the CSMS must first be set to answer the next BootNotification with Pending — a setting of the CSMS its operator makes, with no OCPP message to ask for it',
  },
];
