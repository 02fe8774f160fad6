import type { BaseIssue, GenericSchema } from 'valibot';

/** WebSocket subprotocol names of the OCPP-J versions we speak. */
export type OCPPProtocol = 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';

/** The validators of one action: its request and (unless it is a 2.1 SEND) its response. */
export interface ActionSchemas {
  readonly request: GenericSchema;
  /** Absent for SEND actions (OCPP 2.1 `[6,…]` frames), which have no response. */
  readonly response?: GenericSchema | undefined;
  /** True for actions carried by a SEND frame (2.1 `NotifyPeriodicEventStream`). */
  readonly send?: true | undefined;
}

/**
 * The action vocabulary of one protocol version, as the engine sees it: an action that is not in
 * the set is unknown to the connection (NotImplemented inbound, an exception outbound).
 */
export interface ValidatorSet<TProtocol extends OCPPProtocol = OCPPProtocol> {
  readonly protocol: TProtocol;
  readonly actions: Readonly<Record<string, ActionSchemas>>;
  /**
   * The validation function the engine runs on these schemas ({@link validate}). It travels with
   * the set so that a connection without validators bundles no validation code.
   */
  readonly validate: (schema: GenericSchema, value: unknown) => Violation | undefined;
}

/**
 * What kind of schema rule a payload broke. The engine maps a kind to the error code each OCPP
 * version defines for it (see the strict-mode table in the docs).
 */
export type ViolationKind =
  /** The payload is not a JSON object at all. */
  | 'payload'
  /** A required property is missing. */
  | 'required'
  /** A property the schema does not define is present (strict objects). */
  | 'additional'
  /** Wrong JSON type, including a non-integer where an integer is required. */
  | 'type'
  /** A string outside its enumeration. */
  | 'enum'
  /** A string longer (or shorter) than allowed. */
  | 'length'
  /** A number below minimum / above maximum, or not a multiple of `multipleOf`. */
  | 'range'
  /** A string that breaks its `format` (RFC 3339 date-time) or pattern. */
  | 'format'
  /** An array with too few or too many items. */
  | 'items';

/** One schema violation, ready to be turned into an OCPP error. */
export interface Violation {
  readonly kind: ViolationKind;
  /** JSON-pointer-like path of the offending value, e.g. `/meterValue/0/timestamp`. */
  readonly path: string;
  /** What is wrong, without the path (e.g. `expected string, received 12`). */
  readonly message: string;
}

export type { BaseIssue, GenericSchema };
