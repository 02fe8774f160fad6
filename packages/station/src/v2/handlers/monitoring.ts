// SetVariableMonitoring (N04), ClearVariableMonitoring (N06), SetMonitoringBase (N03),
// SetMonitoringLevel (N05), GetMonitoringReport (N02) → NotifyMonitoringReport.

import { RPCError } from '@ocpp-ws-io/core';
import type { Ocpp2 } from '../profile.js';

export function monitoringHandlers(p: Ocpp2): Array<() => void> {
  const items = (count: number, instance: string) => {
    const max = p.number('MonitoringCtrlr', 'ItemsPerMessage', instance);
    if (max > 0 && count > max)
      throw new RPCError(
        'OccurrenceConstraintViolation',
        `${count} entries; ItemsPerMessage[${instance}] is ${max}`,
      );
  };
  return [
    p.handle('SetVariableMonitoring', ({ setMonitoringData }) => {
      items(setMonitoringData.length, 'SetVariableMonitoring');
      return { setMonitoringResult: p.monitoring.set(setMonitoringData) };
    }),
    p.handle('ClearVariableMonitoring', ({ id }) => {
      items(id.length, 'ClearVariableMonitoring');
      return { clearMonitoringResult: p.monitoring.clear(id) };
    }),
    p.handle('SetMonitoringBase', ({ monitoringBase }) => ({ status: p.monitoring.setBase(monitoringBase) })),
    p.handle('SetMonitoringLevel', ({ severity }) => ({ status: p.monitoring.setLevel(severity) })),
    p.handle('GetMonitoringReport', ({ requestId, monitoringCriteria, componentVariable }) => {
      const monitors = p.monitoring.select(monitoringCriteria, componentVariable);
      if (monitors.length === 0) return { status: 'EmptyResultSet' };
      p.afterAnswer(`monitoringReport:${requestId}`, () => p.monitoring.report(requestId, monitors));
      return { status: 'Accepted' };
    }),
  ];
}
