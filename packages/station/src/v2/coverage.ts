import type { CoverageEntry } from '../profile.js';

/** One row for both versions: the use case id(s) and what the station does. */
interface Row {
  readonly action: string;
  readonly useCase: string;
  readonly behaviour: string;
  /** What 2.1 does differently, if anything. */
  readonly behaviour21?: string;
}

/** The CSMS-initiated actions 2.0.1 and 2.1 share. */
const SHARED: readonly Row[] = [
  {
    action: 'CancelReservation',
    useCase: 'H02',
    behaviour:
      'Removes the reservation with that id (EVSE or any-EVSE) and reports the connector Available; Rejected for an unknown id.',
  },
  {
    action: 'CertificateSigned',
    useCase: 'A02/A03',
    behaviour:
      "Accepted when the chain parses as X.509 and answers a SignCertificate of this station (of that certificateType, or a combined one); it becomes the station's certificate of that type. Otherwise Rejected.",
  },
  {
    action: 'ChangeAvailability',
    useCase: 'G03/G04',
    behaviour:
      'Sets an EVSE/connector (or, without evse, the station) Operative/Inoperative and reports StatusNotification; Scheduled while a transaction runs there, applied when it ends; Inoperative gives up reservations (ReservationStatusUpdate Removed); Rejected for an unknown EVSE or connector.',
  },
  {
    action: 'ClearCache',
    useCase: 'C11',
    behaviour: 'Empties the authorization cache; Rejected when AuthCacheCtrlr.Enabled is false.',
  },
  {
    action: 'ClearChargingProfile',
    useCase: 'K10',
    behaviour:
      'Removes the profiles matching chargingProfileId, or EVSE/purpose/stack level (those set by the CSMS only); Accepted if any matched, else Unknown; power follows the new limit.',
  },
  {
    action: 'ClearDisplayMessage',
    useCase: 'O05',
    behaviour: 'Removes the display message with that id; Accepted, or Unknown.',
  },
  {
    action: 'ClearVariableMonitoring',
    useCase: 'N06',
    behaviour:
      'Per id: Accepted (removed), NotFound, or Rejected for the hard-wired monitor; CALLERROR OccurrenceConstraintViolation over MonitoringCtrlr.ItemsPerMessage[ClearVariableMonitoring].',
    behaviour21:
      'Per id: Accepted (removed; a monitor with a periodic event stream closes it with ClosePeriodicEventStream), NotFound, or Rejected for the hard-wired monitor.',
  },
  {
    action: 'CostUpdated',
    useCase: 'I02',
    behaviour: "Keeps the total cost with the transaction's record (readOcpp2State); answers {}.",
  },
  {
    action: 'CustomerInformation',
    useCase: 'N09/N10',
    behaviour:
      'Invalid unless exactly one of idToken, customerCertificate, customerIdentifier; else Accepted, then NotifyCustomerInformation parts (512 characters, seqNo, tbc) with the cache/local-list entries and transactions of that token; clear removes its cache entry.',
  },
  {
    action: 'DataTransfer',
    useCase: 'P01',
    behaviour: 'Answers with the dataTransfer option; UnknownVendorId when none is configured.',
  },
  {
    action: 'DeleteCertificate',
    useCase: 'M04',
    behaviour:
      "Deletes the installed certificate with that hash data; Accepted, NotFound, or Failed for the station's own certificate.",
  },
  {
    action: 'GetBaseReport',
    useCase: 'B07',
    behaviour:
      'Accepted, then NotifyReport parts (seqNo from 0, tbc on all but the last) of at most DeviceDataCtrlr.ItemsPerMessage[GetReport] variables and BytesPerMessage[GetReport] bytes: FullInventory every variable, ConfigurationInventory the writable ones, SummaryInventory availability and problems; write-only values left out.',
  },
  {
    action: 'GetChargingProfiles',
    useCase: 'K09',
    behaviour:
      'Accepted and ReportChargingProfiles per EVSE and limit source (tbc) for the matching profiles, or NoProfiles.',
  },
  {
    action: 'GetCompositeSchedule',
    useCase: 'K08',
    behaviour:
      'The composite schedule of the EVSE (0: station) from the installed profiles, capped by the hardware, in the unit asked (default W); Rejected for an unknown EVSE or a unit not in SmartChargingCtrlr.RateUnit.',
  },
  {
    action: 'GetDisplayMessages',
    useCase: 'O03/O04',
    behaviour:
      'Accepted and NotifyDisplayMessages (tbc) with the messages matching id/priority/state, or Unknown when none do.',
  },
  {
    action: 'GetInstalledCertificateIds',
    useCase: 'M03',
    behaviour:
      'Accepted with certificateHashDataChain of the installed certificates of the types asked (all when none), or NotFound.',
  },
  {
    action: 'GetLocalListVersion',
    useCase: 'D02',
    behaviour: 'The local list version (0: never sent, or LocalAuthListCtrlr disabled).',
  },
  {
    action: 'GetLog',
    useCase: 'N01',
    behaviour:
      'Accepted (AcceptedCanceled when it replaces an upload) with a filename, then LogStatusNotification Uploading → Uploaded (or UploadFailure) with the requestId on the virtual clock.',
  },
  {
    action: 'GetMonitoringReport',
    useCase: 'N02',
    behaviour:
      'Accepted and NotifyMonitoringReport parts (seqNo, tbc) of the monitors matching the criteria and components, or EmptyResultSet.',
  },
  {
    action: 'GetReport',
    useCase: 'B08',
    behaviour:
      'Accepted, then NotifyReport parts (as GetBaseReport) of the components/variables asked that meet every componentCriteria (Active/Available/Enabled/Problem read true); EmptyResultSet when nothing matches.',
  },
  {
    action: 'GetTransactionStatus',
    useCase: 'E14',
    behaviour:
      "ongoingIndicator for the transaction id given, and messagesInQueue: whether its TransactionEvents (any transaction's, without id) wait for the boot or for the CSMS's answer in the durable queue.",
  },
  {
    action: 'GetVariables',
    useCase: 'B06',
    behaviour:
      'Per entry: Accepted with the value (truncated to ReportingValueSize), UnknownComponent, UnknownVariable, NotSupportedAttributeType, or Rejected for a write-only variable; CALLERROR OccurrenceConstraintViolation over ItemsPerMessage[GetVariables].',
  },
  {
    action: 'InstallCertificate',
    useCase: 'M05',
    behaviour:
      'Parses the PEM certificate and stores it with its SHA-256 hash data; Rejected if it does not parse, Failed when the store is full.',
  },
  {
    action: 'PublishFirmware',
    useCase: 'L03',
    behaviour:
      'Accepted, then PublishFirmwareStatusNotification Downloading → Downloaded → ChecksumVerified → Published with the local location (DownloadFailed for a failing location).',
  },
  {
    action: 'RequestStartTransaction',
    useCase: 'F01/F02',
    behaviour:
      'Accepted on a usable EVSE once booted (Rejected while Pending, busy, faulted, reserved for another token, or with a non-TxProfile profile); authorizes first if AuthCtrlr.AuthorizeRemoteStart; the transaction starts at TxStartPoint (Started, triggerReason RemoteStart, remoteStartId), its TxProfile installed bound to it; a transaction waiting for a token is authorized and its id answered.',
  },
  {
    action: 'RequestStopTransaction',
    useCase: 'F03',
    behaviour:
      'Accepted for a running transaction id and ends it (Ended, RemoteStop, stoppedReason Remote); Rejected otherwise.',
  },
  {
    action: 'ReserveNow',
    useCase: 'H01/H04',
    behaviour:
      'Reserves the EVSE (no evseId: the last free one) until expiryDateTime and reports Reserved; Occupied, Faulted, Unavailable or Rejected (unknown EVSE, other connector type, past expiry) per its state; the same id replaces; at expiry ReservationStatusUpdate Expired.',
  },
  {
    action: 'Reset',
    useCase: 'B11/B12',
    behaviour:
      'Immediate: transactions end (ImmediateReset, durably queued), the station reboots and boots with reason RemoteReset; OnIdle while transactions run: Scheduled, done when the last ends; with evseId only that EVSE resets (its transaction ends).',
    behaviour21:
      'Immediate: transactions end (ImmediateReset), the station reboots and boots with RemoteReset; ImmediateAndResume: reboots and resumes them (Updated, TxResumed); OnIdle while transactions run: Scheduled; with evseId only that EVSE resets.',
  },
  {
    action: 'SendLocalList',
    useCase: 'D01',
    behaviour:
      'Full replaces, Differential sets/removes entries and sets versionNumber; VersionMismatch for a Differential version ≤ current; Failed when disabled or over LocalAuthListCtrlr.ItemsPerMessage.',
  },
  {
    action: 'SetChargingProfile',
    useCase: 'K01',
    behaviour:
      'Installs the profile under the K01 rules (station-wide purposes on EVSE 0, TxProfile for a running transaction, SmartChargingCtrlr stack level, periods, rate units); Rejected with statusInfo reasonCode otherwise; power follows, a running transaction reports ChargingRateChanged beyond LimitChangeSignificance.',
  },
  {
    action: 'SetDisplayMessage',
    useCase: 'O01/O02',
    behaviour:
      'Stores the message (same id replaces); NotSupportedMessageFormat / NotSupportedPriority outside DisplayMessageCtrlr, UnknownTransaction for a transaction not running, Rejected when full or disabled; a message ends at endDateTime or with its transaction.',
  },
  {
    action: 'SetMonitoringBase',
    useCase: 'N03',
    behaviour:
      "Accepted: All restores the factory monitors and keeps the CSMS's, FactoryDefault keeps only the factory ones, HardWiredOnly only the hard-wired one.",
  },
  {
    action: 'SetMonitoringLevel',
    useCase: 'N05',
    behaviour:
      'Accepted for 0..9: monitors of a higher severity number no longer report events; Rejected otherwise.',
  },
  {
    action: 'SetNetworkProfile',
    useCase: 'B09',
    behaviour:
      'Stores the profile in the slot (SecurityEventNotification ReconfigurationOfSecurityParameters); Rejected for a slot outside NetworkConfigurationPriority, the active slot, or a lower security profile.',
  },
  {
    action: 'SetVariableMonitoring',
    useCase: 'N04',
    behaviour:
      'Per monitor: Accepted with an id (thresholds on numbers, Delta on anything, Periodic/PeriodicClockAligned), UnknownComponent/UnknownVariable, UnsupportedMonitorType, Duplicate, Rejected; monitors then send NotifyEvent when a value crosses a threshold, moves by the delta, or on their period.',
    behaviour21:
      'As in 2.0.1; a monitor with periodicEventStream opens a stream (OpenPeriodicEventStream) and sends its values by NotifyPeriodicEventStream instead of NotifyEvent.',
  },
  {
    action: 'SetVariables',
    useCase: 'B05',
    behaviour:
      'Per entry: Accepted (timers follow at once), RebootRequired (e.g. WebSocketPingInterval), Rejected (read-only, wrong type/limits/list, longer than ValueSize), UnknownComponent, UnknownVariable, NotSupportedAttributeType; CALLERROR over ItemsPerMessage[SetVariables].',
  },
  {
    action: 'TriggerMessage',
    useCase: 'F06',
    behaviour:
      'Accepted, then BootNotification (Rejected once accepted), Heartbeat, StatusNotification, MeterValues, TransactionEvent (Rejected without a transaction), Firmware/Log/PublishFirmware status, or SignCertificate (ChargingStation, V2G or combined CSR by WebCrypto); Rejected for an unknown EVSE/connector.',
    behaviour21:
      'As in 2.0.1, plus SignV2G20Certificate; CustomTrigger answers NotImplemented (the station defines none).',
  },
  {
    action: 'UnlockConnector',
    useCase: 'F05',
    behaviour:
      'OngoingAuthorizedTransaction while an authorized transaction runs; otherwise Unlocked (a transaction still waiting for its token ends); UnknownConnector for one the station lacks.',
  },
  {
    action: 'UnpublishFirmware',
    useCase: 'L04',
    behaviour:
      'Unpublished for the published checksum, DownloadOngoing while it downloads, NoFirmware otherwise.',
  },
  {
    action: 'UpdateFirmware',
    useCase: 'L01/L02',
    behaviour:
      'Accepted (AcceptedCanceled replacing one, InvalidCertificate for a non-PEM signing certificate), then FirmwareStatusNotification with requestId: DownloadScheduled → Downloading → Downloaded → SignatureVerified → InstallScheduled → Installing once no transaction runs → InstallRebooting, reboot (FirmwareUpdate), Installed, SecurityEventNotification FirmwareUpdated.',
  },
];

