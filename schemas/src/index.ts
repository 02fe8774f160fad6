/**
 * @ocpp-ws-io/schemas: validators and types for every OCPP 1.6 (+ security extension), 2.0.1 and
 * 2.1 action. Import a version module (`@ocpp-ws-io/schemas/ocpp2.0.1`) for its schemas; this
 * entry holds the version-independent API.
 */
import type { Actions as Ocpp16Actions } from './ocpp1.6.js';
import type { Actions as Ocpp201Actions } from './ocpp2.0.1.js';
import type { Actions as Ocpp21Actions } from './ocpp2.1.js';

export { defineValidators } from './define.js';
export type { CallSchemas, Check, Schema, SendSchemas } from './runtime.js';
export type {
  ActionSchemas,
  BaseIssue,
  GenericSchema,
  OCPPProtocol,
  ValidatorSet,
  Violation,
  ViolationKind,
} from './types.js';
export { classify, validate } from './validate.js';
export type { Ocpp16Actions, Ocpp21Actions, Ocpp201Actions };

/** Request/response payload types of every action, per protocol version. */
export interface ActionMap {
  'ocpp1.6': Ocpp16Actions;
  'ocpp2.0.1': Ocpp201Actions;
  'ocpp2.1': Ocpp21Actions;
}
