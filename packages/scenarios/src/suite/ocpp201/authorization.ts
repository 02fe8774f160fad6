// OCPP 2.0.1 block C (authorization) cases.

import type { Scenario } from '../../scenario/types.js';
import type { ManualCase } from '../define.js';
import { CONTROL, tc } from './case.js';
import { booted, connector, event, newTransaction, token } from './macros.js';

const authorize = (
  id: string,
  setting: string,
  statuses: readonly string[],
  requirements: readonly string[],
) =>
  tc(id, { requirements }, (b) =>
    b
      .use(booted)
      .send('Authorize', { idToken: token(setting) })
      .expectResult('Authorize', {
        match: { 'idTokenInfo.status': statuses.length === 1 ? statuses[0]! : { oneOf: statuses } },
      }),
  );

export const AUTHORIZATION_201: readonly Scenario[] = [
  authorize('TC_C_02_CSMS', 'invalidIdTag', ['Invalid', 'Unknown'], ['C01.FR.07', 'C04.FR.01', 'C06.FR.04']),
  authorize('TC_C_06_CSMS', 'blockedIdTag', ['Blocked', 'Invalid'], ['C01.FR.07']),
  authorize('TC_C_07_CSMS', 'expiredIdTag', ['Expired', 'Invalid'], ['C01.FR.07']),
  tc('TC_C_08_CSMS', { requirements: ['C12.FR.03'] }, (b) => {
    // A cached idToken: no Authorize; the transaction (started when the bay was occupied) is authorized.
    b.use(booted).use(newTransaction);
    event(b, 'Started', 'EVDetected', 0, { transactionInfo: { chargingState: 'Idle' } });
    connector(b, 'Occupied');
    event(
      b,
      'Updated',
      'Authorized',
      1,
      { idToken: token(), transactionInfo: { chargingState: 'EVConnected' } },
      { match: { 'idTokenInfo.status': 'Accepted' } },
    );
  }),
  tc('TC_C_37_CSMS', { ...CONTROL, requirements: ['C11'] }, (b) =>
    b
      .use(booted)
      .respond('ClearCache', { status: 'Accepted' })
      .trigger('ClearCache', {})
      .expectCall('ClearCache')
      .expectStationResult('ClearCache', { match: { status: 'Accepted' } }),
  ),
  tc('TC_C_38_CSMS', { ...CONTROL, requirements: ['C11'] }, (b) =>
    b
      .use(booted)
      .respond('ClearCache', { status: 'Rejected' })
      .trigger('ClearCache', {})
      .expectCall('ClearCache')
      .expectStationResult('ClearCache', { match: { status: 'Rejected' } }),
  ),
];

/** Documented 2.0.1 C cases the suite cannot run, and why. */
export const MANUAL_AUTHORIZATION_201: readonly ManualCase[] = [
  {
    id: 'TC_C_39_CSMS',
    reason:
      'needs two idTokens configured in the CSMS under one GroupId — data of the CSMS its operator sets up (the suite knows only valid, invalid, blocked and expired idTokens)',
  },
];
