// The station side of smart charging: SetChargingProfile / ClearChargingProfile /
// GetCompositeSchedule through the smart-charging module, and the power drawn following the limit.

import { describe, expect, it } from 'vitest';
import { rig, statuses, T0 } from './helpers/csms.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('smart charging at the station (OCPP 1.6 §3.13, §5.5, §5.7, §5.16)', () => {
  it('§5.16 → §5.7 a TxDefaultProfile shows in the composite schedule and caps the power drawn', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(11_000);
    expect(
      await csms.call('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 10,
          stackLevel: 1,
          chargingProfilePurpose: 'TxDefaultProfile',
          chargingProfileKind: 'Absolute',
          chargingSchedule: {
            startSchedule: iso(T0),
            chargingRateUnit: 'W',
            chargingSchedulePeriod: [
              { startPeriod: 0, limit: 7_000 },
              { startPeriod: 1_800, limit: 3_500 },
            ],
          },
        },
      }),
    ).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(7_000);
    const composite = await csms.call('GetCompositeSchedule', {
      connectorId: 1,
      duration: 3_600,
      chargingRateUnit: 'W',
    });
    expect(composite).toEqual({
      status: 'Accepted',
      connectorId: 1,
      // Whole seconds, as the smart-charging module writes times.
      scheduleStart: '2025-03-01T10:00:00Z',
      chargingSchedule: {
        duration: 3_600,
        startSchedule: '2025-03-01T10:00:00Z',
        chargingRateUnit: 'W',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 7_000 },
          { startPeriod: 1_800, limit: 3_500 },
        ],
      },
    });
    // The schedule's second period takes over on the virtual clock.
    await clock.advance(1_805_000);
    expect(station.snapshot().connectors[0]?.powerW).toBe(3_500);
    // 30 min at 7 kW + 5 s at 3.5 kW, as the register says.
    expect(Math.round(station.snapshot().connectors[0]?.sessionEnergyWh ?? 0)).toBe(3_505);
  });

  it('§5.5 ClearChargingProfile lifts the limit; clearing again answers Unknown', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await station.presentToken('TAG-1', 1);
    await csms.call('SetChargingProfile', {
      connectorId: 0,
      csChargingProfiles: {
        chargingProfileId: 1,
        stackLevel: 0,
        chargingProfilePurpose: 'ChargePointMaxProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: {
          startSchedule: iso(T0),
          chargingRateUnit: 'A',
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 6 }],
        },
      },
    });
    await clock.settle();
    // 6 A × 230 V × 3 phases.
    expect(station.snapshot().connectors[0]?.powerW).toBe(4_140);
    expect(await csms.call('ClearChargingProfile', { id: 1 })).toEqual({ status: 'Accepted' });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(11_000);
    expect(await csms.call('ClearChargingProfile', { id: 1 })).toEqual({ status: 'Unknown' });
  });

  it('§5.16 a TxProfile without a transaction on the connector is Rejected', async () => {
    const { csms } = await rig();
    expect(
      await csms.call('SetChargingProfile', {
        connectorId: 1,
        csChargingProfiles: {
          chargingProfileId: 3,
          stackLevel: 0,
          chargingProfilePurpose: 'TxProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: {
            chargingRateUnit: 'W',
            chargingSchedulePeriod: [{ startPeriod: 0, limit: 2_000 }],
          },
        },
      }),
    ).toEqual({ status: 'Rejected' });
  });

  it('§5.11 a RemoteStart chargingProfile (TxProfile) limits its transaction and ends with it (§7.10); a limit of 0 suspends (SuspendedEVSE)', async () => {
    const { csms, clock, station } = await rig();
    station.plugIn(1);
    await csms.call('RemoteStartTransaction', {
      connectorId: 1,
      idTag: 'APP',
      chargingProfile: {
        chargingProfileId: 8,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: {
          chargingRateUnit: 'W',
          chargingSchedulePeriod: [
            { startPeriod: 0, limit: 5_000 },
            { startPeriod: 600, limit: 0 },
          ],
        },
      },
    });
    await clock.settle();
    expect(station.snapshot().connectors[0]?.powerW).toBe(5_000);
    await clock.advance(600_000);
    expect(station.snapshot().connectors[0]?.powerW).toBe(0);
    expect(statuses(csms, 1).slice(-1)).toEqual(['SuspendedEVSE']);
    await station.stopCharging(1);
    expect(station.snapshot().chargingProfiles).toEqual([]);
  });
});
