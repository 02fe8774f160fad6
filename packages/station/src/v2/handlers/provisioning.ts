// Provisioning (B05 SetVariables, B06 GetVariables, B07 GetBaseReport, B08 GetReport, B09
// SetNetworkProfile, B11/B12 Reset) and DataTransfer (P01).

import { RPCError } from '@ocpp-ws-io/core';
import { baseReportVariables, customReportVariables, sendReport } from '../device-model/report.js';
import { configKey, type VariableDef } from '../device-model/types.js';
import type { Ocpp2 } from '../profile.js';

/** B05/B06: a message with more entries than ItemsPerMessage is refused as a whole (CALLERROR). */
function checkItems(p: Ocpp2, count: number, instance: 'GetVariables' | 'SetVariables'): void {
  const max = p.number('DeviceDataCtrlr', 'ItemsPerMessage', instance);
  if (max > 0 && count > max)
    throw new RPCError(
      'OccurrenceConstraintViolation',
      `${count} entries; ItemsPerMessage[${instance}] is ${max}`,
    );
}

/** A changed setting that drives timers takes effect at once (also used by local-config.ts). */
export function settingChanged(p: Ocpp2, def: VariableDef): void {
  if (def.component === 'OCPPCommCtrlr' && def.variable === 'HeartbeatInterval')
    p.bootSequence.scheduleHeartbeat();
  if (def.component === 'SampledDataCtrlr') for (const c of p.ctx.state.connectors) p.sampler.schedule(c);
  if (def.component === 'AlignedDataCtrlr') p.meterClock.schedule();
  // A01: the new BasicAuthPassword is the password of the next connection.
  if (def.component === 'SecurityCtrlr' && def.variable === 'BasicAuthPassword')
    p.ctx.client.setPassword(p.ctx.state.config[configKey(def)]);
}

export function provisioningHandlers(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('GetVariables', ({ getVariableData }) => {
      checkItems(p, getVariableData.length, 'GetVariables');
      return { getVariableResult: getVariableData.map((d) => p.device.get(d)) };
    }),
    p.handle('SetVariables', ({ setVariableData }) => {
      checkItems(p, setVariableData.length, 'SetVariables');
      const results = setVariableData.map((d) => p.device.set(d));
      for (const { changed } of results) if (changed) settingChanged(p, changed);
      p.monitoring.evaluate();
      return { setVariableResult: results.map((r) => r.result) };
    }),
    p.handle('GetBaseReport', ({ requestId, reportBase }) => {
      const defs = baseReportVariables(p, reportBase);
      if (defs.length === 0) return { status: 'EmptyResultSet' };
      p.afterAnswer(`report:${requestId}`, () => sendReport(p, requestId, defs));
      return { status: 'Accepted' };
    }),
    p.handle('GetReport', ({ requestId, componentVariable, componentCriteria }) => {
      const defs = customReportVariables(p, componentVariable, componentCriteria);
      if (defs.length === 0) return { status: 'EmptyResultSet' };
      p.afterAnswer(`report:${requestId}`, () => sendReport(p, requestId, defs));
      return { status: 'Accepted' };
    }),
    p.handle('SetNetworkProfile', ({ configurationSlot, connectionData }) => {
      const status = p.network.set(configurationSlot, connectionData);
      if (status === 'Accepted') p.bootSequence.securityEvent('ReconfigurationOfSecurityParameters');
      return { status };
    }),
    p.handle('Reset', ({ type, evseId }) => p.resets.reset(type, evseId)),
    p.handle('DataTransfer', async (request) => {
      const answer = ctx.behaviour.dataTransfer;
      // P01: a vendorId the station has no implementation for is UnknownVendorId.
      if (!answer) return { status: 'UnknownVendorId' };
      const { status, data } = await answer(request);
      return { status, ...(data !== undefined ? { data } : {}) };
    }),
  ];
}
