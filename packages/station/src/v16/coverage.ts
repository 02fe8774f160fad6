import type { CoverageEntry } from '../profile.js';

/**
 * What the 1.6 station does for each CSMS-initiated action (OCPP 1.6 edition 2 + the security
 * extension). Checked against the schemas' action list by the tests; docs/guides/station-coverage.md
 * is generated from it.
 */
export const COVERAGE_16: readonly CoverageEntry[] = [
  {
    action: 'CancelReservation',
    clause: 'OCPP 1.6 §5.1',
    behaviour:
      'Removes the reservation with that id (connector or station-wide) and reports the connector Available; Rejected for an unknown id.',
  },
  {
    action: 'CertificateSigned',
    clause: 'Security whitepaper A02/A03',
    behaviour:
      'Accepted when the chain parses as X.509 and answers a SignCertificate of this station; it becomes the station certificate. Otherwise Rejected.',
  },
  {
    action: 'ChangeAvailability',
    clause: 'OCPP 1.6 §5.2',
    behaviour:
      'Sets a connector (or, with 0, the station) Operative/Inoperative and reports the status; Scheduled while a transaction runs, applied when it ends.',
  },
  {
    action: 'ChangeConfiguration',
    clause: 'OCPP 1.6 §5.3',
    behaviour:
      'Validates and stores the key: Accepted, RebootRequired (SecurityProfile, AuthorizationKey, WebSocketPingInterval), Rejected (read-only or invalid), NotSupported (unknown).',
  },
  { action: 'ClearCache', clause: 'OCPP 1.6 §5.4', behaviour: 'Empties the Authorization Cache; Accepted.' },
  {
    action: 'ClearChargingProfile',
    clause: 'OCPP 1.6 §5.5',
    behaviour:
      'Removes the profiles matching id, or connector/purpose/stack level; Accepted if any matched, else Unknown; power follows the new limit.',
  },
  {
    action: 'DataTransfer',
    clause: 'OCPP 1.6 §5.6, §4.3',
    behaviour: 'Answers with the dataTransfer option; UnknownVendorId when none is configured.',
  },
  {
    action: 'DeleteCertificate',
    clause: 'Security whitepaper M04',
    behaviour:
      "Deletes the installed root certificate with that hash data; Accepted, NotFound, or Failed for the station's own certificate.",
  },
  {
    action: 'ExtendedTriggerMessage',
    clause: 'Security whitepaper F06',
    behaviour:
      'Accepted, then sends BootNotification, Heartbeat, StatusNotification, MeterValues, SignedFirmwareStatusNotification, LogStatusNotification or SignCertificate (new WebCrypto key and CSR); Rejected for a connector the station lacks.',
  },
  {
    action: 'GetCompositeSchedule',
    clause: 'OCPP 1.6 §5.7',
    behaviour:
      'Computes the composite schedule of the connector (0: station) from the installed profiles, capped by the hardware limit, in the unit asked (default W).',
  },
  {
    action: 'GetConfiguration',
    clause: 'OCPP 1.6 §5.8',
    behaviour:
      'Lists the requested (or all) keys with readonly flags; unknown keys in unknownKey; write-only AuthorizationKey without its value.',
  },
  {
    action: 'GetDiagnostics',
    clause: 'OCPP 1.6 §5.9',
    behaviour:
      'Answers a fileName, then DiagnosticsStatusNotification Uploading → Uploaded (or UploadFailed) on the virtual clock.',
  },
  {
    action: 'GetInstalledCertificateIds',
    clause: 'Security whitepaper M03',
    behaviour: 'Lists the hash data of installed certificates of that type; NotFound when there are none.',
  },
  {
    action: 'GetLocalListVersion',
    clause: 'OCPP 1.6 §5.10',
    behaviour:
      'Answers the Local Authorization List version (0: empty; -1 when LocalAuthListEnabled is false).',
  },
  {
    action: 'GetLog',
    clause: 'Security whitepaper N01',
    behaviour:
      'Accepted (AcceptedCanceled when replacing an upload) with a filename, then LogStatusNotification Uploading → Uploaded (or UploadFailure) with the requestId.',
  },
  {
    action: 'InstallCertificate',
    clause: 'Security whitepaper M05',
    behaviour:
      'Parses the PEM certificate, stores it with its SHA-256 hash data; Rejected if it does not parse, Failed when the store is full.',
  },
  {
    action: 'RemoteStartTransaction',
    clause: 'OCPP 1.6 §5.11',
    behaviour:
      'Accepted on a usable connector once booted (Rejected while Pending); authorizes first if AuthorizeRemoteTxRequests, installs a TxProfile chargingProfile, starts when the cable is in (else waits ConnectionTimeOut).',
  },
  {
    action: 'RemoteStopTransaction',
    clause: 'OCPP 1.6 §5.12',
    behaviour: 'Accepted for a running transaction id and stops it with reason Remote; Rejected otherwise.',
  },
  {
    action: 'ReserveNow',
    clause: 'OCPP 1.6 §5.13',
    behaviour:
      'Reserves the connector (0: the station) until expiryDate and reports Reserved; Occupied, Faulted, Unavailable or Rejected per its state; same id replaces.',
  },
  {
    action: 'Reset',
    clause: 'OCPP 1.6 §5.14',
    behaviour:
      'Accepted, stops transactions with reason SoftReset/HardReset (durably queued), closes and reopens the connection and boots again.',
  },
  {
    action: 'SendLocalList',
    clause: 'OCPP 1.6 §5.15',
    behaviour:
      'Full replaces, Differential updates/removes entries and sets the version; VersionMismatch for a Differential version ≤ current, Failed over SendLocalListMaxLength.',
  },
  {
    action: 'SetChargingProfile',
    clause: 'OCPP 1.6 §5.16',
    behaviour:
      'Installs the profile (ChargePointMax on 0 only, TxProfile only with a matching transaction, stack level and periods within limits); power drawn follows the limit in force.',
  },
  {
    action: 'SignedUpdateFirmware',
    clause: 'Security whitepaper L01',
    behaviour:
      'Accepted (InvalidCertificate without a PEM signing certificate), then SignedFirmwareStatusNotification Downloading → Downloaded → SignatureVerified → Installing → InstallRebooting, reboot, Installed.',
  },
  {
    action: 'TriggerMessage',
    clause: 'OCPP 1.6 §5.17',
    behaviour:
      'Accepted, then sends BootNotification, DiagnosticsStatusNotification, FirmwareStatusNotification, Heartbeat, MeterValues or StatusNotification (also while Pending); Rejected for an unknown connector.',
  },
  {
    action: 'UnlockConnector',
    clause: 'OCPP 1.6 §5.18',
    behaviour:
      'Stops a running transaction with reason UnlockCommand and answers Unlocked; NotSupported for a connector the station lacks.',
  },
  {
    action: 'UpdateFirmware',
    clause: 'OCPP 1.6 §5.19',
    behaviour:
      'At retrieveDate: FirmwareStatusNotification Downloading → Downloaded (or DownloadFailed) → Installing once no transaction runs, reboot, Installed.',
  },
];
