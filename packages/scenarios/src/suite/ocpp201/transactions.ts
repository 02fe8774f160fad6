// OCPP 2.0.1 block E (transactions) cases: the tool's own transactions, event by event.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import {
  authorized,
  booted,
  connector,
  energyTransferStarted,
  event,
  newTransaction,
  type Steps201,
  token,
} from './macros.js';

const ACCEPTED = { match: { 'idTokenInfo.status': 'Accepted' } } as const;

/** A meter value at the start of a transaction: 0 Wh, context Transaction.Begin. */
const begin = (signed = false) => [
  {
    timestamp: v('now'),
    sampledValue: [
      {
        value: 0,
        context: 'Transaction.Begin',
        measurand: 'Energy.Active.Import.Register',
        ...(signed
          ? {
              signedMeterValue: {
                signedMeterData: 'T0NUVC1zaWduZWQtbWV0ZXItZGF0YQ==',
                signingMethod: 'ECDSA-secp256r1-SHA256',
                encodingMethod: 'OCMF',
                publicKey: 'T0NUVC1wdWJsaWMta2V5',
              },
            }
          : {}),
      },
    ],
  },
];

/** EnergyTransferSuspended: a running transaction whose EV stopped taking energy. */
const suspended: Steps201 = (b) => {
  b.use(energyTransferStarted);
  event(b, 'Updated', 'ChargingStateChanged', 2, { transactionInfo: { chargingState: 'SuspendedEV' } });
};

export const TRANSACTIONS_201: readonly Scenario[] = [
  tc('TC_E_02_CSMS', { requirements: ['E01.FR.06'] }, (b) => {
    b.use(booted).use(authorized).use(newTransaction);
    connector(b, 'Occupied');
    event(
      b,
      'Started',
      'ChargingStateChanged',
      0,
      { idToken: token(), transactionInfo: { chargingState: 'Charging' } },
      ACCEPTED,
    );
  }),
  tc('TC_E_03_CSMS', { requirements: ['E02.FR.02'] }, (b) => {
    // EVConnectedPreSession, then Authorized, then EnergyTransferStarted.
    b.use(booted).use(newTransaction);
    connector(b, 'Occupied');
    event(b, 'Started', 'CablePluggedIn', 0, { transactionInfo: { chargingState: 'EVConnected' } });
    b.use(authorized);
    event(b, 'Updated', 'Authorized', 1, { idToken: token() }, ACCEPTED);
    event(b, 'Updated', 'ChargingStateChanged', 2, { transactionInfo: { chargingState: 'Charging' } });
  }),
  tc('TC_E_04_CSMS', { requirements: ['E03.FR.02'] }, (b) => b.use(booted).use(energyTransferStarted)),
  tc('TC_E_07_CSMS', { requirements: ['E06.FR.06'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    event(b, 'Ended', 'StopAuthorized', 2, {
      idToken: token(),
      transactionInfo: { chargingState: 'EVConnected', stoppedReason: 'Local' },
    });
  }),
  tc('TC_E_08_CSMS', { requirements: ['E06.FR.07'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    // StopAuthorized: the driver's token ends the authorization.
    event(b, 'Updated', 'StopAuthorized', 2, { idToken: token() });
    event(b, 'Ended', 'ChargingStateChanged', 3, {
      transactionInfo: { chargingState: 'EVConnected', stoppedReason: 'Local' },
    });
  }),
  tc('TC_E_09_CSMS', { requirements: ['E01.FR.02'] }, (b) => {
    b.use(booted).use(newTransaction);
    connector(b, 'Occupied');
    event(b, 'Started', 'CablePluggedIn', 0, { transactionInfo: { chargingState: 'EVConnected' } });
  }),
  tc('TC_E_10_CSMS', { requirements: ['E01.FR.03'] }, (b) => {
    b.use(booted).use(authorized).use(newTransaction);
    event(b, 'Started', 'Authorized', 0, { idToken: token() }, ACCEPTED);
  }),
  tc('TC_E_11_CSMS', { requirements: ['E01.FR.04'] }, (b) => {
    b.use(booted).use(authorized).use(newTransaction);
    connector(b, 'Occupied');
    event(b, 'Started', 'SignedDataReceived', 0, { idToken: token(), meterValue: begin(true) }, ACCEPTED);
  }),
  tc('TC_E_12_CSMS', { requirements: ['E01.FR.01'] }, (b) => {
    b.use(booted).use(newTransaction);
    event(b, 'Started', 'EVDetected', 0, { transactionInfo: { chargingState: 'Idle' } });
  }),
  tc('TC_E_17_CSMS', { requirements: ['E06.FR.04'] }, (b) => {
    b.use(booted).use(suspended);
    event(b, 'Ended', 'EVCommunicationLost', 3, {
      transactionInfo: { chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    });
  }),
  tc('TC_E_19_CSMS', { requirements: ['E06.FR.01'] }, (b) => {
    // EVDisconnected: the cable is out, the transaction waits for the bay to empty.
    b.use(booted).use(energyTransferStarted);
    event(b, 'Updated', 'EVCommunicationLost', 2, { transactionInfo: { chargingState: 'Idle' } });
    connector(b, 'Available');
    event(b, 'Ended', 'EVDeparted', 3, { transactionInfo: { stoppedReason: 'Local' } });
  }),
  tc('TC_E_21_CSMS', { ...CONTROL, requirements: ['E06.FR.03', 'F03.FR.01', 'F03.FR.09'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    b.respond('RequestStopTransaction', { status: 'Accepted' })
      .trigger('RequestStopTransaction', { transactionId: v('transactionId') })
      .expectCall('RequestStopTransaction', {
        match: { transactionId: v('transactionId') },
        note: 'the CSMS asks to stop the ongoing transaction',
      })
      .expectStationResult('RequestStopTransaction', { match: { status: 'Accepted' } });
    event(b, 'Ended', 'RemoteStop', 2, {
      transactionInfo: { chargingState: 'EVConnected', stoppedReason: 'Remote' },
    });
  }),
  tc('TC_E_22_CSMS', { requirements: ['E06.FR.07'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    event(b, 'Ended', 'ChargingStateChanged', 2, {
      transactionInfo: { chargingState: 'SuspendedEV', stoppedReason: 'StoppedByEV' },
    });
  }),
  tc('TC_E_26_CSMS', { requirements: ['E10.FR.01'] }, (b) => {
    b.use(booted).use(suspended);
    event(b, 'Updated', 'EVCommunicationLost', 3, { transactionInfo: { chargingState: 'Idle' } });
    connector(b, 'Available');
    // The cable back in: the suspended transaction goes on.
    connector(b, 'Occupied');
    event(b, 'Updated', 'CablePluggedIn', 4, { transactionInfo: { chargingState: 'EVConnected' } });
  }),
];
