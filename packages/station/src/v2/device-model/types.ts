// The device model's vocabulary (2.0.1 Part 1 §4 / Part 2 B: components, variables, attributes,
// characteristics): what one variable is, where its value lives, and whether a value fits it.

import type { AttributeEnumType, DataEnumType, MutabilityEnumType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import type { StationModel } from '../../model/create.js';
import type { Ocpp2 } from '../profile.js';
import type { VariableRef } from '../state.js';

export type Attribute = AttributeEnumType;

/** One variable of one component, with its characteristics and rules. */
export interface VariableDef extends VariableRef {
  readonly dataType: DataEnumType;
  readonly unit?: string;
  /** Numbers: the smallest / largest value; strings: maxLimit is the longest length. */
  readonly minLimit?: number;
  readonly maxLimit?: number;
  /** OptionList / MemberList / SequenceList: the allowed members, comma-separated. */
  readonly valuesList?: string;
  readonly mutability: MutabilityEnumType;
  /** Kept across reboots (default true). */
  readonly persistent?: boolean;
  /** Never changes (vendor, model, hardware facts). */
  readonly constant?: boolean;
  /** A new value takes effect after a reboot only: SetVariables answers RebootRequired. */
  readonly rebootRequired?: boolean;
  /** The attributes the variable has (default: Actual only). */
  readonly attributes?: readonly Attribute[];
  /** The stored value of a fresh station, per attribute (Actual unless said). */
  readonly initial?: (model: StationModel, attribute: Attribute) => string;
  /** A value the station derives from its state rather than stores (read-only facts). */
  readonly read?: (p: Ocpp2, attribute: Attribute) => string;
  /** A check beyond data type, limits and list (e.g. no downgrade). */
  readonly accepts?: (value: string, p: Ocpp2) => boolean;
  /** Listed by a SummaryInventory report (availability and problems). */
  readonly summary?: boolean;
  /** Exists in OCPP 2.1 only. */
  readonly only21?: boolean;
}

/**
 * Where a variable's attribute is stored in StationState.config: readable keys such as
 * `OCPPCommCtrlr.HeartbeatInterval`, `DeviceDataCtrlr.ItemsPerMessage[GetReport]`,
 * `EVSE@1.Power:MaxSet` (component[instance]@evse/connector.variable[instance]:attribute).
 */
export function configKey(ref: VariableRef, attribute: Attribute = 'Actual'): string {
  const ci = ref.componentInstance ? `[${ref.componentInstance}]` : '';
  const at =
    ref.evseId === undefined
      ? ''
      : `@${ref.evseId}${ref.connectorId === undefined ? '' : `/${ref.connectorId}`}`;
  const vi = ref.variableInstance ? `[${ref.variableInstance}]` : '';
  const attr = attribute === 'Actual' ? '' : `:${attribute}`;
  return `${ref.component}${ci}${at}.${ref.variable}${vi}${attr}`;
}

const members = (list: string | undefined) => new Set((list ?? '').split(',').filter(Boolean));

/** Whether `value` fits the variable's data type, limits and values list (B05: else Rejected). */
export function fitsDefinition(def: VariableDef, value: string): boolean {
  const n = Number(value);
  const inLimits = (x: number) =>
    (def.minLimit === undefined || x >= def.minLimit) && (def.maxLimit === undefined || x <= def.maxLimit);
  switch (def.dataType) {
    case 'integer':
      return /^-?\d+$/.test(value) && inLimits(n);
    case 'decimal':
      return value.trim() !== '' && Number.isFinite(n) && inLimits(n);
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'dateTime':
      return !Number.isNaN(Date.parse(value));
    case 'OptionList':
      return members(def.valuesList).has(value);
    case 'MemberList':
    case 'SequenceList': {
      const allowed = members(def.valuesList);
      const items = value === '' ? [] : value.split(',').map((v) => v.trim());
      return items.every((v) => allowed.has(v)) && new Set(items).size === items.length;
    }
    default:
      return def.maxLimit === undefined || value.length <= def.maxLimit;
  }
}
