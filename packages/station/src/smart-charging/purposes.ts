// Profile purposes by their name in each OCPP version.
import type { OcppProtocol } from './ocpp-types.js';
import type { ProfileKind, ProfilePurpose } from './types.js';

/** OCPP 1.6 ChargingProfilePurposeType names. */
export const PURPOSE_16 = {
  ChargePointMaxProfile: 'StationMax',
  TxDefaultProfile: 'TxDefault',
  TxProfile: 'Tx',
} as const satisfies Record<string, ProfilePurpose>;

/** OCPP 2.0.1 ChargingProfilePurposeEnumType names. */
export const PURPOSE_201 = {
  ChargingStationMaxProfile: 'StationMax',
  TxDefaultProfile: 'TxDefault',
  TxProfile: 'Tx',
  ChargingStationExternalConstraints: 'ExternalConstraints',
} as const satisfies Record<string, ProfilePurpose>;

/** OCPP 2.1 adds PriorityCharging and LocalGeneration to the 2.0.1 purposes. */
export const PURPOSE_21 = {
  ...PURPOSE_201,
  PriorityCharging: 'PriorityCharging',
  LocalGeneration: 'LocalGeneration',
} as const satisfies Record<string, ProfilePurpose>;

export type Ocpp16Purpose = keyof typeof PURPOSE_16;
export type Ocpp201Purpose = keyof typeof PURPOSE_201;
export type Ocpp21Purpose = keyof typeof PURPOSE_21;

const PURPOSES_BY_PROTOCOL: Readonly<Record<OcppProtocol, Readonly<Record<string, ProfilePurpose>>>> = {
  'ocpp1.6': PURPOSE_16,
  'ocpp2.0.1': PURPOSE_201,
  'ocpp2.1': PURPOSE_21,
};

/** The neutral purpose of a version's purpose name (the name is validated by the schemas). */
export function purposeFrom(protocol: OcppProtocol, name: string): ProfilePurpose {
  const purpose = PURPOSES_BY_PROTOCOL[protocol][name];
  if (purpose === undefined) throw new RangeError(`${protocol} has no charging profile purpose "${name}"`);
  return purpose;
}

/** The version's name of a neutral purpose; throws when the version has no such purpose. */
export function purposeName(protocol: OcppProtocol, purpose: ProfilePurpose): string {
  for (const [name, value] of Object.entries(PURPOSES_BY_PROTOCOL[protocol])) {
    if (value === purpose) return name;
  }
  throw new RangeError(`${protocol} has no charging profile purpose for ${purpose}`);
}

/** Whether the version knows the purpose at all (1.6: three; 2.0.1: four; 2.1: six). */
export function hasPurpose(protocol: OcppProtocol, purpose: ProfilePurpose): boolean {
  return Object.values(PURPOSES_BY_PROTOCOL[protocol]).includes(purpose);
}

/** Whether the version knows the kind: Dynamic is OCPP 2.1's. */
export function hasKind(protocol: OcppProtocol, kind: ProfileKind): boolean {
  return kind !== 'Dynamic' || protocol === 'ocpp2.1';
}
