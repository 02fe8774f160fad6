// installProfile, per version: each row names the clause it checks, the profiles already
// installed, the new profile, and the outcome.
import { describe, expect, it } from 'vitest';
import {
  type ChargingProfile,
  type InstallContext,
  type InstallRejection,
  installProfile,
  type OcppProtocol,
} from '../../src/smart-charging/index.js';
import { HOUR_MS, profile, steps, T0 } from './fixtures.js';

const running = { 1: { id: 'tx-1', startedAtMs: T0 } };

function context(protocol: OcppProtocol, extra: Partial<InstallContext> = {}): InstallContext {
  return { protocol, transactions: running, evseIds: [1, 2], ...extra };
}

interface Case {
  readonly name: string;
  readonly protocol: OcppProtocol;
  readonly installed?: readonly ChargingProfile[];
  readonly profile: ChargingProfile;
  readonly context?: Partial<InstallContext>;
  /** Rejected with this reason and a clause containing `clause`; or accepted, replacing these ids. */
  readonly want: { reason: InstallRejection; clause: string } | { replaced: number[] };
}

const withoutStart = ({ schedules, ...p }: ChargingProfile): ChargingProfile => ({
  ...p,
  schedules: schedules.map(({ startScheduleMs: _, ...s }) => s),
});
const relative = (p: Partial<ChargingProfile> = {}) => profile({ kind: 'Relative', ...p });
const stationMax = (p: Partial<ChargingProfile> = {}) => profile({ purpose: 'StationMax', evseId: 0, ...p });
const txProfile = (p: Partial<ChargingProfile> = {}) =>
  profile({ purpose: 'Tx', transactionId: 'tx-1', ...p });

const existing = profile({ id: 500, stackLevel: 1 });

