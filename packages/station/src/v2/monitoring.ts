// Variable monitoring (N02–N08): SetVariableMonitoring (N04), ClearVariableMonitoring (N06),
// SetMonitoringBase, SetMonitoringLevel and GetMonitoringReport → NotifyMonitoringReport. The
// station comes with a hard-wired monitor on its Problem flag and preconfigured ones on each
// EVSE's; monitors the CSMS sets are Custom.

import type {
  ClearMonitoringResultType,
  ComponentVariableType,
  MonitoringCriterionEnumType,
  MonitoringDataType,
  SetMonitoringDataType,
  SetMonitoringResultType,
} from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { nextAlignedMs } from '../shared/readings.js';
import { componentOf, variableOf } from './device-model/model.js';
import { parts, selects } from './device-model/report.js';
import type { VariableDef } from './device-model/types.js';
import { evaluateMonitors, periodicEvent, tripped, watched } from './monitor-events.js';
import type { Ocpp2 } from './profile.js';
import type { Monitor, VariableRef } from './state.js';

const NUMERIC = new Set(['integer', 'decimal']);
const CRITERION: Record<MonitoringCriterionEnumType, readonly string[]> = {
  ThresholdMonitoring: ['UpperThreshold', 'LowerThreshold'],
  DeltaMonitoring: ['Delta', 'TargetDelta', 'TargetDeltaRelative'],
  PeriodicMonitoring: ['Periodic', 'PeriodicClockAligned'],
};
/** 2.1: SetMonitoringDataType may ask for a periodic event stream. */
type SetMonitoring = SetMonitoringDataType & { periodicEventStream?: { interval?: number; values?: number } };

const refOf = (def: VariableDef): VariableRef => ({
  component: def.component,
  variable: def.variable,
  ...(def.componentInstance ? { componentInstance: def.componentInstance } : {}),
  ...(def.evseId !== undefined ? { evseId: def.evseId } : {}),
  ...(def.connectorId !== undefined ? { connectorId: def.connectorId } : {}),
  ...(def.variableInstance ? { variableInstance: def.variableInstance } : {}),
});

export class Monitoring {
  constructor(private readonly p: Ocpp2) {}

