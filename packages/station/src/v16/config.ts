// OCPP 1.6 configuration keys (§9) the virtual station supports, with their access rules:
// read-only keys are refused by ChangeConfiguration (Rejected), keys that only take effect
// after a reboot answer RebootRequired, write-only keys never leave the station (security
// whitepaper: AuthorizationKey "write-only"), unknown keys are NotSupported (§5.3).

import type { StationModel } from '../model/create.js';

type Check = (value: string) => boolean;

/** One configuration key. */
export interface KeyDefinition {
  readonly key: string;
  readonly defaultValue: (model: StationModel) => string;
  readonly readonly?: boolean;
  readonly rebootRequired?: boolean;
  /** Never reported by GetConfiguration (nor in snapshots). */
  readonly writeOnly?: boolean;
  readonly accepts?: Check;
}

const int =
  (min = 0, max = 2_147_483_647): Check =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const bool: Check = (v) => v === 'true' || v === 'false';
const MEASURANDS = new Set([
  'Energy.Active.Import.Register',
  'Power.Active.Import',
  'Current.Import',
  'Current.Offered',
  'Power.Offered',
  'Voltage',
  'SoC',
]);
const measurands: Check = (v) => v === '' || v.split(',').every((m) => MEASURANDS.has(m.trim()));
const fixed = (value: string) => () => value;
const connectors = (model: StationModel) => String(model.connectors ?? 1);

/** The keys, in the order GetConfiguration reports them. */
export const KEYS_16: readonly KeyDefinition[] = [
  // Core profile (§9.1)
  { key: 'AllowOfflineTxForUnknownId', defaultValue: fixed('false'), accepts: bool },
  { key: 'AuthorizationCacheEnabled', defaultValue: fixed('true'), accepts: bool },
  { key: 'AuthorizeRemoteTxRequests', defaultValue: fixed('false'), accepts: bool },
  { key: 'ClockAlignedDataInterval', defaultValue: fixed('0'), accepts: int() },
  { key: 'ConnectionTimeOut', defaultValue: fixed('60'), accepts: int(1) },
  { key: 'ConnectorPhaseRotation', defaultValue: fixed('0.RST'), accepts: (v) => v.length > 0 },
  { key: 'GetConfigurationMaxKeys', defaultValue: fixed('100'), readonly: true },
  { key: 'HeartbeatInterval', defaultValue: fixed('300'), accepts: int(1) },
  { key: 'LocalAuthorizeOffline', defaultValue: fixed('true'), accepts: bool },
  { key: 'LocalPreAuthorize', defaultValue: fixed('false'), accepts: bool },
  {
    key: 'MeterValuesAlignedData',
    defaultValue: fixed('Energy.Active.Import.Register'),
    accepts: measurands,
  },
  {
    key: 'MeterValuesSampledData',
    defaultValue: fixed('Energy.Active.Import.Register,Power.Active.Import,SoC'),
    accepts: measurands,
  },
  { key: 'MeterValueSampleInterval', defaultValue: fixed('60'), accepts: int() },
  { key: 'NumberOfConnectors', defaultValue: connectors, readonly: true },
  { key: 'ResetRetries', defaultValue: fixed('3'), accepts: int() },
  { key: 'StopTransactionOnEVSideDisconnect', defaultValue: fixed('true'), accepts: bool },
  { key: 'StopTransactionOnInvalidId', defaultValue: fixed('true'), accepts: bool },
  { key: 'StopTxnAlignedData', defaultValue: fixed(''), accepts: measurands },
  { key: 'StopTxnSampledData', defaultValue: fixed(''), accepts: measurands },
  {
    key: 'SupportedFeatureProfiles',
    defaultValue: fixed(
      'Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger',
    ),
    readonly: true,
  },
  { key: 'TransactionMessageAttempts', defaultValue: fixed('3'), accepts: int(1) },
  { key: 'TransactionMessageRetryInterval', defaultValue: fixed('60'), accepts: int(1) },
  { key: 'UnlockConnectorOnEVSideDisconnect', defaultValue: fixed('true'), accepts: bool },
  { key: 'WebSocketPingInterval', defaultValue: fixed('0'), accepts: int(), rebootRequired: true },
  // Local Auth List Management profile (§9.2)
  { key: 'LocalAuthListEnabled', defaultValue: fixed('true'), accepts: bool },
  { key: 'LocalAuthListMaxLength', defaultValue: fixed('1000'), readonly: true },
  { key: 'SendLocalListMaxLength', defaultValue: fixed('100'), readonly: true },
  // Reservation profile (§9.3)
  { key: 'ReserveConnectorZeroSupported', defaultValue: fixed('true'), readonly: true },
  // Smart Charging profile (§9.4)
  { key: 'ChargeProfileMaxStackLevel', defaultValue: fixed('10'), readonly: true },
  { key: 'ChargingScheduleAllowedChargingRateUnit', defaultValue: fixed('Current,Power'), readonly: true },
  { key: 'ChargingScheduleMaxPeriods', defaultValue: fixed('24'), readonly: true },
  { key: 'MaxChargingProfilesInstalled', defaultValue: fixed('20'), readonly: true },
  // Security extension (whitepaper edition 2, "Configuration Keys")
  { key: 'AdditionalRootCertificateCheck', defaultValue: fixed('false'), readonly: true },
  {
    key: 'AuthorizationKey',
    defaultValue: fixed(''),
    writeOnly: true,
    rebootRequired: true,
    // 1.6 Basic-auth password: 16..20 bytes written as 32..40 hex characters (whitepaper §2.3.2).
    accepts: (v) => /^([0-9a-fA-F]{2}){16,20}$/.test(v),
  },
  { key: 'CertificateSignedMaxChainSize', defaultValue: fixed('10000'), readonly: true },
  { key: 'CertificateStoreMaxLength', defaultValue: fixed('10'), readonly: true },
  { key: 'CpoName', defaultValue: fixed('Virtual CPO'), accepts: (v) => v.length > 0 && v.length <= 500 },
  // "It is not allowed to downgrade the security profile" (whitepaper §2.4): a lower value is refused.
  { key: 'SecurityProfile', defaultValue: fixed('0'), accepts: int(0, 3), rebootRequired: true },
];

const BY_KEY = new Map(KEYS_16.map((d) => [d.key, d]));

/** The definition of `key` (case-sensitive, as the spec's names are). */
export function keyDefinition(key: string): KeyDefinition | undefined {
  return BY_KEY.get(key);
}

/** Fills in every key's default where the state has no value yet. */
export function seedConfig(config: Record<string, string>, model: StationModel): void {
  for (const d of KEYS_16) if (config[d.key] === undefined) config[d.key] = d.defaultValue(model);
}

/** ChangeConfiguration (§5.3): validates and stores; the status the CSMS gets. */
export function changeConfiguration(
  config: Record<string, string>,
  key: string,
  value: string,
): 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported' {
  const d = keyDefinition(key);
  if (!d) return 'NotSupported';
  if (d.readonly || (d.accepts && !d.accepts(value))) return 'Rejected';
  if (key === 'SecurityProfile' && Number(value) < Number(config[key] ?? 0)) return 'Rejected';
  config[key] = value;
  return d.rebootRequired ? 'RebootRequired' : 'Accepted';
}

// The value readers are shared with the other profiles.
export { boolKey, listKey, numberKey } from '../shared/config-values.js';
