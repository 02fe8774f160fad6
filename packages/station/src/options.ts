/**
 * A DataTransfer the CSMS sent (the fields every OCPP version has).
 *
 * @example
 * ```ts
 * const dataTransfer = ({ vendorId, data }: IncomingDataTransfer) => ({ status: 'Accepted' as const, data: String(data) });
 * ```
 */
export interface IncomingDataTransfer {
  readonly vendorId: string;
  readonly messageId?: string | undefined;
  readonly data?: unknown;
}

/**
 * The station's answer to a DataTransfer.
 *
 * @example
 * ```ts
 * const answer: DataTransferAnswer = { status: 'UnknownMessageId' };
 * ```
 */
export interface DataTransferAnswer {
  readonly status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId';
  readonly data?: string;
}

/**
 * Behaviour knobs of a virtual station that are not part of its hardware.
 *
 * @example
 * ```ts
 * new VirtualStation({ client, vendor: 'Acme', model: 'X1', operationStepS: 2, config: { MeterValueSampleInterval: '30' } });
 * ```
 */
export interface StationBehaviour {
  /**
   * Answers the CSMS's DataTransfer. Default: `UnknownVendorId` for every vendor (OCPP 1.6 §4.3:
   * no implementation for that vendorId).
   */
  readonly dataTransfer?: (request: IncomingDataTransfer) => DataTransferAnswer | Promise<DataTransferAnswer>;
  /** Virtual seconds a simulated download, upload, installation or reboot step takes (default 10). */
  readonly operationStepS?: number;
  /** Virtual seconds between physics steps while energy flows (default 5). */
  readonly physicsStepS?: number;
  /** Simulated downloads and uploads to a location containing this text fail (to test failure paths). */
  readonly failLocationsContaining?: string;
  /** Subject of the certificate signing request (default CN = identity, O = CpoName). */
  readonly csrSubject?: { readonly commonName?: string; readonly organization?: string };
  /**
   * Push critical security events (1.6 security whitepaper §8, A04: StartupOfTheDevice,
   * ResetOrReboot, FirmwareUpdated) with SecurityEventNotification. Default true; turn it off
   * for a CSMS without the security extension.
   */
  readonly securityEvents?: boolean;
  /** Initial configuration values (a fresh station only; persisted ones win). */
  readonly config?: Readonly<Record<string, string>>;
}