/** The CSMS-initiated actions only 2.1 has. */
const ONLY_21: readonly Row[] = [
  {
    action: 'AFRRSignal',
    useCase: 'Q (bidirectional, aFRR)',
    behaviour:
      'Accepted and kept when an installed profile follows a v2xSignalWattCurve; Rejected (NoAFRRProfile) otherwise.',
  },
  {
    action: 'AdjustPeriodicEventStream',
    useCase: 'N (periodic event streams)',
    behaviour: 'New interval/values for an open stream (its timer follows); Rejected for an unknown stream.',
  },
  {
    action: 'ChangeTransactionTariff',
    useCase: 'I (tariffs)',
    behaviour:
      "Replaces the running transaction's tariff and sends Updated (TariffChanged, tariffId); TxNotFound, NoCurrencyChange for another currency, TooManyElements over TariffCostCtrlr.MaxElements.",
  },
  {
    action: 'ClearDERControl',
    useCase: 'R (DER control)',
    behaviour:
      'Removes the default/scheduled controls matching type and id (outranked ones apply again); Accepted, or NotFound.',
  },
  {
    action: 'ClearTariffs',
    useCase: 'I (tariffs)',
    behaviour:
      'Per tariffId (or all) at the EVSE (or everywhere): Accepted when removed, NoTariff otherwise.',
  },
  {
    action: 'GetDERControl',
    useCase: 'R (DER control)',
    behaviour:
      'Accepted and ReportDERControl with the matching controls (isSuperseded per priority), or NotFound.',
  },
  {
    action: 'GetPeriodicEventStream',
    useCase: 'N (periodic event streams)',
    behaviour: 'The open streams (id, params, variableMonitoringId); none: an empty answer.',
  },
  {
    action: 'GetTariffs',
    useCase: 'I (tariffs)',
    behaviour:
      'Accepted with the default tariffs of the EVSE (0: all) and the driver tariffs of running transactions, NoTariff when none, Rejected for an unknown EVSE.',
  },
  {
    action: 'NotifyAllowedEnergyTransfer',
    useCase: 'Q (bidirectional)',
    behaviour:
      'Keeps the allowed modes with the transaction; Accepted when an AC mode the EVSE has is allowed, else Rejected; Rejected (TxNotFound) without the transaction.',
  },
  {
    action: 'NotifyWebPaymentStarted',
    useCase: 'C (web payment)',
    behaviour:
      'The EVSE waits `timeout` seconds for the RequestStartTransaction (kept in readOcpp2State.webPayments); answers {}.',
  },
  {
    action: 'RequestBatterySwap',
    useCase: 'battery swap',
    behaviour: 'Rejected (NoBatterySwap): the virtual station has no battery swap equipment.',
  },
  {
    action: 'SetDERControl',
    useCase: 'R (DER control)',
    behaviour:
      'Stores the control (same id or type default replaced) and answers supersededIds of scheduled controls it outranks; Rejected without the settings its type needs or with DERCtrlr disabled.',
  },
  {
    action: 'SetDefaultTariff',
    useCase: 'I (tariffs)',
    behaviour:
      'The tariff becomes the EVSE’s (0: every EVSE’s) default, reported by GetTariffs and kept by transactions starting there; DuplicateTariffId for another tariff under that id, TooManyElements, Rejected for an unknown EVSE.',
  },
  {
    action: 'UpdateDynamicSchedule',
    useCase: 'K (dynamic profiles)',
    behaviour:
      'Sets the new limit (and setpoints) of a Dynamic profile and applies it; Rejected for an unknown or non-Dynamic profile.',
  },
  {
    action: 'UsePriorityCharging',
    useCase: 'K (priority charging)',
    behaviour:
      'Turns priority charging on/off for the transaction: GetCompositeSchedule then uses its PriorityCharging profile (the simulated power keeps to the regular limit); NoProfile without one, Rejected for no transaction.',
  },
];

const entries = (version: '2.0.1' | '2.1', rows: readonly Row[]): CoverageEntry[] =>
  rows.map((r) => ({
    action: r.action,
    clause: `OCPP ${version} ${r.useCase}`,
    behaviour: version === '2.1' ? (r.behaviour21 ?? r.behaviour) : r.behaviour,
  }));

/**
 * What the 2.0.1 station does for each CSMS-initiated action, by Part 2 use case. Checked against
 * the schemas' action list by the tests; docs/guides/station-coverage.md is generated from it.
 */
export const COVERAGE_201: readonly CoverageEntry[] = entries('2.0.1', SHARED);

/**
 * The same for 2.1: the shared actions (2.1 keeps their 2.0.1 use-case ids) and those only 2.1
 * has, cited by the functional block they belong to.
 */
export const COVERAGE_21: readonly CoverageEntry[] = [...entries('2.1', SHARED), ...entries('2.1', ONLY_21)];