  /** The monitors a station has from the factory (N03 SetMonitoringBase restores them). */
  #factory(): Monitor[] {
    const problem = (evseId?: number): VariableRef => ({
      component: evseId === undefined ? 'ChargingStation' : 'EVSE',
      variable: 'Problem',
      ...(evseId === undefined ? {} : { evseId }),
    });
    const base = { type: 'Delta', value: 1, transaction: false } as const;
    return [
      { id: 1, kind: 'HardWired', severity: 2, ...base, ...problem() },
      ...this.p.ctx.state.connectors.map(
        (c): Monitor => ({ id: 1 + c.id, kind: 'Preconfigured', severity: 4, ...base, ...problem(c.id) }),
      ),
    ];
  }

  /** N04: one result per monitor asked for. */
  set(data: readonly SetMonitoring[]): SetMonitoringResultType[] {
    return data.map((d) => {
      const base = { type: d.type, severity: d.severity, component: d.component, variable: d.variable };
      const def = this.p.device.find(d.component, d.variable);
      if (typeof def === 'string') return { ...base, status: def };
      if (!this.p.flag('MonitoringCtrlr', 'Enabled') || d.severity < 0 || d.severity > 9)
        return { ...base, status: 'Rejected' };
      const numeric = NUMERIC.has(def.dataType);
      const supported =
        d.type === 'Delta' ||
        ((d.type === 'UpperThreshold' || d.type === 'LowerThreshold') && numeric) ||
        ((d.type === 'Periodic' || d.type === 'PeriodicClockAligned') && d.value > 0);
      if (!supported) return { ...base, status: 'UnsupportedMonitorType' };
      const replaced = d.id === undefined ? undefined : this.p.data.monitors.find((m) => m.id === d.id);
      if (d.id !== undefined && (!replaced || replaced.kind === 'HardWired'))
        return { ...base, status: 'Rejected' };
      const ref = refOf(def);
      const same = (m: Monitor) =>
        m !== replaced && m.type === d.type && m.severity === d.severity && this.#sameVariable(m, ref);
      if (this.p.data.monitors.some(same)) return { ...base, status: 'Duplicate' };
      const monitor: Monitor = {
        id: replaced?.id ?? this.p.data.nextMonitorId++,
        kind: replaced?.kind ?? 'Custom',
        type: d.type,
        value: d.value,
        severity: d.severity,
        transaction: d.transaction ?? false,
        ...ref,
        ...(d.periodicEventStream && this.p.protocol === 'ocpp2.1'
          ? { stream: { ...d.periodicEventStream } }
          : {}),
      };
      // Events come from changes after this moment: a threshold already crossed is not news.
      const value = this.p.device.value(def);
      monitor.last = { value, tripped: tripped(monitor, value) };
      if (replaced) this.#remove(replaced);
      this.p.data.monitors.push(monitor);
      this.#arm(monitor);
      if (monitor.stream) this.p.afterAnswer(`stream:${monitor.id}`, () => this.p.streams.open(monitor));
      return { ...base, status: 'Accepted', id: monitor.id };
    });
  }

  #sameVariable(m: VariableRef, r: VariableRef): boolean {
    return (
      m.component === r.component &&
      m.componentInstance === r.componentInstance &&
      m.evseId === r.evseId &&
      m.connectorId === r.connectorId &&
      m.variable === r.variable &&
      m.variableInstance === r.variableInstance
    );
  }

  /** N06: hard-wired monitors stay (Rejected); unknown ids are NotFound. */
  clear(ids: readonly number[]): ClearMonitoringResultType[] {
    return ids.map((id) => {
      const m = this.p.data.monitors.find((x) => x.id === id);
      if (!m) return { id, status: 'NotFound' };
      if (m.kind === 'HardWired') return { id, status: 'Rejected' };
      this.#remove(m);
      return { id, status: 'Accepted' };
    });
  }

  #remove(m: Monitor): void {
    this.p.data.monitors = this.p.data.monitors.filter((x) => x !== m);
    this.p.ctx.timers.clear(`monitor:${m.id}`);
    if (m.stream) this.p.streams.close(m.id);
  }

  /**
   * N03: All keeps the CSMS's monitors and restores the factory ones; FactoryDefault keeps only
   * the factory ones; HardWiredOnly only the hard-wired.
   */
  setBase(base: 'All' | 'FactoryDefault' | 'HardWiredOnly'): 'Accepted' {
    const custom = this.p.data.monitors.filter((m) => m.kind === 'Custom');
    const factory = this.#factory().filter((m) => base !== 'HardWiredOnly' || m.kind === 'HardWired');
    for (const m of this.p.data.monitors) this.#remove(m);
    this.p.data.monitors = [...factory, ...(base === 'All' ? custom : [])];
    for (const m of this.p.data.monitors) {
      this.#arm(m);
      if (m.stream && m.kind === 'Custom') this.p.streams.open(m);
    }
    this.p.data.monitoringBase = base;
    return 'Accepted';
  }

  /** N05: events of a severity above (numerically) the level are no longer reported. */
  setLevel(severity: number): 'Accepted' | 'Rejected' {
    if (severity < 0 || severity > 9) return 'Rejected';
    this.p.data.monitoringLevel = severity;
    return 'Accepted';
  }

  /** N02: the monitors matching the request, grouped per variable (empty: nothing to report). */
  select(
    criteria: readonly MonitoringCriterionEnumType[] | undefined,
    componentVariable: readonly ComponentVariableType[] | undefined,
  ): MonitoringDataType[] {
    const types =
      criteria && criteria.length > 0 ? new Set(criteria.flatMap((c) => CRITERION[c])) : undefined;
    const groups = new Map<string, MonitoringDataType>();
    for (const m of this.p.data.monitors) {
      const def = watched(this.p, m);
      if (!def || (types && !types.has(m.type))) continue;
      if (
        componentVariable &&
        componentVariable.length > 0 &&
        !componentVariable.some((w) => selects(def, w))
      )
        continue;
      const key = JSON.stringify([componentOf(m), variableOf(m)]);
      const group = groups.get(key) ?? {
        component: componentOf(m),
        variable: variableOf(m),
        variableMonitoring: [],
      };
      group.variableMonitoring.push({
        id: m.id,
        transaction: m.transaction,
        value: m.value,
        type: m.type as 'Delta',
        severity: m.severity,
      });
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  /** Sends the selected monitors as NotifyMonitoringReport parts (after the answer). */
  async report(requestId: number, monitors: readonly MonitoringDataType[]): Promise<void> {
    const chunks = parts(monitors, this.p.number('DeviceDataCtrlr', 'ItemsPerMessage', 'GetReport'), 0);
    const generatedAt = this.p.iso();
    for (const [seqNo, monitor] of chunks.entries())
      await this.p.send(
        'NotifyMonitoringReport',
        { requestId, generatedAt, seqNo, monitor, ...(seqNo < chunks.length - 1 ? { tbc: true } : {}) },
        { requested: true },
      );
  }

  /** Periodic monitors read their variable every `value` seconds (aligned to the clock, or from now). */
  #arm(m: Monitor): void {
    if (m.type !== 'Periodic' && m.type !== 'PeriodicClockAligned') return;
    const { ctx } = this.p;
    const next = () =>
      m.type === 'PeriodicClockAligned'
        ? nextAlignedMs(ctx.clock.now(), m.value)
        : ctx.clock.now() + m.value * 1000;
    const tick = () => {
      periodicEvent(this.p, m);
      ctx.timers.at(`monitor:${m.id}`, next(), tick);
    };
    if (this.p.accepted) ctx.timers.at(`monitor:${m.id}`, next(), tick);
  }

  /** Looks at the threshold and delta monitors now (after anything a monitored value depends on). */
  evaluate(): void {
    evaluateMonitors(this.p);
  }

  /** A fresh station gets its factory monitors; a restored one keeps what it had. */
  recover(): void {
    if (
      this.p.data.monitors.length === 0 &&
      this.p.data.monitoringBase === 'All' &&
      this.p.data.nextMonitorId === 100
    )
      this.p.data.monitors = this.#factory();
  }

  accepted(): void {
    for (const m of this.p.data.monitors) this.#arm(m);
    this.p.streams.accepted();
    this.evaluate();
  }
}
