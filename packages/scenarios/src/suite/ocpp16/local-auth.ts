// OCPP 1.6 Local Auth List Management profile cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted } from './macros.js';

const full = (listVersion: number) =>
  ({
    listVersion,
    updateType: 'Full',
    localAuthorizationList: [{ idTag: v('validIdTag'), idTagInfo: { status: 'Accepted' } }],
  }) as const;

export const LOCAL_AUTH_16: readonly Scenario[] = [
  tc('TC_042_2_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.10'] }, (b) =>
    b
      .use(booted())
      .trigger('GetLocalListVersion', {})
      .expectCall('GetLocalListVersion')
      .expectStationResult('GetLocalListVersion', {
        match: { listVersion: 0 },
        note: 'the station has an empty list',
      }),
  ),
  tc('TC_043_4_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.15'] }, (b) =>
    b
      .use(booted())
      .trigger('SendLocalList', full(1))
      .expectCall('SendLocalList', {
        match: { updateType: 'Full', 'localAuthorizationList.*.idTagInfo': { present: true } },
        note: 'the CSMS sends a Full list whose every entry has idTagInfo',
      })
      .expectStationResult('SendLocalList', { match: { status: 'Accepted' } }),
  ),
  tc('TC_043_5_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.15'] }, (b) =>
    b
      .use(booted())
      .trigger('SendLocalList', full(1), { note: 'the initial list (Full)' })
      .expectCall('SendLocalList', { match: { updateType: 'Full' }, capture: { fullVersion: 'listVersion' } })
      .expectStationResult('SendLocalList', { match: { status: 'Accepted' } })
      .trigger('SendLocalList', {
        listVersion: 2,
        updateType: 'Differential',
        localAuthorizationList: [{ idTag: 'NEW-LOCAL-TAG-1', idTagInfo: { status: 'Accepted' } }],
      })
      .expectCall('SendLocalList', {
        match: {
          updateType: 'Differential',
          localAuthorizationList: { length: 1 },
          'localAuthorizationList.0.idTagInfo': { present: true },
          listVersion: { gt: v('fullVersion') },
        },
        note: 'the CSMS sends a Differential update of one idTag, with a higher version',
      })
      .expectStationResult('SendLocalList', { match: { status: 'Accepted' } }),
  ),
];