const cases16: Case[] = [
  {
    name: 'OCPP 1.6 §3.13.1: ChargePointMaxProfile only on connector 0',
    protocol: 'ocpp1.6',
    profile: stationMax({ evseId: 1 }),
    want: { reason: 'InvalidEvse', clause: '§3.13.1' },
  },
  {
    name: 'OCPP 1.6 §3.13.1: TxProfile only on a connector > 0',
    protocol: 'ocpp1.6',
    profile: txProfile({ evseId: 0 }),
    want: { reason: 'InvalidEvse', clause: '§3.13.1' },
  },
  {
    name: 'OCPP 1.6 §3.13.1: a TxProfile without a transaction on its connector is rejected',
    protocol: 'ocpp1.6',
    profile: txProfile({ evseId: 2 }),
    want: { reason: 'NoTransaction', clause: '§3.13.1' },
  },
  {
    name: 'OCPP 1.6 §5.16: a TxProfile naming another transaction is rejected',
    protocol: 'ocpp1.6',
    profile: txProfile({ transactionId: '99' }),
    want: { reason: 'TxNotFound', clause: '§5.16' },
  },
  {
    name: 'OCPP 1.6 §7.8: transactionId only with TxProfile',
    protocol: 'ocpp1.6',
    profile: profile({ transactionId: 'tx-1' }),
    want: { reason: 'UnexpectedTxId', clause: '§7.8' },
  },
  {
    name: 'OCPP 1.6 §3.13.2: the same stackLevel and purpose on the same connector replaces the profile',
    protocol: 'ocpp1.6',
    installed: [existing],
    profile: profile({ stackLevel: 1, periods: steps([0, 6]) }),
    want: { replaced: [500] },
  },
  {
    name: 'OCPP 1.6 §3.13.1: a connector TxDefault leaves the connector 0 one in place (replaced for that connector only)',
    protocol: 'ocpp1.6',
    installed: [profile({ id: 501, evseId: 0, stackLevel: 1 })],
    profile: profile({ stackLevel: 1 }),
    want: { replaced: [] },
  },
  {
    name: 'OCPP 1.6 §5.16.3: the same chargingProfileId replaces the profile',
    protocol: 'ocpp1.6',
    installed: [existing],
    profile: profile({ id: 500, stackLevel: 4 }),
    want: { replaced: [500] },
  },
  {
    name: 'OCPP 1.6 §5.16 notes: the first period starts at 0',
    protocol: 'ocpp1.6',
    profile: profile({ periods: steps([60, 16]) }),
    want: { reason: 'InvalidSchedule', clause: 'first startPeriod is 0' },
  },
  {
    name: 'OCPP 1.6 §7.14: startPeriod values increase',
    protocol: 'ocpp1.6',
    profile: profile({ periods: steps([0, 16], [600, 10], [600, 8]) }),
    want: { reason: 'InvalidSchedule', clause: '§7.14' },
  },
  {
    name: 'OCPP 1.6 §7.8: exactly one schedule',
    protocol: 'ocpp1.6',
    profile: { ...profile(), schedules: [...profile().schedules, ...profile().schedules] },
    want: { reason: 'InvalidSchedule', clause: 'chargingSchedule 1..1' },
  },
  {
    name: 'OCPP 1.6 §9.4.1: stackLevel above ChargeProfileMaxStackLevel is rejected',
    protocol: 'ocpp1.6',
    profile: profile({ stackLevel: 9 }),
    context: { maxStackLevel: 8 },
    want: { reason: 'InvalidStackLevel', clause: '§9.4.1' },
  },
  {
    name: 'OCPP 1.6 §9.4.2: a unit outside ChargingScheduleAllowedChargingRateUnit is rejected',
    protocol: 'ocpp1.6',
    profile: profile({ schedule: { unit: 'W' } }),
    context: { units: ['A'] },
    want: { reason: 'UnsupportedRateUnit', clause: '§9.4.2' },
  },
  {
    name: 'OCPP 1.6 §9.4.3: more periods than ChargingScheduleMaxPeriods are rejected',
    protocol: 'ocpp1.6',
    profile: profile({ periods: steps([0, 16], [60, 10], [120, 8]) }),
    context: { maxPeriods: 2 },
    want: { reason: 'TooManyPeriods', clause: '§9.4.3' },
  },
  {
    name: 'OCPP 1.6 §9.4.5: MaxChargingProfilesInstalled is not exceeded',
    protocol: 'ocpp1.6',
    installed: [existing, profile({ id: 502, stackLevel: 2 })],
    profile: profile({ stackLevel: 3 }),
    context: { maxProfiles: 2 },
    want: { reason: 'TooManyProfiles', clause: '§9.4.5' },
  },
  {
    name: 'OCPP 1.6 §9.4.5: a replacement does not count against MaxChargingProfilesInstalled',
    protocol: 'ocpp1.6',
    installed: [existing, profile({ id: 502, stackLevel: 2 })],
    profile: profile({ stackLevel: 2 }),
    context: { maxProfiles: 2 },
    want: { replaced: [502] },
  },
  {
    name: 'OCPP 1.6 §7.10: ChargingStationExternalConstraints is not a 1.6 purpose',
    protocol: 'ocpp1.6',
    profile: profile({ purpose: 'ExternalConstraints' }),
    want: { reason: 'UnsupportedPurpose', clause: '§7.10' },
  },
  {
    name: 'OCPP 1.6 §7.9: Dynamic is not a 1.6 kind',
    protocol: 'ocpp1.6',
    profile: profile({ kind: 'Dynamic' }),
    want: { reason: 'UnsupportedKind', clause: '§7.9' },
  },
  {
    name: 'OCPP 1.6 §6.43: an unknown connector is rejected',
    protocol: 'ocpp1.6',
    profile: profile({ evseId: 3 }),
    want: { reason: 'UnknownEvse', clause: '§6.43' },
  },
  {
    name: 'OCPP 1.6 §7.13: an Absolute schedule without startSchedule is accepted (relative to start of charging)',
    protocol: 'ocpp1.6',
    profile: withoutStart(profile()),
    want: { replaced: [] },
  },
  {
    name: 'OCPP 1.6 §7.8: a Recurring profile needs recurrencyKind',
    protocol: 'ocpp1.6',
    profile: profile({ kind: 'Recurring' }),
    want: { reason: 'InvalidSchedule', clause: 'recurrencyKind' },
  },
  {
    name: 'OCPP 1.6 §7.8: validTo after validFrom',
    protocol: 'ocpp1.6',
    profile: profile({ validFromMs: T0, validToMs: T0 }),
    want: { reason: 'InvalidSchedule', clause: 'validFrom/validTo' },
  },
];

