// OCPP 1.6 Remote Trigger profile cases.

import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted } from './macros.js';

const MESSAGES = [
  'MeterValues',
  'Heartbeat',
  'StatusNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
] as const;

export const TRIGGER_16: readonly Scenario[] = [
  tc('TC_054_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.17'] }, (b) => {
    b.use(booted());
    for (const requestedMessage of MESSAGES) {
      b.trigger('TriggerMessage', { requestedMessage, connectorId: 1 })
        .expectCall('TriggerMessage', { match: { requestedMessage } })
        .expectStationResult('TriggerMessage', { match: { status: 'Accepted' } })
        .exchange(requestedMessage, { note: `the station sends the triggered ${requestedMessage}` });
    }
  }),
  tc('TC_055_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.17'] }, (b) =>
    b
      .use(booted())
      .respond('TriggerMessage', { status: 'Rejected' })
      .trigger('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 1 })
      .expectCall('TriggerMessage', { match: { requestedMessage: 'MeterValues' } })
      .expectStationResult('TriggerMessage', { match: { status: 'Rejected' } }),
  ),
];
