// The station's configuration: the 1.6 keys it knows (§9.1 core profile keys), and how the
// 2.0.1 device model (component / variable) maps onto them. One store serves both versions.

export interface ConfigKey {
  value: string;
  readonly readonly: boolean;
  /** Validates a new value; returns false to reject it. */
  readonly accept?: (value: string) => boolean;
}

const positiveInt = (v: string) => /^\d+$/.test(v) && Number(v) > 0 && Number(v) <= 86_400;
const bool = (v: string) => v === 'true' || v === 'false';

/** Defaults a fresh station starts with. Intervals in seconds, as in the spec. */
export function defaultConfig(connectors: number): Record<string, ConfigKey> {
  return {
    HeartbeatInterval: { value: '60', readonly: false, accept: positiveInt },
    MeterValueSampleInterval: { value: '10', readonly: false, accept: positiveInt },
    ConnectionTimeOut: { value: '60', readonly: false, accept: positiveInt },
    AuthorizeRemoteTxRequests: { value: 'false', readonly: false, accept: bool },
    MeterValuesSampledData: {
      value: 'Energy.Active.Import.Register,Power.Active.Import,SoC',
      readonly: false,
      accept: (v) => v.length > 0,
    },
    NumberOfConnectors: { value: String(connectors), readonly: true },
    SupportedFeatureProfiles: { value: 'Core,RemoteTrigger', readonly: true },
  };
}

/** 2.0.1 component/variable → 1.6 key (the device model names, 2.0.1 Part 2 Appendix 2). */
export const KEY_OF_VARIABLE: Readonly<Record<string, string>> = {
  'OCPPCommCtrlr/HeartbeatInterval': 'HeartbeatInterval',
  'SampledDataCtrlr/TxUpdatedInterval': 'MeterValueSampleInterval',
  'TxCtrlr/EVConnectionTimeOut': 'ConnectionTimeOut',
  'AuthCtrlr/AuthorizeRemoteStart': 'AuthorizeRemoteTxRequests',
  'SampledDataCtrlr/TxUpdatedMeasurands': 'MeterValuesSampledData',
};

/** Outcome of a configuration change, in 1.6 terms (2.0.1 maps it onto SetVariableStatusEnumType). */
export type ChangeOutcome = 'Accepted' | 'Rejected' | 'NotSupported';

export function changeConfig(config: Record<string, ConfigKey>, key: string, value: string): ChangeOutcome {
  const entry = config[key];
  if (!entry) return 'NotSupported';
  if (entry.readonly || (entry.accept && !entry.accept(value))) return 'Rejected';
  entry.value = value;
  return 'Accepted';
}

/** Reads a positive integer setting in seconds. */
export function seconds(config: Record<string, ConfigKey>, key: string, fallback: number): number {
  const n = Number(config[key]?.value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
