// The standard controller components a 2.x station reports (2.0.1 Part 2 appendix "Referenced
// Components and Variables"), with the values a fresh virtual station starts with. Values the
// station derives (counts, clocks, the security profile in use) are read from its state.

import type { DataEnumType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { Ocpp2 } from '../profile.js';
import type { VariableDef } from './types.js';

type Extra = Omit<Partial<VariableDef>, 'component' | 'variable' | 'dataType' | 'mutability'>;

/** A configurable (ReadWrite) variable with a fixed initial value. */
function rw(component: string, variable: string, dataType: DataEnumType, initial: string, extra: Extra = {}) {
  return {
    component,
    variable,
    dataType,
    mutability: 'ReadWrite',
    initial: () => initial,
    ...extra,
  } as const;
}

/** A read-only variable: a fixed initial value, or one read from the state. */
function ro(
  component: string,
  variable: string,
  dataType: DataEnumType,
  value: string | ((p: Ocpp2) => string),
  extra: Extra = {},
): VariableDef {
  const source = typeof value === 'string' ? { initial: () => value } : { read: value };
  return { component, variable, dataType, mutability: 'ReadOnly', ...source, ...extra };
}

/** The measurands the virtual meter gives (see meter-values.ts). */
export const MEASURANDS =
  'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Current.Offered,Power.Offered,Voltage,SoC';
/** The TxStartPoint / TxStopPoint values the station implements (E01). */
export const TX_POINTS = 'EVConnected,Authorized,PowerPathClosed,EnergyTransfer';

const seconds = { unit: 's', minLimit: 0 } as const;
const count = (maxLimit?: number) => ({ minLimit: 0, ...(maxLimit === undefined ? {} : { maxLimit }) });
const measurands = { valuesList: MEASURANDS } as const;
const available = (component: string) => ro(component, 'Available', 'boolean', 'true');
const instance = (variableInstance: string) => ({ variableInstance }) as const;

/** Where the station's own certificate and the CSMS root certificates are counted. */
const certificates = (p: Ocpp2) => String(p.ctx.state.certificates.length);

export const CONTROLLERS: readonly VariableDef[] = [
  // OCPPCommCtrlr: the connection and message retries (B01, B04, B09, E13). MessageAttempts and
  // MessageAttemptInterval[TransactionEvent] are reported; the retries are the durable lane's, as
  // configured when the client was built (stationDurable's maxAttempts and retryIntervalMs).
  ro('OCPPCommCtrlr', 'ActiveNetworkProfile', 'integer', (p) => p.network.activeSlot()),
  ro('OCPPCommCtrlr', 'FileTransferProtocols', 'MemberList', 'HTTPS,FTP', {
    valuesList: 'FTP,FTPS,HTTP,HTTPS,SFTP',
  }),
  rw('OCPPCommCtrlr', 'HeartbeatInterval', 'integer', '300', { ...seconds, minLimit: 1 }),
  rw('OCPPCommCtrlr', 'MessageAttemptInterval', 'integer', '60', {
    ...seconds,
    ...instance('TransactionEvent'),
  }),
  rw('OCPPCommCtrlr', 'MessageAttempts', 'integer', '3', { ...count(), ...instance('TransactionEvent') }),
  ro('OCPPCommCtrlr', 'MessageTimeout', 'integer', '30', { ...seconds, ...instance('Default') }),
  rw('OCPPCommCtrlr', 'NetworkConfigurationPriority', 'SequenceList', '0', { valuesList: '0,1,2,3' }),
  rw('OCPPCommCtrlr', 'NetworkProfileConnectionAttempts', 'integer', '3', count()),
  rw('OCPPCommCtrlr', 'OfflineThreshold', 'integer', '60', seconds),
  rw('OCPPCommCtrlr', 'ResetRetries', 'integer', '3', count()),
  rw('OCPPCommCtrlr', 'RetryBackOffRandomRange', 'integer', '10', seconds),
  rw('OCPPCommCtrlr', 'RetryBackOffRepeatTimes', 'integer', '3', count()),
  rw('OCPPCommCtrlr', 'RetryBackOffWaitMinimum', 'integer', '5', seconds),
  rw('OCPPCommCtrlr', 'UnlockOnEVSideDisconnect', 'boolean', 'true'),
  rw('OCPPCommCtrlr', 'WebSocketPingInterval', 'integer', '0', { ...seconds, rebootRequired: true }),
  // SampledDataCtrlr: meter values of transactions (J02).
  rw('SampledDataCtrlr', 'Enabled', 'boolean', 'true'),
  rw('SampledDataCtrlr', 'TxEndedMeasurands', 'MemberList', 'Energy.Active.Import.Register', measurands),
  rw('SampledDataCtrlr', 'TxEndedInterval', 'integer', '0', seconds),
  rw('SampledDataCtrlr', 'TxStartedMeasurands', 'MemberList', 'Energy.Active.Import.Register', measurands),
  rw(
    'SampledDataCtrlr',
    'TxUpdatedMeasurands',
    'MemberList',
    'Energy.Active.Import.Register,Power.Active.Import,SoC',
    measurands,
  ),
  rw('SampledDataCtrlr', 'TxUpdatedInterval', 'integer', '60', seconds),
  // AlignedDataCtrlr: clock-aligned meter values (J01).
  rw('AlignedDataCtrlr', 'Enabled', 'boolean', 'true'),
  rw('AlignedDataCtrlr', 'Interval', 'integer', '0', seconds),
  rw('AlignedDataCtrlr', 'Measurands', 'MemberList', 'Energy.Active.Import.Register', measurands),
  rw('AlignedDataCtrlr', 'SendDuringIdle', 'boolean', 'true'),
  rw('AlignedDataCtrlr', 'TxEndedInterval', 'integer', '0', seconds),
  rw('AlignedDataCtrlr', 'TxEndedMeasurands', 'MemberList', '', measurands),
  // TxCtrlr: when transactions start and stop (E01–E10).
  rw('TxCtrlr', 'EVConnectionTimeOut', 'integer', '60', { ...seconds, minLimit: 1 }),
  rw('TxCtrlr', 'StopTxOnEVSideDisconnect', 'boolean', 'true'),
  rw('TxCtrlr', 'StopTxOnInvalidId', 'boolean', 'true'),
  rw('TxCtrlr', 'TxStartPoint', 'MemberList', 'PowerPathClosed', { valuesList: TX_POINTS }),
  rw('TxCtrlr', 'TxStopPoint', 'MemberList', 'EVConnected,Authorized', { valuesList: TX_POINTS }),
  // AuthCtrlr, AuthCacheCtrlr, LocalAuthListCtrlr (C01–C16, D01–D02).
  rw('AuthCtrlr', 'Enabled', 'boolean', 'true'),
  rw('AuthCtrlr', 'AuthorizeRemoteStart', 'boolean', 'false'),
  rw('AuthCtrlr', 'LocalAuthorizeOffline', 'boolean', 'true'),
  rw('AuthCtrlr', 'LocalPreAuthorize', 'boolean', 'false'),
  rw('AuthCtrlr', 'OfflineTxForUnknownIdEnabled', 'boolean', 'false'),
  rw('AuthCacheCtrlr', 'Enabled', 'boolean', 'true'),
  available('AuthCacheCtrlr'),
  rw('AuthCacheCtrlr', 'LifeTime', 'integer', '86400', seconds),
  rw('LocalAuthListCtrlr', 'Enabled', 'boolean', 'true'),
  available('LocalAuthListCtrlr'),
  ro('LocalAuthListCtrlr', 'Entries', 'integer', (p) => String(p.auth.listSize()), count(1000)),
  ro('LocalAuthListCtrlr', 'ItemsPerMessage', 'integer', '100', count()),
  ro('LocalAuthListCtrlr', 'BytesPerMessage', 'integer', '65000', count()),
  // ReservationCtrlr (H01).
  rw('ReservationCtrlr', 'Enabled', 'boolean', 'true'),
  available('ReservationCtrlr'),
  ro('ReservationCtrlr', 'NonEvseSpecific', 'boolean', 'true'),
  // SmartChargingCtrlr (K01–K10).
  rw('SmartChargingCtrlr', 'Enabled', 'boolean', 'true'),
  available('SmartChargingCtrlr'),
  ro('SmartChargingCtrlr', 'Entries', 'integer', (p) => String(p.ctx.state.chargingProfiles.length), {
    ...count(20),
    ...instance('ChargingProfiles'),
  }),
  rw('SmartChargingCtrlr', 'LimitChangeSignificance', 'decimal', '10', { unit: 'Percent', minLimit: 0 }),
  ro('SmartChargingCtrlr', 'PeriodsPerSchedule', 'integer', '24', count()),
  ro('SmartChargingCtrlr', 'ProfileStackLevel', 'integer', '10', count()),
  ro('SmartChargingCtrlr', 'RateUnit', 'MemberList', 'A,W', { valuesList: 'A,W' }),
  // SecurityCtrlr (A01–A04, M01–M06).
  {
    component: 'SecurityCtrlr',
    variable: 'BasicAuthPassword',
    dataType: 'string',
    mutability: 'WriteOnly',
    initial: () => '',
    // A01: 16..40 characters.
    accepts: (v) => v.length >= 16 && v.length <= 40,
    maxLimit: 40,
  },
  ro('SecurityCtrlr', 'CertificateEntries', 'integer', certificates, count()),
  ro('SecurityCtrlr', 'Identity', 'string', (p) => p.ctx.client.identity, { maxLimit: 48 }),
  ro('SecurityCtrlr', 'MaxCertificateChainSize', 'integer', '10000', count()),
  rw('SecurityCtrlr', 'OrganizationName', 'string', 'Virtual CPO', { maxLimit: 50 }),
  // B09: the security profile changes through SetNetworkProfile, never by SetVariables.
  ro('SecurityCtrlr', 'SecurityProfile', 'integer', '0', { minLimit: 0, maxLimit: 3 }),
  // DeviceDataCtrlr: how much one message may carry (B05–B08).
  ro('DeviceDataCtrlr', 'BytesPerMessage', 'integer', '65000', { ...count(), ...instance('GetReport') }),
  ro('DeviceDataCtrlr', 'BytesPerMessage', 'integer', '65000', { ...count(), ...instance('GetVariables') }),
  ro('DeviceDataCtrlr', 'BytesPerMessage', 'integer', '65000', { ...count(), ...instance('SetVariables') }),
  ro('DeviceDataCtrlr', 'ItemsPerMessage', 'integer', '20', { ...count(), ...instance('GetReport') }),
  ro('DeviceDataCtrlr', 'ItemsPerMessage', 'integer', '50', { ...count(), ...instance('GetVariables') }),
  ro('DeviceDataCtrlr', 'ItemsPerMessage', 'integer', '50', { ...count(), ...instance('SetVariables') }),
  ro('DeviceDataCtrlr', 'ReportingValueSize', 'integer', '2500', count()),
  ro('DeviceDataCtrlr', 'ValueSize', 'integer', '1000', count()),
  // MonitoringCtrlr (N02–N08).
  rw('MonitoringCtrlr', 'Enabled', 'boolean', 'true'),
  available('MonitoringCtrlr'),
  ro('MonitoringCtrlr', 'ActiveMonitoringBase', 'OptionList', (p) => p.data.monitoringBase, {
    valuesList: 'All,FactoryDefault,HardWiredOnly',
  }),
  ro('MonitoringCtrlr', 'ActiveMonitoringLevel', 'integer', (p) => String(p.data.monitoringLevel), {
    minLimit: 0,
    maxLimit: 9,
  }),
  ro('MonitoringCtrlr', 'ItemsPerMessage', 'integer', '20', {
    ...count(),
    ...instance('SetVariableMonitoring'),
  }),
  ro('MonitoringCtrlr', 'ItemsPerMessage', 'integer', '20', {
    ...count(),
    ...instance('ClearVariableMonitoring'),
  }),
  // DisplayMessageCtrlr (O01–O06).
  rw('DisplayMessageCtrlr', 'Enabled', 'boolean', 'true'),
  available('DisplayMessageCtrlr'),
  ro(
    'DisplayMessageCtrlr',
    'DisplayMessages',
    'integer',
    (p) => String(p.data.displayMessages.length),
    count(10),
  ),
  ro('DisplayMessageCtrlr', 'SupportedFormats', 'MemberList', 'ASCII,UTF8,URI', {
    valuesList: 'ASCII,HTML,URI,UTF8,QRCODE',
  }),
  ro('DisplayMessageCtrlr', 'SupportedPriorities', 'MemberList', 'AlwaysFront,InFront,NormalCycle', {
    valuesList: 'AlwaysFront,InFront,NormalCycle',
  }),
  // ClockCtrlr: the virtual clock is the station's time.
  ro('ClockCtrlr', 'DateTime', 'dateTime', (p) => new Date(p.ctx.clock.now()).toISOString()),
  rw('ClockCtrlr', 'TimeSource', 'SequenceList', 'Heartbeat', {
    valuesList: 'Heartbeat,NTP,GPS,RealTimeClock,MobileNetwork,RadioTimeTransmitter',
  }),
  // TariffCostCtrlr (I01–I08; 2.1 tariffs).
  rw('TariffCostCtrlr', 'Enabled', 'boolean', 'true', instance('Tariff')),
  rw('TariffCostCtrlr', 'Enabled', 'boolean', 'true', instance('Cost')),
  rw('TariffCostCtrlr', 'Currency', 'string', 'EUR', { maxLimit: 3 }),
  ro('TariffCostCtrlr', 'MaxElements', 'integer', '10', { ...count(), ...instance('Tariff'), only21: true }),
  // DERCtrlr (2.1 DER control).
  { ...rw('DERCtrlr', 'Enabled', 'boolean', 'true'), only21: true },
  { ...available('DERCtrlr'), only21: true },
];