const cases2x: Case[] = [
  {
    name: 'OCPP 2.0.1 K01.FR.09: a TxProfile without a transaction on the EVSE is rejected',
    protocol: 'ocpp2.0.1',
    profile: txProfile({ evseId: 2 }),
    want: { reason: 'NoTransaction', clause: 'K01.FR.09' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.16: a TxProfile is not set on evseId 0',
    protocol: 'ocpp2.0.1',
    profile: txProfile({ evseId: 0 }),
    want: { reason: 'InvalidEvse', clause: 'K01.FR.16' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.03: a TxProfile names its transaction',
    protocol: 'ocpp2.0.1',
    profile: profile({ purpose: 'Tx' }),
    want: { reason: 'MissingTransactionId', clause: 'K01.FR.03' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.33: a TxProfile for a transaction not on the EVSE is rejected',
    protocol: 'ocpp2.0.1',
    profile: txProfile({ transactionId: 'tx-9' }),
    want: { reason: 'TxNotFound', clause: 'K01.FR.33' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.05: the same id replaces the profile',
    protocol: 'ocpp2.0.1',
    installed: [existing],
    profile: profile({ id: 500, stackLevel: 3 }),
    want: { replaced: [500] },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.05: the id of an external constraints profile cannot be reused',
    protocol: 'ocpp2.0.1',
    installed: [profile({ id: 600, purpose: 'ExternalConstraints', limitSource: 'EMS' })],
    profile: profile({ id: 600 }),
    want: { reason: 'ExternalConstraint', clause: 'K01.FR.05' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.06: a second profile with the same stackLevel, purpose and EVSE is rejected',
    protocol: 'ocpp2.0.1',
    installed: [existing],
    profile: profile({ stackLevel: 1 }),
    want: { reason: 'DuplicateProfile', clause: 'K01.FR.06' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.06: … unless their validity periods do not overlap',
    protocol: 'ocpp2.0.1',
    installed: [profile({ id: 503, stackLevel: 1, validToMs: T0 + HOUR_MS })],
    profile: profile({ stackLevel: 1, validFromMs: T0 + HOUR_MS }),
    want: { replaced: [] },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.39: a TxProfile with the stackLevel and transactionId of another is rejected',
    protocol: 'ocpp2.0.1',
    installed: [txProfile({ id: 504, stackLevel: 2 })],
    profile: txProfile({ stackLevel: 2 }),
    want: { reason: 'DuplicateProfile', clause: 'K01.FR.39' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.09: a TxProfile for the running transaction is accepted',
    protocol: 'ocpp2.0.1',
    profile: txProfile(),
    want: { replaced: [] },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.26: an unsupported chargingRateUnit is rejected',
    protocol: 'ocpp2.0.1',
    profile: profile({ schedule: { unit: 'A' } }),
    context: { units: ['W'] },
    want: { reason: 'UnsupportedRateUnit', clause: 'K01.FR.26' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.28: an EVSE that does not exist is rejected',
    protocol: 'ocpp2.0.1',
    profile: profile({ evseId: 7 }),
    want: { reason: 'UnknownEvse', clause: 'K01.FR.28' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.31: the first period starts at 0',
    protocol: 'ocpp2.0.1',
    profile: profile({ periods: steps([1, 16]) }),
    want: { reason: 'InvalidSchedule', clause: 'K01.FR.31' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.35: startPeriod values increase',
    protocol: 'ocpp2.0.1',
    profile: profile({ periods: steps([0, 16], [900, 10], [300, 8]) }),
    want: { reason: 'InvalidSchedule', clause: 'K01.FR.35' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.38: a ChargingStationMaxProfile is not Relative',
    protocol: 'ocpp2.0.1',
    profile: stationMax({ kind: 'Relative', schedules: relative().schedules }),
    want: { reason: 'InvalidSchedule', clause: 'K01.FR.38' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.40: an Absolute schedule needs startSchedule',
    protocol: 'ocpp2.0.1',
    profile: withoutStart(profile()),
    want: { reason: 'InvalidSchedule', clause: 'K01.FR.40' },
  },
  {
    name: 'OCPP 2.0.1 K01.FR.41: a Relative schedule has no startSchedule',
    protocol: 'ocpp2.0.1',
    profile: { ...relative(), schedules: profile().schedules },
    want: { reason: 'InvalidSchedule', clause: 'K01.FR.41' },
  },
  {
    name: 'OCPP 2.0.1 K01: a ChargingStationMaxProfile belongs on evseId 0',
    protocol: 'ocpp2.0.1',
    profile: stationMax({ evseId: 1 }),
    want: { reason: 'InvalidEvse', clause: 'evseId 0' },
  },
  {
    name: 'OCPP 2.0.1 ChargingProfileType: at most three schedules',
    protocol: 'ocpp2.0.1',
    profile: { ...profile(), schedules: Array.from({ length: 4 }, () => profile().schedules[0]!) },
    want: { reason: 'InvalidSchedule', clause: '1..3' },
  },
  {
    name: 'OCPP 2.0.1 ChargingProfilePurposeEnumType: PriorityCharging is 2.1',
    protocol: 'ocpp2.0.1',
    profile: profile({ purpose: 'PriorityCharging' }),
    want: { reason: 'UnsupportedPurpose', clause: 'ChargingProfilePurposeEnumType' },
  },
  {
    name: 'OCPP 2.1 ChargingProfilePurposeEnumType: PriorityCharging is accepted',
    protocol: 'ocpp2.1',
    profile: profile({ purpose: 'PriorityCharging' }),
    want: { replaced: [] },
  },
  {
    name: 'OCPP 2.0.1 ChargingProfileKindEnumType: Dynamic is 2.1',
    protocol: 'ocpp2.0.1',
    profile: profile({ kind: 'Dynamic' }),
    want: { reason: 'UnsupportedKind', clause: 'ChargingProfileKindEnumType' },
  },
  {
    name: 'OCPP 2.1 ChargingProfileKindEnumType: Dynamic is accepted',
    protocol: 'ocpp2.1',
    profile: profile({ kind: 'Dynamic' }),
    want: { replaced: [] },
  },
  {
    name: 'OCPP 2.1 K01.FR.06: the same rule as 2.0.1',
    protocol: 'ocpp2.1',
    installed: [existing],
    profile: profile({ stackLevel: 1 }),
    want: { reason: 'DuplicateProfile', clause: 'OCPP 2.1 K01.FR.06' },
  },
];

describe('installProfile', () => {
  it.each([...cases16, ...cases2x])(
    '$name',
    ({ protocol, installed = [], profile: p, context: extra, want }) => {
      const result = installProfile(installed, p, context(protocol, extra));
      if ('reason' in want) {
        expect(result).toMatchObject({ status: 'Rejected', reason: want.reason });
        expect(result.status === 'Rejected' && result.clause).toContain(want.clause);
        return;
      }
      expect(result.status).toBe('Accepted');
      if (result.status !== 'Accepted') return;
      expect(result.replaced).toEqual(want.replaced);
      expect(result.profiles.map((x) => x.id).sort()).toEqual(
        [...installed.filter((x) => !want.replaced.includes(x.id)).map((x) => x.id), p.id].sort(),
      );
    },
  );

  it('OCPP 1.6 §7.10: a TxProfile without transactionId is bound to the running transaction', () => {
    const p = profile({ purpose: 'Tx' });
    const result = installProfile([], p, context('ocpp1.6'));
    expect(result.status === 'Accepted' && result.profiles).toEqual([{ ...p, transactionId: 'tx-1' }]);
  });

  it('reasons fit a 2.x StatusInfoType.reasonCode (at most 20 characters)', () => {
    const reasons: InstallRejection[] = [
      'UnsupportedPurpose',
      'UnsupportedKind',
      'UnknownEvse',
      'InvalidEvse',
      'NoTransaction',
      'MissingTransactionId',
      'TxNotFound',
      'UnexpectedTxId',
      'InvalidSchedule',
      'UnsupportedRateUnit',
      'InvalidStackLevel',
      'TooManyPeriods',
      'TooManyProfiles',
      'DuplicateProfile',
      'ExternalConstraint',
    ];
    for (const reason of reasons) expect(reason.length).toBeLessThanOrEqual(20);
  });

  it('leaves the installed list untouched', () => {
    const installed = Object.freeze([existing]);
    installProfile(installed, profile({ stackLevel: 1 }), context('ocpp1.6'));
    expect(installed).toEqual([existing]);
  });
});
