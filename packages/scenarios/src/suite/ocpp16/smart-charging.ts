// OCPP 1.6 Smart Charging profile cases.

import { v } from '../../scenario/builder.js';
import type { Scenario } from '../../scenario/types.js';
import { CONTROL, tc } from './case.js';
import { booted, charging, started, status } from './macros.js';

const schedule = (limit: number) =>
  ({ chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit }] }) as const;

const PURPOSE = 'csChargingProfiles.chargingProfilePurpose';

export const SMART_CHARGING_16: readonly Scenario[] = [
  tc('TC_056_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.16', '§3.13.2'] }, (b) =>
    b
      .use(booted())
      .trigger('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 30,
          stackLevel: 0,
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingProfileKind: 'Absolute',
          chargingSchedule: { ...schedule(11_000), startSchedule: v('now') },
        },
      })
      .expectCall('SetChargingProfile', { match: { [PURPOSE]: 'TxDefaultProfile' } })
      .expectStationResult('SetChargingProfile', { match: { status: 'Accepted' } }),
  ),
  tc('TC_057_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.16', '§3.13.2'] }, (b) =>
    b
      .use(booted())
      .use(charging())
      .trigger('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 31,
          transactionId: v('transactionId'),
          stackLevel: 0,
          chargingProfilePurpose: 'TxProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: schedule(7_000),
        },
      })
      .expectCall('SetChargingProfile', {
        match: {
          connectorId: { gte: 1 },
          [PURPOSE]: 'TxProfile',
          'csChargingProfiles.transactionId': v('transactionId'),
          'csChargingProfiles.recurrencyKind': { absent: true },
        },
        note: 'the CSMS sends a TxProfile for the running transaction',
      })
      .expectStationResult('SetChargingProfile', { match: { status: 'Accepted' } }),
  ),
  tc('TC_059_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.11', '§3.13.2'] }, (b) => {
    b.use(booted()).plugIn(1);
    status(b, 1, 'Preparing');
    b.trigger('RemoteStartTransaction', {
      connectorId: 1,
      idTag: v('validIdTag'),
      chargingProfile: {
        chargingProfileId: 32,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: schedule(7_000),
      },
    })
      .expectCall('RemoteStartTransaction', {
        match: { 'chargingProfile.chargingProfilePurpose': 'TxProfile' },
        note: 'the CSMS starts remotely with a TxProfile',
      })
      .expectStationResult('RemoteStartTransaction', { match: { status: 'Accepted' } })
      .use(started());
  }),
  tc('TC_066_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.7'] }, (b) =>
    b
      .use(booted())
      .trigger('GetCompositeSchedule', { connectorId: 1, duration: 3600, chargingRateUnit: 'W' })
      .expectCall('GetCompositeSchedule', { match: { connectorId: { present: true }, duration: { gt: 0 } } })
      .expectStationResult('GetCompositeSchedule', { match: { status: { present: true } } }),
  ),
  tc('TC_067_CSMS', { ...CONTROL, requirements: ['OCPP 1.6 §5.5', '§5.16'] }, (b) =>
    b
      .use(booted())
      .use(charging())
      .trigger('SetChargingProfile', {
        connectorId: 0,
        csChargingProfiles: {
          chargingProfileId: 41,
          stackLevel: 1,
          chargingProfilePurpose: 'ChargePointMaxProfile',
          chargingProfileKind: 'Absolute',
          chargingSchedule: { ...schedule(20_000), startSchedule: v('now') },
        },
      })
      .expectCall('SetChargingProfile', {
        match: {
          connectorId: 0,
          [PURPOSE]: 'ChargePointMaxProfile',
          'csChargingProfiles.transactionId': { absent: true },
        },
      })
      .expectStationResult('SetChargingProfile', { match: { status: 'Accepted' } })
      .trigger('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 42,
          stackLevel: 0,
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: schedule(11_000),
        },
      })
      .expectCall('SetChargingProfile', { match: { [PURPOSE]: 'TxDefaultProfile' } })
      .expectStationResult('SetChargingProfile', { match: { status: 'Accepted' } })
      .trigger('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 43,
          transactionId: v('transactionId'),
          stackLevel: 0,
          chargingProfilePurpose: 'TxProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: schedule(7_000),
        },
      })
      .expectCall('SetChargingProfile', { match: { [PURPOSE]: 'TxProfile' } })
      .expectStationResult('SetChargingProfile', { match: { status: 'Accepted' } })
      .trigger('ClearChargingProfile', { id: 41 }, { note: 'clear one profile by its id' })
      .expectCall('ClearChargingProfile', { match: { id: { present: true } } })
      .expectStationResult('ClearChargingProfile', { match: { status: 'Accepted' } })
      .trigger(
        'ClearChargingProfile',
        { connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 },
        { note: 'clear by criteria' },
      )
      .expectCall('ClearChargingProfile', { match: { chargingProfilePurpose: { present: true } } })
      .expectStationResult('ClearChargingProfile', { match: { status: 'Accepted' } })
      .trigger('ClearChargingProfile', {}, { note: 'clear what remains' })
      .expectCall('ClearChargingProfile')
      .expectStationResult('ClearChargingProfile', { match: { status: 'Accepted' } }),
  ),
];
