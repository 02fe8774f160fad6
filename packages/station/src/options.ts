/** A DataTransfer the CSMS sent (the fields every OCPP version has). */
export interface IncomingDataTransfer {
  readonly vendorId: string;
  readonly messageId?: string | undefined;
  readonly data?: unknown;
}

/** The station's answer to a DataTransfer. */
export interface DataTransferAnswer {
  readonly status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId';
  readonly data?: string;
}

/** Behaviour knobs of a virtual station that are not part of its hardware. */
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
  /** Initial configuration values (a fresh station only; persisted ones win). */
  readonly config?: Readonly<Record<string, string>>;
}
