// OCPP 2.0.1 blocks F (remote control) and G (availability) cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted, connector, EVSE } from './macros.js';

/** The station's answer to a trigger, then the message it triggered (and the CSMS's answer). */
const triggered = (
  id: string,
  requirements: readonly string[],
  message: 'MeterValues' | 'LogStatusNotification' | 'Heartbeat',
) =>
  tc(id, { ...CONTROL, requirements }, (b) => {
    b.use(booted)
      .respond('TriggerMessage', { status: 'Accepted' })
      .trigger('TriggerMessage', { requestedMessage: message })
      .expectCall('TriggerMessage', {
        match: {
          requestedMessage: message,
          ...(message === 'MeterValues' ? { evse: { absent: true } } : {}),
        },
      })
      .expectStationResult('TriggerMessage', { match: { status: 'Accepted' } });
    if (message === 'MeterValues')
      b.send('MeterValues', {
        evseId: EVSE.id,
        meterValue: [
          {
            timestamp: v('now'),
            sampledValue: [{ value: 1234.5, context: 'Trigger', measurand: 'Energy.Active.Import.Register' }],
          },
        ],
      });
    else if (message === 'LogStatusNotification') b.send('LogStatusNotification', { status: 'Idle' });
    else b.send('Heartbeat', {});
    b.expectResult(message, { note: `the CSMS answers the triggered ${message}` });
  });

/** ChangeAvailability, the station's Accepted, and the statuses it reports. */
const availability = (
  id: string,
  request: {
    readonly operationalStatus: 'Operative' | 'Inoperative';
    readonly evse?: { readonly id: number; readonly connectorId?: number };
  },
  match: Record<string, unknown>,
) =>
  tc(id, { ...CONTROL, requirements: ['G03', 'G04'] }, (b) => {
    b.use(booted)
      .respond('ChangeAvailability', { status: 'Accepted' })
      .trigger('ChangeAvailability', request)
      .expectCall('ChangeAvailability', { match: match as never })
      .expectStationResult('ChangeAvailability', { match: { status: 'Accepted' } });
    connector(b, request.operationalStatus === 'Operative' ? 'Available' : 'Unavailable');
  });

export const REMOTE_CONTROL_201: readonly Scenario[] = [
  tc('TC_F_06_CSMS', { ...CONTROL, requirements: ['F05'] }, (b) =>
    b
      .use(booted)
      .respond('UnlockConnector', { status: 'Unlocked' })
      .trigger('UnlockConnector', { evseId: EVSE.id, connectorId: EVSE.connectorId })
      .expectCall('UnlockConnector', { match: { evseId: EVSE.id, connectorId: EVSE.connectorId } })
      .expectStationResult('UnlockConnector', { match: { status: 'Unlocked' } }),
  ),
  triggered('TC_F_12_CSMS', ['F06.FR.01'], 'MeterValues'),
  triggered('TC_F_15_CSMS', ['F06.FR.01'], 'LogStatusNotification'),
  triggered('TC_F_20_CSMS', ['F06.FR.01'], 'Heartbeat'),
  tc('TC_F_27_CSMS', { ...CONTROL, requirements: ['F06.FR.08'] }, (b) =>
    b
      .use(booted)
      .respond('TriggerMessage', { status: 'NotImplemented' })
      .trigger('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' })
      .expectCall('TriggerMessage', { match: { requestedMessage: { present: true } } })
      .expectStationResult('TriggerMessage', { match: { status: 'NotImplemented' } }),
  ),
  availability(
    'TC_G_04_CSMS',
    { operationalStatus: 'Operative', evse: { id: EVSE.id } },
    { operationalStatus: 'Operative', 'evse.id': EVSE.id, 'evse.connectorId': { absent: true } },
  ),
  availability(
    'TC_G_05_CSMS',
    { operationalStatus: 'Inoperative' },
    { operationalStatus: 'Inoperative', evse: { absent: true } },
  ),
  availability(
    'TC_G_06_CSMS',
    { operationalStatus: 'Operative' },
    { operationalStatus: 'Operative', evse: { absent: true } },
  ),
  availability(
    'TC_G_07_CSMS',
    { operationalStatus: 'Inoperative', evse: { id: EVSE.id, connectorId: EVSE.connectorId } },
    { operationalStatus: 'Inoperative', 'evse.id': EVSE.id, 'evse.connectorId': EVSE.connectorId },
  ),
];
