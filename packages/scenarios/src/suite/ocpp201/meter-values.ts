// OCPP 2.0.1 block J (meter values) cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { tc } from './case.js';
import {
  authorized,
  booted,
  connector,
  energyTransferStarted,
  event,
  newTransaction,
  token,
} from './macros.js';

const sample = (
  context: 'Sample.Clock' | 'Sample.Periodic' | 'Transaction.Begin' | 'Transaction.End',
  wh: number,
) => ({
  timestamp: v('now'),
  sampledValue: [{ value: wh, context, measurand: 'Energy.Active.Import.Register' as const }],
});

export const METER_VALUES_201: readonly Scenario[] = [
  tc('TC_J_01_CSMS', { requirements: ['J01.FR.18'] }, (b) => {
    b.use(booted);
    // Three aligned intervals, each for the main meter (evseId 0) and the EVSE.
    for (let i = 0; i < 3; i++)
      for (const evseId of [0, 1])
        b.send('MeterValues', { evseId, meterValue: [sample('Sample.Clock', 1000 + i * 10)] }).expectResult(
          'MeterValues',
        );
  }),
  tc('TC_J_03_CSMS', { requirements: ['J01.FR.18'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    event(b, 'Updated', 'EVCommunicationLost', 2, { transactionInfo: { chargingState: 'Idle' } });
    connector(b, 'Available');
    event(b, 'Ended', 'EVCommunicationLost', 3, {
      transactionInfo: { stoppedReason: 'EVDisconnected' },
      meterValue: [sample('Sample.Clock', 1500), sample('Transaction.End', 1520)],
    });
  }),
  tc('TC_J_08_CSMS', { requirements: ['J02.FR.19'] }, (b) => {
    // Authorized, then EVConnectedPreSession with the Transaction.Begin reading, then energy.
    b.use(booted).use(authorized).use(newTransaction);
    connector(b, 'Occupied');
    event(
      b,
      'Started',
      'CablePluggedIn',
      0,
      {
        idToken: token(),
        transactionInfo: { chargingState: 'EVConnected' },
        meterValue: [sample('Transaction.Begin', 0)],
      },
      { match: { 'idTokenInfo.status': 'Accepted' } },
    );
    event(b, 'Updated', 'ChargingStateChanged', 1, { transactionInfo: { chargingState: 'Charging' } });
  }),
  tc('TC_J_09_CSMS', { requirements: ['J02.FR.19'] }, (b) => {
    b.use(booted).use(energyTransferStarted);
    for (let i = 0; i < 3; i++)
      event(b, 'Updated', 'MeterValuePeriodic', 2 + i, {
        meterValue: [sample('Sample.Periodic', 100 * (i + 1))],
      });
  }),
];
