// NotifyEvent from variable monitors (N07/N08 "monitoring events"): threshold monitors fire when
// the value crosses their value (and again, cleared, when it crosses back), delta monitors when
// the value moved by at least their value (any change for non-numbers), periodic monitors on their
// interval. Only monitors at or above MonitoringCtrlr's active level (severity ≤ level) report.

import type { EventDataType, EventTriggerEnumType } from '@ocpp-ws-io/schemas/ocpp2.0.1';
import { componentOf, variableOf } from './device-model/model.js';
import type { VariableDef } from './device-model/types.js';
import type { Ocpp2 } from './profile.js';
import type { Monitor } from './state.js';

const NOTIFICATION = {
  HardWired: 'HardWiredMonitor',
  Preconfigured: 'PreconfiguredMonitor',
  Custom: 'CustomMonitor',
} as const;

const isThreshold = (m: Monitor) => m.type === 'UpperThreshold' || m.type === 'LowerThreshold';

/** Whether a threshold monitor's condition holds for `value`. */
export function tripped(m: Monitor, value: string): boolean {
  const n = Number(value);
  if (!Number.isFinite(n)) return false;
  return m.type === 'UpperThreshold' ? n > m.value : m.type === 'LowerThreshold' ? n < m.value : false;
}

/** The definition a monitor watches (undefined once it no longer exists). */
export function watched(p: Ocpp2, m: Monitor): VariableDef | undefined {
  const def = p.device.find(componentOf(m), variableOf(m));
  return typeof def === 'string' ? undefined : def;
}

/** Monitors bound to transactions watch only while one runs on their EVSE (any, for station-wide ones). */
function active(p: Ocpp2, m: Monitor): string | undefined | false {
  if (!m.transaction) return undefined;
  const running = p.ctx.state.connectors.filter(
    (c) => c.transaction && (m.evseId === undefined || c.id === m.evseId),
  );
  return running[0]?.transaction?.id ?? false;
}

/** One event of monitor `m` with the value it saw. */
function eventOf(
  p: Ocpp2,
  m: Monitor,
  value: string,
  trigger: EventTriggerEnumType,
  cleared?: boolean,
): EventDataType {
  const transactionId = active(p, m);
  return {
    eventId: p.data.nextEventId++,
    timestamp: p.iso(),
    trigger,
    actualValue: value.slice(0, 2500),
    ...(cleared ? { cleared: true } : {}),
    ...(typeof transactionId === 'string' ? { transactionId } : {}),
    component: componentOf(m),
    variable: variableOf(m),
    variableMonitoringId: m.id,
    eventNotificationType: NOTIFICATION[m.kind],
  };
}

/** Sends events (or, for a 2.1 streaming monitor, hands the values to its stream). */
export function report(p: Ocpp2, events: ReadonlyArray<{ monitor: Monitor; event: EventDataType }>): void {
  const notify: EventDataType[] = [];
  for (const { monitor, event } of events) {
    if (monitor.severity > p.data.monitoringLevel) continue;
    if (monitor.stream) p.streams.push(monitor, event.actualValue);
    else notify.push(event);
  }
  if (notify.length === 0 || !p.accepted) return;
  void p.send('NotifyEvent', { generatedAt: p.iso(), seqNo: 0, eventData: notify });
}

/** Looks at every threshold and delta monitor now; reports what fired. */
export function evaluateMonitors(p: Ocpp2): void {
  const fired: Array<{ monitor: Monitor; event: EventDataType }> = [];
  for (const m of p.data.monitors) {
    if (!isThreshold(m) && m.type !== 'Delta') continue;
    const def = watched(p, m);
    if (!def || active(p, m) === false) continue;
    const value = p.device.value(def);
    const last = m.last;
    if (isThreshold(m)) {
      const now = tripped(m, value);
      if (last && now !== last.tripped)
        fired.push({ monitor: m, event: eventOf(p, m, value, 'Alerting', !now) });
      m.last = { value, tripped: now };
      continue;
    }
    const moved =
      last !== undefined &&
      (Number.isFinite(Number(value)) && Number.isFinite(Number(last.value)) && value.trim() !== ''
        ? Math.abs(Number(value) - Number(last.value)) >= Math.max(m.value, Number.MIN_VALUE)
        : value !== last.value);
    if (moved) fired.push({ monitor: m, event: eventOf(p, m, value, 'Delta') });
    // A delta monitor measures from the value it last reported.
    if (moved || !last) m.last = { value, tripped: false };
  }
  if (fired.length > 0) report(p, fired);
}

/** A periodic monitor's reading (trigger Periodic). */
export function periodicEvent(p: Ocpp2, m: Monitor): void {
  const def = watched(p, m);
  if (!def || active(p, m) === false) return;
  report(p, [{ monitor: m, event: eventOf(p, m, p.device.value(def), 'Periodic') }]);
}
