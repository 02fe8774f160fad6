// GetBaseReport (B07) and GetReport (B08): the CSMS gets Accepted (or EmptyResultSet), then the
// variables in NotifyReport messages of at most DeviceDataCtrlr ItemsPerMessage[GetReport] entries
// and about BytesPerMessage[GetReport] bytes each, numbered by seqNo from 0, tbc on all but the last.

import type {
  ComponentCriterionEnumType,
  ComponentVariableType,
  ReportBaseEnumType,
  ReportDataType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { numberKey } from '../../shared/config-values.js';
import type { Ocpp2 } from '../profile.js';
import { componentOf, variableOf } from './model.js';
import { configKey, type VariableDef } from './types.js';

/** One variable as NotifyReport carries it: every attribute (no value when write-only) and its characteristics. */
export function reportDataOf(p: Ocpp2, def: VariableDef): ReportDataType {
  const size = numberKey(p.ctx.state.config, 'DeviceDataCtrlr.ReportingValueSize') || 2500;
  return {
    component: componentOf(def),
    variable: variableOf(def),
    variableAttribute: (def.attributes ?? ['Actual']).map((type) => ({
      type,
      ...(def.mutability === 'WriteOnly' ? {} : { value: p.device.value(def, type).slice(0, size) }),
      mutability: def.mutability,
      persistent: def.persistent ?? true,
      constant: def.constant ?? false,
    })),
    variableCharacteristics: {
      dataType: def.dataType,
      supportsMonitoring: true,
      ...(def.unit ? { unit: def.unit } : {}),
      ...(def.minLimit !== undefined ? { minLimit: def.minLimit } : {}),
      ...(def.maxLimit !== undefined ? { maxLimit: def.maxLimit } : {}),
      ...(def.valuesList ? { valuesList: def.valuesList } : {}),
    },
  };
}

/** B07: which variables each base report holds. */
export function baseReportVariables(p: Ocpp2, base: ReportBaseEnumType): VariableDef[] {
  const all = p.device.variables;
  if (base === 'ConfigurationInventory') return all.filter((d) => d.mutability !== 'ReadOnly');
  if (base === 'SummaryInventory') return all.filter((d) => d.summary);
  return [...all];
}

/** Whether a report (or monitoring report) request selects `def`: fields the CSMS left out match anything. */
export function selects(def: VariableDef, wanted: ComponentVariableType): boolean {
  const c = wanted.component;
  if (def.component !== c.name) return false;
  if (c.instance !== undefined && def.componentInstance !== c.instance) return false;
  if (
    c.evse &&
    (def.evseId !== c.evse.id || (c.evse.connectorId !== undefined && def.connectorId !== c.evse.connectorId))
  )
    return false;
  const v = wanted.variable;
  return !v || (def.variable === v.name && (v.instance === undefined || def.variableInstance === v.instance));
}

const componentKey = (d: VariableDef) =>
  `${d.component}|${d.componentInstance ?? ''}|${d.evseId ?? ''}|${d.connectorId ?? ''}`;

/**
 * B08: the variables of the components named (or all), of components meeting every criterion
 * (a component is Active / Available / Enabled / Problem when it has that variable and it reads true).
 */
export function customReportVariables(
  p: Ocpp2,
  componentVariable: readonly ComponentVariableType[] | undefined,
  criteria: readonly ComponentCriterionEnumType[] | undefined,
): VariableDef[] {
  let chosen = p.device.variables.filter(
    (d) =>
      !componentVariable || componentVariable.length === 0 || componentVariable.some((w) => selects(d, w)),
  );
  if (criteria && criteria.length > 0) {
    const meets = new Set<string>();
    const byComponent = new Map<string, VariableDef[]>();
    for (const d of p.device.variables)
      byComponent.set(componentKey(d), [...(byComponent.get(componentKey(d)) ?? []), d]);
    for (const [key, defs] of byComponent) {
      const ok = criteria.every((criterion) =>
        defs.some((d) => d.variable === criterion && p.device.value(d) === 'true'),
      );
      if (ok) meets.add(key);
    }
    chosen = chosen.filter((d) => meets.has(componentKey(d)));
  }
  return chosen;
}

/** Splits report entries into messages by item count and (approximate JSON) size. */
export function parts<T>(items: readonly T[], maxItems: number, maxBytes: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length + 1;
    const full = (maxItems > 0 && current.length >= maxItems) || (maxBytes > 0 && bytes + size > maxBytes);
    if (current.length > 0 && full) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Sends the variables as NotifyReport parts (after the answer went out). */
export async function sendReport(p: Ocpp2, requestId: number, defs: readonly VariableDef[]): Promise<void> {
  const { config } = p.ctx.state;
  const items = numberKey(
    config,
    configKey({ component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', variableInstance: 'GetReport' }),
  );
  const bytes = numberKey(
    config,
    configKey({ component: 'DeviceDataCtrlr', variable: 'BytesPerMessage', variableInstance: 'GetReport' }),
  );
  const generatedAt = new Date(p.ctx.clock.now()).toISOString();
  // Read every value now: the report is a picture of one moment, however many messages it takes.
  const chunks = parts(
    defs.map((d) => reportDataOf(p, d)),
    items,
    bytes,
  );
  for (const [seqNo, reportData] of chunks.entries()) {
    await p.send(
      'NotifyReport',
      { requestId, generatedAt, seqNo, reportData, ...(seqNo < chunks.length - 1 ? { tbc: true } : {}) },
      { requested: true },
    );
  }
}
