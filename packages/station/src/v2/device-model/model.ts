// The device model of the virtual station: every variable it has, where each value comes from,
// and GetVariables / SetVariables (B05, B06) with their per-variable statuses.

import type {
  ComponentType,
  GetVariableDataType,
  GetVariableResultType,
  SetVariableDataType,
  SetVariableResultType,
  VariableType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { numberKey } from '../../shared/config-values.js';
import type { Ocpp2 } from '../profile.js';
import type { VariableRef } from '../state.js';
import { CONTROLLERS } from './controllers.js';
import { hardwareVariables } from './hardware.js';
import { type Attribute, configKey, fitsDefinition, type VariableDef } from './types.js';

/** What looking a component and variable up found. */
export type Lookup = VariableDef | 'UnknownComponent' | 'UnknownVariable';

const sameInstance = (a: string | undefined, b: string | undefined) => (a ?? '') === (b ?? '');

/** Whether `def` belongs to the component a CSMS named (name, instance, EVSE and connector). */
export function isComponent(def: VariableDef, component: ComponentType): boolean {
  if (def.component !== component.name || !sameInstance(def.componentInstance, component.instance))
    return false;
  const evse = component.evse;
  if (!evse) return def.evseId === undefined;
  return def.evseId === evse.id && def.connectorId === evse.connectorId;
}

/** The wire shape of a definition's component. */
export function componentOf(def: VariableRef): ComponentType {
  return {
    name: def.component,
    ...(def.componentInstance ? { instance: def.componentInstance } : {}),
    ...(def.evseId !== undefined
      ? {
          evse: {
            id: def.evseId,
            ...(def.connectorId !== undefined ? { connectorId: def.connectorId } : {}),
          },
        }
      : {}),
  };
}

/** The wire shape of a definition's variable. */
export function variableOf(def: VariableRef): VariableType {
  return { name: def.variable, ...(def.variableInstance ? { instance: def.variableInstance } : {}) };
}

export class DeviceModel {
  readonly variables: readonly VariableDef[];

  constructor(private readonly p: Ocpp2) {
    const all = [...CONTROLLERS, ...hardwareVariables(p.ctx.state.connectors.length)];
    this.variables = all.filter((d) => !d.only21 || p.protocol === 'ocpp2.1');
  }

  /** Stores every stored variable's initial value where the state has none yet. */
  seed(): void {
    const { config } = this.p.ctx.state;
    for (const d of this.variables) {
      if (d.read || !d.initial) continue;
      for (const attribute of d.attributes ?? ['Actual']) {
        const key = configKey(d, attribute);
        if (config[key] === undefined) config[key] = d.initial(this.p.ctx.model, attribute);
      }
    }
  }

  /** The definition a CSMS names, or why there is none. */
  find(component: ComponentType, variable: VariableType): Lookup {
    const ofComponent = this.variables.filter((d) => isComponent(d, component));
    if (ofComponent.length === 0) return 'UnknownComponent';
    return (
      ofComponent.find(
        (d) => d.variable === variable.name && sameInstance(d.variableInstance, variable.instance),
      ) ?? 'UnknownVariable'
    );
  }

  /** The value of one attribute, read from the state or from storage. */
  value(def: VariableDef, attribute: Attribute = 'Actual'): string {
    if (def.read) return def.read(this.p, attribute);
    return this.p.ctx.state.config[configKey(def, attribute)] ?? '';
  }

  /** A configuration value by its reference (for the profile's own reading). */
  setting(component: string, variable: string, variableInstance?: string): string {
    return (
      this.p.ctx.state.config[
        configKey({ component, variable, ...(variableInstance ? { variableInstance } : {}) })
      ] ?? ''
    );
  }

  /** B06: one GetVariables entry. Write-only values are never read out (Rejected). */
  get(data: GetVariableDataType): GetVariableResultType {
    const attributeType = data.attributeType ?? 'Actual';
    const base = {
      component: data.component,
      variable: data.variable,
      ...(data.attributeType ? { attributeType: data.attributeType } : {}),
    };
    const def = this.find(data.component, data.variable);
    if (typeof def === 'string') return { ...base, attributeStatus: def };
    if (!(def.attributes ?? ['Actual']).includes(attributeType))
      return { ...base, attributeStatus: 'NotSupportedAttributeType' };
    if (def.mutability === 'WriteOnly') return { ...base, attributeStatus: 'Rejected' };
    const size = numberKey(this.p.ctx.state.config, configKey(REPORTING_VALUE_SIZE));
    const value = this.value(def, attributeType);
    return { ...base, attributeStatus: 'Accepted', attributeValue: size > 0 ? value.slice(0, size) : value };
  }

  /**
   * B05: one SetVariables entry. ReadOnly variables and values that do not fit the variable's
   * type, limits, list or ValueSize are Rejected; a variable that needs a reboot answers
   * RebootRequired (its value is stored and reported at once).
   */
  set(data: SetVariableDataType): { result: SetVariableResultType; changed?: VariableDef } {
    const attributeType = data.attributeType ?? 'Actual';
    const base = {
      component: data.component,
      variable: data.variable,
      ...(data.attributeType ? { attributeType: data.attributeType } : {}),
    };
    const def = this.find(data.component, data.variable);
    if (typeof def === 'string') return { result: { ...base, attributeStatus: def } };
    if (!(def.attributes ?? ['Actual']).includes(attributeType))
      return { result: { ...base, attributeStatus: 'NotSupportedAttributeType' } };
    const { config } = this.p.ctx.state;
    const valueSize = numberKey(config, configKey(VALUE_SIZE));
    const value = data.attributeValue;
    const fits =
      def.mutability !== 'ReadOnly' &&
      !def.read &&
      (valueSize <= 0 || value.length <= valueSize) &&
      fitsDefinition(def, value) &&
      (def.accepts?.(value, this.p) ?? true);
    if (!fits) return { result: { ...base, attributeStatus: 'Rejected' } };
    config[configKey(def, attributeType)] = value;
    return {
      result: { ...base, attributeStatus: def.rebootRequired ? 'RebootRequired' : 'Accepted' },
      changed: def,
    };
  }
}

const REPORTING_VALUE_SIZE = { component: 'DeviceDataCtrlr', variable: 'ReportingValueSize' } as const;
const VALUE_SIZE = { component: 'DeviceDataCtrlr', variable: 'ValueSize' } as const;
